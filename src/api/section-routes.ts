import { Hono } from 'hono';
import { idParam } from '../domain/common';
import {
  diffQuerySchema,
  reportMessages,
  restoreSchema,
  revisionPlainText,
  sectionCreateSchema,
  sectionOrderSchema,
  sectionUpdateSchema,
  yearParam,
  type SectionDiff } from '../domain/report';
import { workflowMessages } from '../domain/report-workflow';
import { docToPlainText, emptyDoc, richDocShapeSchema } from '../domain/rich-text';
import { diffWords } from '../domain/report-diff';
import { deleteSection, getRevision, insertSection, listRevisions, listSectionRows, reorderSections } from '../db/report-queries';
import { auditFor } from '../db/audit-queries';
import { fromJson } from '../db/json-column';
import type { AuditDraft } from '../domain/audit';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { requirePermission } from './auth';
import { change } from './change';
import { HttpProblem, invalid } from './problem';
import { readParam } from './validate';
import { freshSection, overview, readRichBody, requireReport, requireRole, requireSection, sameText, saveText, sectionAudit, sectionBody, sectionParams } from './report-common';

const sectionUpdateBody = jsonBody(sectionUpdateSchema, 'SectionUpdate', { refs: { content: ['RichDoc', richDocShapeSchema] } });
const sectionOrderBody = jsonBody(sectionOrderSchema, 'SectionOrder');
const sectionCreateBody = jsonBody(sectionCreateSchema, 'SectionCreate');
const restoreBody = jsonBody(restoreSchema, 'SectionRestore');
const diffQuery = queryParams(diffQuerySchema);

/** A report's sections, mounted at /api/reports/:year/sections: order, create, read, edit, delete, revisions, diff, history. */
export function sectionRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/order', requirePermission('writeReports'), doc('Reordenar las secciones (todas, cada una una vez)', { ...ok(200, 'Resumen del informe'), ...problems(400, 401, 403, 404) }, { parameters: pathParams({ year: yearParam }) }), sectionOrderBody, async (c) => {
    const year = readParam(c, 'year', yearParam);
    const { ids } = await sectionOrderBody.read(c);
    const body = await change(c, async ({ tx, user }) => {
      await requireReport(tx, year);
      const current = (await listSectionRows(tx, year)).map((r) => r.id);
      const permutation = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
      if (!permutation) throw new HttpProblem(400, reportMessages.badOrder, { errors: [{ path: 'ids', message: reportMessages.badOrder }] });
      const moved = ids.some((id, i) => id !== current[i]);
      if (moved) await reorderSections(tx, ids);
      const audit: AuditDraft[] = moved ? [{ action: 'update', entity: 'report', entityId: year, changes: ['orden de las secciones'] }] : [];
      return { result: await overview(tx, year, user), audit };
    });
    return c.json(body);
  });

  app.post('/', requirePermission('writeReports'), doc('Agregar una sección libre al final', { ...ok(201, 'Sección creada'), ...problems(400, 401, 403, 404) }, { parameters: pathParams({ year: yearParam }) }), sectionCreateBody, async (c) => {
    const year = readParam(c, 'year', yearParam);
    const input = await sectionCreateBody.read(c);
    const section = await change(c, async ({ tx, user, now, today }) => {
      await requireReport(tx, year);
      const rows = await listSectionRows(tx, year);
      const id = await insertSection(tx, { year, position: rows.length + 1, kind: 'free', forumId: null, title: input.title, content: emptyDoc(), recommendations: [] }, user.username, now);
      return { result: await freshSection(tx, year, id, today), audit: [sectionAudit(id, 'create', [input.title])] };
    });
    c.header('Location', `/api/reports/${year}/sections/${section.id}`);
    return c.json(section, 201);
  });

  app.get('/:id', requirePermission('readReports'), doc('Sección (con su parte generada de los datos si es estadísticas, preguntas y respuestas, evaluación, compromisos o seguimiento)', { ...ok(200, 'Sección'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), async (c) => {
    const { db, today } = c.get('deps');
    const { year, id } = sectionParams(c);
    return c.json(await sectionBody(db, await requireSection(db, year, id), today()));
  });

  app.put('/:id', requireRole('writeReports', workflowMessages.reviewerCannotEdit), doc('Guardar la sección (nueva revisión; vuelve a borrador y retira una aprobación)', { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), sectionUpdateBody, async (c) => {
    const { year, id } = sectionParams(c);
    const input = await readRichBody(c, sectionUpdateBody);
    const body = await change(c, async ({ tx, user, now, today }) => {
      const row = await requireSection(tx, year, id);
      if (input.recommendations !== undefined && row.kind !== 'recommendations') {
        throw invalid([{ path: 'recommendations', message: reportMessages.recommendationsOnly }]);
      }
      const text = { title: input.title, content: input.content, recommendations: input.recommendations ?? fromJson(row.recommendations) };
      // Saving the same text again is not a change: no revision, and an approval stays.
      if (row.version === input.version && sameText(row, text)) return { result: await sectionBody(tx, row, today) };
      const audit = await saveText(tx, row, input.version, text, user, now, today, null);
      return { result: await freshSection(tx, year, id, today), audit };
    });
    return c.json(body);
  });

  app.delete('/:id', requirePermission('writeReports'), doc('Eliminar la sección (no si está aprobada)', { ...ok(204, 'Eliminada'), ...problems(401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), async (c) => {
    const { year, id } = sectionParams(c);
    await change(c, async ({ tx }) => {
      const row = await requireSection(tx, year, id);
      if (row.state === 'approved') throw new HttpProblem(409, reportMessages.deleteApproved);
      await deleteSection(tx, row);
      return { result: null, audit: [sectionAudit(id, 'delete', [row.title])] };
    });
    return c.body(null, 204);
  });

  /* ----- revisions ----- */

  app.get('/:id/revisions', requirePermission('readReports'), doc('Revisiones de la sección (la más reciente primero)', { ...ok(200, 'Revisiones'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    await requireSection(db, year, id);
    return c.json({ items: await listRevisions(db, id) });
  });

  app.get('/:id/revisions/:revisionId', requirePermission('readReports'), doc('Una revisión completa', { ...ok(200, 'Revisión'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam, revisionId: idParam }) }), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    const revisionId = readParam(c, 'revisionId', idParam);
    await requireSection(db, year, id);
    const revision = await getRevision(db, id, revisionId);
    if (!revision) throw new HttpProblem(404, reportMessages.revisionNotFound);
    return c.json(revision);
  });

  app.post('/:id/revisions/:revisionId/restore', requireRole('writeReports', workflowMessages.reviewerCannotEdit), doc('Restaurar una revisión (como revisión nueva)', { ...ok(200, 'Sección'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ year: yearParam, id: idParam, revisionId: idParam }) }), restoreBody, async (c) => {
    const { year, id } = sectionParams(c);
    const revisionId = readParam(c, 'revisionId', idParam);
    const { version } = await restoreBody.read(c);
    const body = await change(c, async ({ tx, user, now, today }) => {
      const row = await requireSection(tx, year, id);
      const revision = await getRevision(tx, id, revisionId);
      if (!revision) throw new HttpProblem(404, reportMessages.revisionNotFound);
      const audit = await saveText(tx, row, version, revision, user, now, today, `restaurada desde la revisión ${revision.number}`);
      return { result: await freshSection(tx, year, id, today), audit };
    });
    return c.json(body);
  });

  app.get('/:id/diff', requirePermission('readReports'), doc('Diferencias por palabras entre dos revisiones', { ...ok(200, 'Diferencias'), ...problems(400, 401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), diffQuery, async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    const query = diffQuery.read(c);
    await requireSection(db, year, id);
    const [from, to] = await Promise.all([getRevision(db, id, query.from), getRevision(db, id, query.to)]);
    if (!from || !to) throw new HttpProblem(404, reportMessages.revisionNotFound);
    const body: SectionDiff = { from: from.id, to: to.id, parts: diffWords(revisionPlainText(from, docToPlainText), revisionPlainText(to, docToPlainText)) };
    return c.json(body);
  });

  app.get('/:id/history', requirePermission('readAudit'), doc('Historial de la sección (registro de auditoría)', { ...ok(200, 'Entradas del registro de auditoría'), ...problems(401, 404) }, { parameters: pathParams({ year: yearParam, id: idParam }) }), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    await requireSection(db, year, id);
    return c.json({ items: await auditFor(db, 'report_section', id) });
  });

  return app;
}

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
  type SectionDiff,
} from '../domain/report';
import { workflowMessages } from '../domain/report-workflow';
import { docToPlainText, emptyDoc } from '../domain/rich-text';
import { diffWords } from '../domain/report-diff';
import { deleteSection, getRevision, insertSection, listRevisions, listSectionRows, reorderSections } from '../db/report-queries';
import { auditFor } from '../db/audit-queries';
import type { AuditDraft } from '../domain/audit';
import type { AppEnv } from './deps';
import { requirePermission } from './auth';
import { change } from './change';
import { HttpProblem, invalid } from './problem';
import { readBody, readParam, readQuery } from './validate';
import { freshSection, overview, readRichBody, requireReport, requireRole, requireSection, sameText, saveText, sectionAudit, sectionBody, sectionParams } from './report-common';

/** A report's sections, mounted at /api/reports/:year/sections: order, create, read, edit, delete, revisions, diff, history. */
export function sectionRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/order', requirePermission('writeReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const { ids } = await readBody(c, sectionOrderSchema);
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

  app.post('/', requirePermission('writeReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const input = await readBody(c, sectionCreateSchema);
    const section = await change(c, async ({ tx, user, now }) => {
      await requireReport(tx, year);
      const rows = await listSectionRows(tx, year);
      const id = await insertSection(tx, { year, position: rows.length + 1, kind: 'free', forumId: null, title: input.title, content: emptyDoc(), recommendations: [] }, user.username, now);
      return { result: await freshSection(tx, year, id), audit: [sectionAudit(id, 'create', [input.title])] };
    });
    c.header('Location', `/api/reports/${year}/sections/${section.id}`);
    return c.json(section, 201);
  });

  app.get('/:id', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    return c.json(await sectionBody(db, await requireSection(db, year, id)));
  });

  app.put('/:id', requireRole('writeReports', workflowMessages.reviewerCannotEdit), async (c) => {
    const { year, id } = sectionParams(c);
    const input = await readRichBody(c, sectionUpdateSchema);
    const body = await change(c, async ({ tx, user, now }) => {
      const row = await requireSection(tx, year, id);
      if (input.recommendations !== undefined && row.kind !== 'recommendations') {
        throw invalid([{ path: 'recommendations', message: reportMessages.recommendationsOnly }]);
      }
      const text = { title: input.title, content: input.content, recommendations: input.recommendations ?? (JSON.parse(row.recommendations) as string[]) };
      // Saving the same text again is not a change: no revision, and an approval stays.
      if (row.version === input.version && sameText(row, text)) return { result: await sectionBody(tx, row) };
      const audit = await saveText(tx, row, input.version, text, user, now, null);
      return { result: await freshSection(tx, year, id), audit };
    });
    return c.json(body);
  });

  app.delete('/:id', requirePermission('writeReports'), async (c) => {
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

  app.get('/:id/revisions', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    await requireSection(db, year, id);
    return c.json({ items: await listRevisions(db, id) });
  });

  app.get('/:id/revisions/:revisionId', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    const revisionId = readParam(c, 'revisionId', idParam);
    await requireSection(db, year, id);
    const revision = await getRevision(db, id, revisionId);
    if (!revision) throw new HttpProblem(404, reportMessages.revisionNotFound);
    return c.json(revision);
  });

  app.post('/:id/revisions/:revisionId/restore', requireRole('writeReports', workflowMessages.reviewerCannotEdit), async (c) => {
    const { year, id } = sectionParams(c);
    const revisionId = readParam(c, 'revisionId', idParam);
    const { version } = await readBody(c, restoreSchema);
    const body = await change(c, async ({ tx, user, now }) => {
      const row = await requireSection(tx, year, id);
      const revision = await getRevision(tx, id, revisionId);
      if (!revision) throw new HttpProblem(404, reportMessages.revisionNotFound);
      const audit = await saveText(tx, row, version, revision, user, now, `restaurada desde la revisión ${revision.number}`);
      return { result: await freshSection(tx, year, id), audit };
    });
    return c.json(body);
  });

  app.get('/:id/diff', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    const query = readQuery(c, diffQuerySchema);
    await requireSection(db, year, id);
    const [from, to] = await Promise.all([getRevision(db, id, query.from), getRevision(db, id, query.to)]);
    if (!from || !to) throw new HttpProblem(404, reportMessages.revisionNotFound);
    const body: SectionDiff = { from: from.id, to: to.id, parts: diffWords(revisionPlainText(from, docToPlainText), revisionPlainText(to, docToPlainText)) };
    return c.json(body);
  });

  app.get('/:id/history', requirePermission('readAudit'), async (c) => {
    const db = c.get('deps').db;
    const { year, id } = sectionParams(c);
    await requireSection(db, year, id);
    return c.json({ items: await auditFor(db, 'report_section', id) });
  });

  return app;
}

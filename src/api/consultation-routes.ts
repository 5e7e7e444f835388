import { Hono } from 'hono';
import { idParam, type FieldIssue } from '../domain/common';
import {
  changedConsultationFields,
  consultationInputSchema,
  consultationLimits,
  consultationListQuerySchema,
  consultationMessages,
  consultationUpdateSchema,
  responseInputSchema,
  responseListQuerySchema,
  responsesRefusedReason,
  validateResponse,
  type Consultation,
  type ConsultationInput } from '../domain/consultation';
import {
  collectRowShapeIssues,
  consultationImportBodySchema,
  consultationImportMessages,
  consultationImportQuerySchema,
  consultationImportSchema,
  createImportMapper,
  importShapeIssuesShown,
  type ConsultationImportResult } from '../domain/consultation-import';
import { tallyConsultation } from '../domain/consultation-tally';
import { emptyForum, forumInputSchema, type ForumInput } from '../domain/forum';
import { can } from '../domain/roles';
import {
  consultationOfYear,
  deleteConsultation,
  deleteResponse,
  forumsByTopic,
  getConsultation,
  getResponse,
  insertConsultation,
  commitPendingImport,
  discardPendingImportRows,
  insertResponses,
  listConsultations,
  listResponses,
  questionsForTopic,
  startPendingImport,
  tallyResponses,
  updateConsultation,
  votesPerTopic } from '../db/consultation-queries';
import { getForum, insertForum } from '../db/forum-queries';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { requirePermission, requireUser } from './auth';
import { change, stale } from './change';
import { badRows, HttpProblem, invalid } from './problem';
import { readJsonInSlices, readParam, validated } from './validate';

// Documented from its whole schema; read a slice of rows at a time (readImportBody checks the same shape), not with .read.
const consultationImportBody = jsonBody(consultationImportSchema, 'ConsultationImport');
const consultationListQuery = queryParams(consultationListQuerySchema);
const consultationInputBody = jsonBody(consultationInputSchema, 'ConsultationInput');
const consultationUpdateBody = jsonBody(consultationUpdateSchema, 'ConsultationUpdate');
const responseListQuery = queryParams(responseListQuerySchema);
const responseInputBody = jsonBody(responseInputSchema, 'ConsultationResponseInput');
const consultationImportQuery = queryParams(consultationImportQuerySchema);

/** Rows checked, mapped or written per step of an import, with other requests answered in between. */
const importSlice = 1_000;

/**
 * The import's body, validated as consultationImportBodySchema would, but its rows a slice at a time (100.000 rows
 * checked in one go would hold the server): 400 with the first problems at their fields.
 */
async function readImportBody(raw: unknown, yieldToOthers: () => Promise<void>) {
  const rows = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { rows?: unknown }).rows : undefined;
  if (!Array.isArray(rows)) return validated(raw, consultationImportBodySchema);
  if (rows.length > consultationLimits.importRows) throw invalid([{ path: 'rows', message: consultationImportMessages.tooManyRows }]);
  const head = validated({ ...(raw as object), rows: [] }, consultationImportBodySchema);
  const issues: { path: number[]; message: string }[] = [];
  for (let from = 0; from < rows.length && issues.length < importShapeIssuesShown; from += importSlice * 5) {
    collectRowShapeIssues(rows, from, Math.min(rows.length, from + importSlice * 5), issues);
    await yieldToOthers();
  }
  if (issues.length > 0) throw invalid(issues.map((issue) => ({ path: ['rows', ...issue.path].join('.'), message: issue.message })));
  return { ...head, rows: rows as string[][] };
}

/** The largest import body (the rows of a 100.000-response export as JSON). */
export const consultationImportMaxBytes = 30 * 1024 * 1024;

/** The import route's body limit (create-api.ts) is consultationImportMaxBytes instead of the API-wide 1 MB. */
export const isConsultationImportPath = (path: string) => /^\/api\/consultations\/[^/]+\/responses\/import\/?$/.test(path);

const notFound = () => new HttpProblem(404, consultationMessages.notFound);

async function mustGet(db: Parameters<typeof getConsultation>[0], id: number): Promise<Consultation> {
  const consultation = await getConsultation(db, id);
  if (!consultation) throw notFound();
  return consultation;
}

/**
 * Topic ids in the body must be this consultation's; a topic left out must have no votes and no forum.
 * (400 for a foreign id, at its field; 409 for a topic that cannot go.)
 */
async function checkTopicChanges(db: Parameters<typeof getConsultation>[0], current: Consultation, input: ConsultationInput) {
  const known = new Set(current.topics.map((t) => t.id));
  const foreign: FieldIssue[] = [];
  input.topics.forEach((topic, i) => {
    if (topic.id !== undefined && !known.has(topic.id)) foreign.push({ path: `topics.${i}.id`, message: consultationMessages.topicNotFound });
  });
  if (foreign.length > 0) throw invalid(foreign);
  const kept = new Set(input.topics.map((t) => t.id));
  const removed = current.topics.filter((t) => !kept.has(t.id));
  if (removed.length === 0) return;
  const [votes, forums] = await Promise.all([votesPerTopic(db, current.id), forumsByTopic(db, current.id)]);
  for (const topic of removed) {
    const n = votes.get(topic.id) ?? 0;
    if (n > 0) throw new HttpProblem(409, consultationMessages.topicHasVotes(topic.title, n), { topicId: topic.id, votes: n });
    const forumId = forums.get(topic.id);
    if (forumId !== undefined) throw new HttpProblem(409, consultationMessages.topicHasForum(topic.title), { topicId: topic.id, forumId });
  }
}

/** One consultation per year (the report's methodology tells how that year's topics were chosen): 409 at the year field. */
async function checkYearFree(db: Parameters<typeof getConsultation>[0], year: number, exceptId?: number) {
  const other = await consultationOfYear(db, year, exceptId);
  if (!other) return;
  const message = consultationMessages.yearTaken(year, other.title);
  throw new HttpProblem(409, message, { errors: [{ path: 'year', message }], consultationId: other.id });
}

/** The forum a chosen topic becomes: its title and theme, the consultation's year, the proposing team, the questions sent for it. */
function forumFromTopic(consultation: Consultation, topic: Consultation['topics'][number], questions: string[]): ForumInput {
  const base = emptyForum(new Date(Date.UTC(consultation.year, 0, 1)));
  return {
    ...base,
    title: topic.title,
    theme: topic.title,
    year: consultation.year,
    status: 'planned',
    platform: 'facebook_live',
    objective: topic.description,
    responsibleTeams: topic.proposingTeam ? [topic.proposingTeam] : [],
    questions: questions.map((text) => ({ text, channel: 'web_form', answered: false, answeredBy: '', answerSummary: '' })),
  };
}

/**
 * Citizen consultations: the consultation with its topics, its responses (entered one by one or imported from a
 * form export), the tally, and a forum created from a chosen topic. Mounted at /consultations.
 */
export function consultationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('readConsultations'), doc('Consultas ciudadanas', { ...ok(200, 'Lista de consultas con sus conteos'), ...problems(400, 401) }), consultationListQuery, async (c) => {
    const { year } = consultationListQuery.read(c);
    return c.json({ items: await listConsultations(c.get('deps').db, year) });
  });

  app.post('/', requirePermission('writeConsultations'), doc('Crear consulta (una por vigencia)', { ...ok(201, 'Consulta creada'), ...problems(400, 401, 403, 409) }), consultationInputBody, async (c) => {
    const input = await consultationInputBody.read(c);
    // A new consultation has no topics yet: ids sent would point at another one's.
    const withIds = input.topics.flatMap((t, i) => (t.id === undefined ? [] : [{ path: `topics.${i}.id`, message: consultationMessages.topicNotFound }]));
    if (withIds.length > 0) throw invalid(withIds);
    const consultation = await change(c, async ({ tx, user, now }) => {
      await checkYearFree(tx, input.year);
      const id = await insertConsultation(tx, input, user.username, now);
      return { result: await mustGet(tx, id), audit: [{ action: 'create', entity: 'consultation', entityId: id, changes: [] }] };
    });
    c.header('Location', `/api/consultations/${consultation.id}`);
    return c.json(consultation, 201);
  });

  app.get('/:id', requirePermission('readConsultations'), doc('Consulta con sus temas, respuestas contadas y foros creados', { ...ok(200, 'Consulta'), ...problems(401, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    return c.json(await mustGet(c.get('deps').db, readParam(c, 'id', idParam)));
  });

  // The report's methodology is drafted from the consultation once, when the report is created, and is not
  // regenerated: a consultation change touches no report.
  app.put('/:id', requirePermission('writeConsultations'), doc('Guardar consulta (con su versión); un tema con votos o con foro no se puede quitar', { ...ok(200, 'Consulta'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), consultationUpdateBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version, ...input } = await consultationUpdateBody.read(c);
    const consultation = await change(c, async ({ tx, user, now }) => {
      const current = await mustGet(tx, id);
      if (current.version !== version) throw stale(consultationMessages.stale, version, current);
      if (input.year !== current.year) await checkYearFree(tx, input.year, id);
      await checkTopicChanges(tx, current, input);
      const changes = changedConsultationFields(current, input);
      if (!(await updateConsultation(tx, id, version, input, user.username, now))) throw stale(consultationMessages.stale, version, await mustGet(tx, id));
      return { result: await mustGet(tx, id), audit: [{ action: 'update', entity: 'consultation', entityId: id, changes }] };
    });
    return c.json(consultation);
  });

  app.delete('/:id', requirePermission('writeConsultations'), doc('Eliminar consulta con sus respuestas (los foros creados se conservan sin origen)', { ...ok(204, 'Eliminada'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const id = readParam(c, 'id', idParam);
    await change(c, async ({ tx }) => {
      const current = await mustGet(tx, id);
      await deleteConsultation(tx, id);
      return { result: null, audit: [{ action: 'delete', entity: 'consultation', entityId: id, changes: [current.title, `${current.responseCount} respuestas`] }] };
    });
    return c.body(null, 204);
  });

  app.get('/:id/responses', requirePermission('readConsultations'), doc('Respuestas de la consulta', { ...ok(200, 'Página de respuestas'), ...problems(400, 401, 404) }, { parameters: pathParams({ id: idParam }) }), responseListQuery, async (c) => {
    const db = c.get('deps').db;
    const id = readParam(c, 'id', idParam);
    const query = responseListQuery.read(c);
    await mustGet(db, id);
    return c.json(await listResponses(db, id, query));
  });

  app.post('/:id/responses', requirePermission('writeConsultations'), doc('Registrar una respuesta (solo con la consulta abierta)', { ...ok(201, 'Respuesta registrada'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), responseInputBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const input = await responseInputBody.read(c);
    const response = await change(c, async ({ tx, user, now }) => {
      const consultation = await mustGet(tx, id);
      const refused = responsesRefusedReason(consultation.status);
      if (refused) throw new HttpProblem(409, refused, { consultationStatus: consultation.status });
      const issues = validateResponse(input, consultation, { checkStatus: false });
      if (issues.length > 0) throw invalid(issues);
      const [responseId] = await insertResponses(tx, id, [input], 'manual', user.username, now);
      return { result: (await getResponse(tx, id, responseId))!, audit: [{ action: 'update', entity: 'consultation', entityId: id, changes: [`respuesta ${responseId} agregada`] }] };
    });
    c.header('Location', `/api/consultations/${id}/responses/${response.id}`);
    return c.json(response, 201);
  });

  app.delete('/:id/responses/:responseId', requirePermission('writeConsultations'), doc('Eliminar una respuesta', { ...ok(204, 'Eliminada'), ...problems(401, 403, 404) }, { parameters: pathParams({ id: idParam, responseId: idParam }) }), async (c) => {
    const id = readParam(c, 'id', idParam);
    const responseId = readParam(c, 'responseId', idParam);
    await change(c, async ({ tx }) => {
      await mustGet(tx, id);
      if (!(await deleteResponse(tx, id, responseId))) throw new HttpProblem(404, consultationMessages.responseNotFound);
      return { result: null, audit: [{ action: 'update', entity: 'consultation', entityId: id, changes: [`respuesta ${responseId} eliminada`] }] };
    });
    return c.body(null, 204);
  });

  app.post('/:id/responses/import', requirePermission('writeConsultations'), doc('Importar respuestas de una exportación de formulario (dryRun=1 solo revisa; con errores no se guarda nada)', { ...ok(200, 'Vista previa o importación guardada'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) }, { parameters: pathParams({ id: idParam }) }), consultationImportBody, consultationImportQuery, async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const dryRun = ['1', 'true'].includes(consultationImportQuery.read(c).dryRun ?? '0');
    // Megabytes of rows: read, checked and mapped a slice at a time, so other people's requests are answered meanwhile.
    const body = await readImportBody(await readJsonInSlices(c, deps.yieldToOthers), deps.yieldToOthers);
    const consultation = await mustGet(deps.db, id);
    if (consultation.status !== 'open') throw new HttpProblem(409, consultationMessages.importNotOpen, { consultationStatus: consultation.status });

    const mapper = createImportMapper({ ...body, consultation });
    if (!mapper.ok) throw invalid([{ path: mapper.path, message: mapper.message }]);
    for (let from = 0; from < body.rows.length; from += importSlice) {
      mapper.mapRows(from, Math.min(body.rows.length, from + importSlice));
      await deps.yieldToOthers();
    }
    const mapped = mapper.result();
    if (mapped.total === 0) throw invalid([{ path: 'rows', message: consultationImportMessages.noRows }]);
    const result: ConsultationImportResult = {
      dryRun,
      total: mapped.total,
      accepted: mapped.responses.length,
      late: mapped.responses.reduce((n, r) => (r.late ? n + 1 : n), 0),
      errors: mapped.errors.slice(0, consultationLimits.importErrorsShown),
      errorCount: mapped.errors.length,
      droppedPersonalColumns: mapped.droppedPersonalColumns,
      preview: mapped.responses.slice(0, consultationLimits.importPreview).map((r, i) => ({ row: mapped.rowNumbers[i], ...r })),
      saved: false,
      dateOrder: mapped.dateOrder,
    };
    if (dryRun) return c.json(result);
    if (mapped.errors.length > 0) {
      const { errors, ...summary } = result;
      throw badRows(consultationMessages.importHasErrors(mapped.errors.length), errors, summary);
    }

    const now = deps.now().toISOString();
    // All or nothing without holding the database: the rows go in short transactions, invisible (a pending import)
    // until one short transaction checks the consultation again, makes them visible and writes the audit entry.
    const importId = await startPendingImport(deps.db, id, now);
    try {
      for (let from = 0; from < mapped.responses.length; from += importSlice / 2) {
        const slice = mapped.responses.slice(from, from + importSlice / 2);
        await deps.db.transaction().execute((tx) => insertResponses(tx, id, slice, 'import', user.username, now, importId));
        await deps.yieldToOthers();
      }
      await change(c, async ({ tx }) => {
        // Checked again: the consultation may have closed or gone meanwhile.
        const current = await mustGet(tx, id);
        if (current.status !== 'open') throw new HttpProblem(409, consultationMessages.importNotOpen, { consultationStatus: current.status });
        await commitPendingImport(tx, importId);
        const changes = [`importación: ${mapped.responses.length} respuestas${result.late > 0 ? ` (${result.late} tardías)` : ''}`];
        if (mapped.droppedPersonalColumns.length > 0) changes.push(`columnas personales descartadas: ${mapped.droppedPersonalColumns.join(', ')}`);
        return { result: null, audit: [{ action: 'update', entity: 'consultation', entityId: id, changes }] };
      });
    } catch (error) {
      // Nothing of it was ever visible; its rows go, a slice at a time.
      while ((await discardPendingImportRows(deps.db, importId, importSlice)) > 0) await deps.yieldToOthers();
      await commitPendingImport(deps.db, importId);
      throw error;
    }
    return c.json({ ...result, saved: true });
  });

  app.get('/:id/tally', requirePermission('readConsultations'), doc('Conteo: votos por tema, grupo de valor y canal; propuestas agrupadas; preguntas', { ...ok(200, 'Conteo'), ...problems(401, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const db = c.get('deps').db;
    const consultation = await mustGet(db, readParam(c, 'id', idParam));
    return c.json(tallyConsultation(consultation, await tallyResponses(db, consultation.id)));
  });

  // The new forum belongs to the consultation's year: that year's report gets its section (touched year).
  app.post('/:id/topics/:topicId/forum', requirePermission('writeConsultations'), doc('Crear el foro de un tema elegido (con las preguntas del formulario web)', { ...ok(201, 'Foro creado'), ...problems(401, 403, 404, 409) }, { parameters: pathParams({ id: idParam, topicId: idParam }) }), async (c) => {
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const topicId = readParam(c, 'topicId', idParam);
    // It creates a forum too: the role must also be allowed to write forums.
    if (!can(user.role, 'writeForums')) throw new HttpProblem(403, 'Su rol no tiene permiso para esta acción.');
    const forum = await change(c, async ({ tx, now }) => {
      const consultation = await mustGet(tx, id);
      const topic = consultation.topics.find((t) => t.id === topicId);
      if (!topic) throw new HttpProblem(404, consultationMessages.topicNotFound);
      const existing = consultation.forums.find((f) => f.topicId === topicId);
      if (existing) throw new HttpProblem(409, consultationMessages.forumExists, { forumId: existing.id });
      const questions = await questionsForTopic(tx, id, topicId, consultationLimits.forumQuestions);
      const input = forumInputSchema.parse(forumFromTopic(consultation, topic, questions));
      const forumId = await insertForum(tx, input, user.username, now, { consultationId: id, topicId });
      return {
        result: (await getForum(tx, forumId))!,
        audit: [
          { action: 'create', entity: 'forum', entityId: forumId, changes: [`creado desde la consulta «${consultation.title}», tema «${topic.title}»`] },
          { action: 'update', entity: 'consultation', entityId: id, changes: [`foro ${forumId} creado para el tema «${topic.title}»`] },
        ],
        touched: { years: [input.year] },
      };
    });
    c.header('Location', `/api/forums/${forum.id}`);
    return c.json(forum, 201);
  });

  return app;
}

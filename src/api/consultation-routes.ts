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
  type ConsultationInput,
} from '../domain/consultation';
import { consultationImportBodySchema, consultationImportMessages, consultationImportQuerySchema, mapImportRows, type ConsultationImportResult } from '../domain/consultation-import';
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
  insertResponses,
  listConsultations,
  listResponses,
  questionsForTopic,
  tallyResponses,
  updateConsultation,
  votesPerTopic,
} from '../db/consultation-queries';
import { getForum, insertForum } from '../db/forum-queries';
import { writeAudit } from '../db/audit-queries';
import type { AppEnv } from './deps';
import { requirePermission, requireUser } from './auth';
import { HttpProblem } from './problem';
import { readBody, readParam, readQuery } from './validate';

/** The largest import body (the rows of a 100.000-response export as JSON). */
export const consultationImportMaxBytes = 30 * 1024 * 1024;

/** The import route's body limit (create-api.ts) is consultationImportMaxBytes instead of the API-wide 1 MB. */
export const isConsultationImportPath = (path: string) => /^\/api\/consultations\/[^/]+\/responses\/import\/?$/.test(path);

const notFound = () => new HttpProblem(404, consultationMessages.notFound);

function invalid(errors: FieldIssue[]) {
  return new HttpProblem(400, 'Los datos enviados no son válidos.', {
    detail: errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' '),
    errors,
  });
}

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
    questions: questions.map((text) => ({ text, channel: 'web_form', askedBy: '', answered: false, answeredBy: '', answerSummary: '' })),
  };
}

/**
 * Citizen consultations: the consultation with its topics, its responses (entered one by one or imported from a
 * form export), the tally, and a forum created from a chosen topic. Mounted at /consultations.
 */
export function consultationRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('readConsultations'), async (c) => {
    const { year } = readQuery(c, consultationListQuerySchema);
    return c.json({ items: await listConsultations(c.get('deps').db, year) });
  });

  app.post('/', requirePermission('writeConsultations'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const input = await readBody(c, consultationInputSchema);
    // A new consultation has no topics yet: ids sent would point at another one's.
    const withIds = input.topics.flatMap((t, i) => (t.id === undefined ? [] : [{ path: `topics.${i}.id`, message: consultationMessages.topicNotFound }]));
    if (withIds.length > 0) throw invalid(withIds);
    const now = deps.now().toISOString();
    const id = await deps.db.transaction().execute(async (tx) => {
      await checkYearFree(tx, input.year);
      const newId = await insertConsultation(tx, input, user.username, now);
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'create', entity: 'consultation', entityId: newId, changes: [] });
      return newId;
    });
    c.header('Location', `/api/consultations/${id}`);
    return c.json(await getConsultation(deps.db, id), 201);
  });

  app.get('/:id', requirePermission('readConsultations'), async (c) => {
    return c.json(await mustGet(c.get('deps').db, readParam(c, 'id', idParam)));
  });

  app.put('/:id', requirePermission('writeConsultations'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const { version, ...input } = await readBody(c, consultationUpdateSchema);
    const now = deps.now().toISOString();
    await deps.db.transaction().execute(async (tx) => {
      const current = await mustGet(tx, id);
      if (current.version !== version) {
        throw new HttpProblem(409, consultationMessages.stale, { detail: consultationMessages.staleDetail(version, current.version), current });
      }
      if (input.year !== current.year) await checkYearFree(tx, input.year, id);
      await checkTopicChanges(tx, current, input);
      const changes = changedConsultationFields(current, input);
      await updateConsultation(tx, id, version, input, user.username, now);
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'update', entity: 'consultation', entityId: id, changes });
    });
    return c.json(await getConsultation(deps.db, id));
  });

  app.delete('/:id', requirePermission('writeConsultations'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const now = deps.now().toISOString();
    await deps.db.transaction().execute(async (tx) => {
      const current = await mustGet(tx, id);
      await deleteConsultation(tx, id);
      await writeAudit(tx, {
        at: now,
        userId: user.id,
        username: user.username,
        action: 'delete',
        entity: 'consultation',
        entityId: id,
        changes: [current.title, `${current.responseCount} respuestas`],
      });
    });
    return c.body(null, 204);
  });

  app.get('/:id/responses', requirePermission('readConsultations'), async (c) => {
    const db = c.get('deps').db;
    const id = readParam(c, 'id', idParam);
    const query = readQuery(c, responseListQuerySchema);
    await mustGet(db, id);
    return c.json(await listResponses(db, id, query));
  });

  app.post('/:id/responses', requirePermission('writeConsultations'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const input = await readBody(c, responseInputSchema);
    const now = deps.now().toISOString();
    const responseId = await deps.db.transaction().execute(async (tx) => {
      const consultation = await mustGet(tx, id);
      const refused = responsesRefusedReason(consultation.status);
      if (refused) throw new HttpProblem(409, refused, { consultationStatus: consultation.status });
      const issues = validateResponse(input, consultation, { checkStatus: false });
      if (issues.length > 0) throw invalid(issues);
      const [newId] = await insertResponses(tx, id, [input], 'manual', user.username, now);
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'update', entity: 'consultation', entityId: id, changes: [`respuesta ${newId} agregada`] });
      return newId;
    });
    c.header('Location', `/api/consultations/${id}/responses/${responseId}`);
    return c.json(await getResponse(deps.db, id, responseId), 201);
  });

  app.delete('/:id/responses/:responseId', requirePermission('writeConsultations'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const responseId = readParam(c, 'responseId', idParam);
    const now = deps.now().toISOString();
    await deps.db.transaction().execute(async (tx) => {
      await mustGet(tx, id);
      if (!(await deleteResponse(tx, id, responseId))) throw new HttpProblem(404, consultationMessages.responseNotFound);
      await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'update', entity: 'consultation', entityId: id, changes: [`respuesta ${responseId} eliminada`] });
    });
    return c.body(null, 204);
  });

  app.post(
    '/:id/responses/import',
    requirePermission('writeConsultations'),
    async (c) => {
      const deps = c.get('deps');
      const user = requireUser(c);
      const id = readParam(c, 'id', idParam);
      const dryRun = ['1', 'true'].includes(readQuery(c, consultationImportQuerySchema).dryRun ?? '0');
      const body = await readBody(c, consultationImportBodySchema);
      const consultation = await mustGet(deps.db, id);
      if (consultation.status !== 'open') throw new HttpProblem(409, consultationMessages.importNotOpen, { consultationStatus: consultation.status });

      const mapped = mapImportRows({ ...body, consultation });
      if (!mapped.ok) throw invalid([{ path: mapped.path, message: mapped.message }]);
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
      };
      if (dryRun) return c.json(result);
      if (mapped.errors.length > 0) throw new HttpProblem(422, consultationMessages.importHasErrors(mapped.errors.length), { ...result, errors: result.errors as unknown as FieldIssue[] });

      const now = deps.now().toISOString();
      await deps.db.transaction().execute(async (tx) => {
        // Checked again inside the transaction: the consultation may have closed or gone meanwhile.
        const current = await mustGet(tx, id);
        if (current.status !== 'open') throw new HttpProblem(409, consultationMessages.importNotOpen, { consultationStatus: current.status });
        await insertResponses(tx, id, mapped.responses, 'import', user.username, now);
        const changes = [`importación: ${mapped.responses.length} respuestas${result.late > 0 ? ` (${result.late} tardías)` : ''}`];
        if (mapped.droppedPersonalColumns.length > 0) changes.push(`columnas personales descartadas: ${mapped.droppedPersonalColumns.join(', ')}`);
        await writeAudit(tx, { at: now, userId: user.id, username: user.username, action: 'update', entity: 'consultation', entityId: id, changes });
      });
      return c.json({ ...result, saved: true });
    },
  );

  app.get('/:id/tally', requirePermission('readConsultations'), async (c) => {
    const db = c.get('deps').db;
    const consultation = await mustGet(db, readParam(c, 'id', idParam));
    return c.json(tallyConsultation(consultation, await tallyResponses(db, consultation.id)));
  });

  app.post('/:id/topics/:topicId/forum', requirePermission('writeConsultations'), async (c) => {
    const deps = c.get('deps');
    const user = requireUser(c);
    const id = readParam(c, 'id', idParam);
    const topicId = readParam(c, 'topicId', idParam);
    // It creates a forum too: the role must also be allowed to write forums.
    if (!can(user.role, 'writeForums')) throw new HttpProblem(403, 'Su rol no tiene permiso para esta acción.');
    const now = deps.now().toISOString();
    const forumId = await deps.db.transaction().execute(async (tx) => {
      const consultation = await mustGet(tx, id);
      const topic = consultation.topics.find((t) => t.id === topicId);
      if (!topic) throw new HttpProblem(404, consultationMessages.topicNotFound);
      const existing = consultation.forums.find((f) => f.topicId === topicId);
      if (existing) throw new HttpProblem(409, consultationMessages.forumExists, { forumId: existing.id });
      const questions = await questionsForTopic(tx, id, topicId, consultationLimits.forumQuestions);
      const input = forumInputSchema.parse(forumFromTopic(consultation, topic, questions));
      const newId = await insertForum(tx, input, user.username, now, { consultationId: id, topicId });
      await writeAudit(tx, {
        at: now,
        userId: user.id,
        username: user.username,
        action: 'create',
        entity: 'forum',
        entityId: newId,
        changes: [`creado desde la consulta «${consultation.title}», tema «${topic.title}»`],
      });
      await writeAudit(tx, {
        at: now,
        userId: user.id,
        username: user.username,
        action: 'update',
        entity: 'consultation',
        entityId: id,
        changes: [`foro ${newId} creado para el tema «${topic.title}»`],
      });
      return newId;
    });
    c.header('Location', `/api/forums/${forumId}`);
    return c.json(await getForum(deps.db, forumId), 201);
  });

  return app;
}

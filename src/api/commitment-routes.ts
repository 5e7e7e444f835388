import { Hono } from 'hono';
import { z } from 'zod';
import { idParam, type FieldIssue } from '../domain/common';
import {
  commitmentInputSchema,
  commitmentListQuerySchema,
  commitmentMessages,
  commitmentUpdateSchema,
  dueDateIssue,
  followUpInputSchema,
  followUpIssues,
  importedNote,
  planProgressImport,
  progressImportRoleLabels,
  progressImportSchema,
  statusAfterProgress,
  type CommitmentDetail,
  type CommitmentInput,
  type ProgressImportResult,
} from '../domain/commitment';
import {
  applyProgressUpdates,
  commitmentYears,
  getCommitment,
  insertCommitment,
  insertFollowUp,
  knownCommitments,
  listCommitmentAreas,
  listCommitments,
  updateCommitment,
} from '../db/commitment-queries';
import type { Database } from '../db/schema';
import type { Kysely, Transaction } from 'kysely';
import { requirePermission } from './auth';
import { change, stale } from './change';
import type { AppEnv } from './deps';
import { doc, jsonBody, ok, pathParams, problems, queryParams } from './openapi-doc';
import { badRows, HttpProblem, invalid } from './problem';
import { readParam } from './validate';

type Db = Kysely<Database> | Transaction<Database>;

const listQuery = queryParams(commitmentListQuerySchema);
const inputBody = jsonBody(commitmentInputSchema, 'CommitmentInput');
const updateBody = jsonBody(commitmentUpdateSchema, 'CommitmentUpdate');
const followUpBody = jsonBody(followUpInputSchema, 'CommitmentFollowUpInput');
const importBody = jsonBody(progressImportSchema, 'CommitmentProgressImport');
const importQuery = queryParams(
  z.strictObject({ dryRun: z.enum(['1', 'true', '0', 'false'], { error: 'Indique dryRun=1 para solo revisar el archivo, o quítelo para guardar.' }).optional() }),
);

/** The largest progress file (10.000 rows of id, area, progress and a note as JSON fit well under it). */
export const commitmentImportMaxBytes = 8 * 1024 * 1024;
export const isCommitmentImportPath = (path: string) => path === '/api/commitments/progress-import';

const notFound = () => new HttpProblem(404, commitmentMessages.notFound);
/** The report sections a commitment shows in: its year's «Compromisos», the next year's «Seguimiento a compromisos». */
const commitmentKinds = ['commitments', 'follow_up'] as const;
const today = (c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }) => c.get('deps').today();

/** The forum a commitment comes from (404 at forumId when unknown), the question (of that forum) and the due date rules. */
async function checkOrigin(db: Db, input: CommitmentInput): Promise<{ year: number }> {
  const forum = await db.selectFrom('forums').select(['id', 'year', 'date']).where('id', '=', input.forumId).executeTakeFirst();
  if (!forum) throw invalid([{ path: 'forumId', message: commitmentMessages.forumNotFound }]);
  const issues: FieldIssue[] = [];
  if (input.questionId != null) {
    const question = await db.selectFrom('forum_questions').select('id').where('id', '=', input.questionId).where('forum_id', '=', forum.id).executeTakeFirst();
    if (!question) issues.push({ path: 'questionId', message: commitmentMessages.questionNotInForum });
  }
  const due = dueDateIssue(input.dueDate, forum.date);
  if (due) issues.push({ path: 'dueDate', message: due });
  if (issues.length > 0) throw invalid(issues);
  return { year: forum.year };
}

const changedFields = (before: CommitmentDetail, after: CommitmentInput) =>
  (['forumId', 'text', 'area', 'person', 'dueDate', 'status', 'cancelReason', 'progress'] as const).filter((k) => before[k] !== after[k]);

/**
 * Commitments (compromisos) and their follow-ups, mounted at /api/commitments. Everyone reads; editors and admins
 * write (as for forums). Every write goes through `change()` (audit, 409 on a stale version, the report follows).
 */
export function commitmentRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('readForums'), doc('Compromisos (filtros: vigencia, estado —«overdue» para vencidos—, área, foro, texto)', { ...ok(200, 'Página de compromisos con las áreas conocidas'), ...problems(400, 401) }), listQuery, async (c) => {
    return c.json(await listCommitments(c.get('deps').db, listQuery.read(c), today(c)));
  });

  app.post('/', requirePermission('writeForums'), doc('Registrar un compromiso', { ...ok(201, 'Compromiso registrado'), ...problems(400, 401, 403) }), inputBody, async (c) => {
    const input = await inputBody.read(c);
    const day = today(c);
    const created = await change(c, async ({ tx, user, now }) => {
      const { year } = await checkOrigin(tx, input);
      const id = await insertCommitment(tx, { ...input, year }, user.username, now);
      return { result: (await getCommitment(tx, id, day))!, audit: [{ action: 'create', entity: 'commitment', entityId: id, changes: [input.text.slice(0, 120)] }], touched: { years: [year, year + 1], kinds: commitmentKinds } };
    });
    return c.json(created, 201);
  });

  // Before '/:id' so «progress-import» is never read as an id.
  app.post(
    '/progress-import',
    requirePermission('writeForums'),
    doc('Actualizar avances desde un archivo (área, número, avance, nota); dryRun=1 solo revisa; con un error no se guarda nada', { ...ok(200, 'Vista previa o avances guardados'), ...problems(400, 401, 403, 413, 422) }),
    importBody,
    importQuery,
    async (c) => {
      const dryRun = ['1', 'true'].includes(importQuery.read(c).dryRun ?? '0');
      const input = await importBody.read(c);
      if (input.rows.length === 0) throw invalid([{ path: 'rows', message: 'El archivo no tiene filas de datos.' }]);
      const db = c.get('deps').db;
      const day = today(c);
      const plan = (d: Db) => Promise.all([knownCommitments(d), listCommitmentAreas(d)]).then(([known, areas]) => planProgressImport(input, (id) => known.get(id), areas));
      const check = (result: Awaited<ReturnType<typeof plan>>) => {
        if ('missing' in result) throw invalid([{ path: 'mapping', message: commitmentMessages.missingColumn(result.missing.map((r) => progressImportRoleLabels[r]).join(' y ')) }], 'Falta información para importar');
        if ('rowIssues' in result) throw badRows(commitmentMessages.importRows(new Set(result.rowIssues.map((r) => r.row)).size), result.rowIssues.slice(0, 200));
        return result.updates;
      };
      if (dryRun) {
        const updates = check(await plan(db));
        return c.json({ total: input.rows.length, updated: updates.length, preview: updates.slice(0, 20) } satisfies ProgressImportResult);
      }
      const result = await change(c, async ({ tx, user, now }) => {
        // Checked again inside the transaction: what was previewed may have changed since.
        const updates = check(await plan(tx));
        await applyProgressUpdates(tx, updates, (u) => importedNote(u.note), user, day, now);
        const years = await commitmentYears(tx, updates.map((u) => u.id));
        return {
          result: { total: input.rows.length, updated: updates.length, preview: updates.slice(0, 20) } satisfies ProgressImportResult,
          audit: [{ action: 'update', entity: 'commitment_import', entityId: null, changes: [`${updates.length} avances importados de archivo`] }],
          // Each year's «Compromisos» and the next year's «Seguimiento a compromisos» (its open commitments).
          touched: { years: years.flatMap((y) => [y, y + 1]), kinds: commitmentKinds },
        };
      });
      return c.json(result);
    },
  );

  app.get('/:id', requirePermission('readForums'), doc('Un compromiso con sus seguimientos', { ...ok(200, 'Compromiso'), ...problems(400, 401, 404) }, { parameters: pathParams({ id: idParam }) }), async (c) => {
    const found = await getCommitment(c.get('deps').db, readParam(c, 'id', idParam), today(c));
    if (!found) throw notFound();
    return c.json(found);
  });

  app.put('/:id', requirePermission('writeForums'), doc('Guardar un compromiso (con su versión; cancelar exige motivo)', { ...ok(200, 'Compromiso guardado'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), updateBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version, ...input } = await updateBody.read(c);
    const day = today(c);
    const saved = await change(c, async ({ tx, user, now }) => {
      const current = await getCommitment(tx, id, day);
      if (!current) throw notFound();
      if (current.version !== version) throw stale(commitmentMessages.stale, version, current);
      const { year } = await checkOrigin(tx, input);
      const changes = changedFields(current, input);
      if (changes.length === 0 && (input.questionId ?? null) === current.questionId) return { result: current };
      if (!(await updateCommitment(tx, id, version, { ...input, year }, user.username, now))) throw stale(commitmentMessages.stale, version, (await getCommitment(tx, id, day))!);
      return { result: (await getCommitment(tx, id, day))!, audit: [{ action: 'update', entity: 'commitment', entityId: id, changes }], touched: { years: [current.year, year, year + 1], kinds: commitmentKinds } };
    });
    return c.json(saved);
  });

  app.post('/:id/follow-ups', requirePermission('writeForums'), doc('Registrar un seguimiento (fecha, nota, avance, enlace de evidencia)', { ...ok(201, 'Seguimiento registrado'), ...problems(400, 401, 403, 404, 409) }, { parameters: pathParams({ id: idParam }) }), followUpBody, async (c) => {
    const id = readParam(c, 'id', idParam);
    const { version, ...input } = await followUpBody.read(c);
    const day = today(c);
    const saved = await change(c, async ({ tx, user, now }) => {
      const current = await getCommitment(tx, id, day);
      if (!current) throw notFound();
      const issues = followUpIssues(current, input, day);
      if (current.status === 'cancelled') throw new HttpProblem(409, commitmentMessages.followUpOnCancelled);
      if (issues.length > 0) throw invalid(issues);
      if (current.version !== version) throw stale(commitmentMessages.stale, version, current);
      const status = statusAfterProgress(current.status, input.progress);
      if (!(await insertFollowUp(tx, id, version, { ...input, status }, user.username, now))) throw stale(commitmentMessages.stale, version, (await getCommitment(tx, id, day))!);
      return {
        result: (await getCommitment(tx, id, day))!,
        audit: [{ action: 'update', entity: 'commitment', entityId: id, changes: ['seguimiento', `${current.progress} → ${input.progress} %`] }],
        touched: { years: [current.year, current.year + 1], kinds: commitmentKinds },
      };
    });
    return c.json(saved, 201);
  });

  return app;
}


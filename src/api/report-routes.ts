import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { idParam } from '../domain/common';
import { can, type Permission } from '../domain/roles';
import type { SessionUser } from '../domain/user';
import {
  commentCreateSchema,
  diffQuerySchema,
  emptyBodySchema,
  pendingFor,
  reportInputSchema,
  reportMessages,
  reportUpdateSchema,
  requestChangesSchema,
  restoreSchema,
  revisionPlainText,
  sectionCreateSchema,
  sectionOrderSchema,
  sectionUpdateSchema,
  yearParam,
  type ReportOverview,
  type ReportSection,
  type SectionDiff,
  type SectionState,
} from '../domain/report';
import { transition, withdrawalReasons, workflowMessages, type SectionAction, type TransitionResult } from '../domain/report-workflow';
import { docToPlainText, emptyDoc, isRichTextRefusal, type RichDoc } from '../domain/rich-text';
import { diffWords } from '../domain/report-diff';
import {
  deleteSection,
  getComment,
  getReport,
  getRevision,
  getSectionRow,
  insertComment,
  insertSection,
  listComments,
  listReports,
  listRevisions,
  listSectionRows,
  openCommentCounts,
  reorderSections,
  resolveComment,
  saveSectionText,
  setSectionWorkflow,
  toSection,
  toSectionSummary,
  updateReport,
  yearStatistics,
  type SectionRow,
} from '../db/report-queries';
import { auditFor } from '../db/audit-queries';
import type { Database } from '../db/schema';
import type { Kysely, Transaction } from 'kysely';
import type { AuditDraft } from '../domain/audit';
import type { AppEnv } from './deps';
import { requirePermission, requireUser } from './auth';
import { change, stale } from './change';
import { HttpProblem, invalid } from './problem';
import { createReport } from './report-sync';
import { readBody, readJson, readParam, readQuery } from './validate';

type Db = Kysely<Database> | Transaction<Database>;
type User = SessionUser;

const reportNotFound = (year: number) => new HttpProblem(404, reportMessages.notFound(year));
const sectionNotFound = () => new HttpProblem(404, reportMessages.sectionNotFound);

/** Like requirePermission, with the workflow's own Spanish reason for the refusal. */
function requireRole(permission: Permission, message: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c);
    if (!can(user.role, permission)) throw new HttpProblem(403, message);
    await next();
  };
}

/**
 * Reads a JSON body; when the rich text is refused (an unknown format, a link that is not allowed), that
 * message becomes the problem's title, so the person reads what was wrong, not just "datos no válidos".
 */
async function readRichBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  try {
    return await readBody(c, schema);
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 400 && Array.isArray(error.extra.errors)) {
      const refusal = error.extra.errors.find((e) => isRichTextRefusal(e.message));
      if (refusal) throw new HttpProblem(400, refusal.message, error.extra);
    }
    throw error;
  }
}

/** submit / approve take no body: nothing, or `{}`. */
async function readEmptyBody(c: Context): Promise<void> {
  const data = await readJson(c);
  if (data === undefined) return;
  if (!emptyBodySchema.safeParse(data).success) throw new HttpProblem(400, 'Esta acción no recibe datos: envíe un cuerpo vacío o {}.');
}

/** A refused transition as an answer: 403 for the role, 400 for a missing comment, 409 for the state or an own change. */
function refusal(result: Extract<TransitionResult, { ok: false }>) {
  const status = result.reason === 'role' ? 403 : result.reason === 'comment' ? 400 : 409;
  return new HttpProblem(status, result.message);
}

async function requireReport(db: Db, year: number) {
  const report = await getReport(db, year);
  if (!report) throw reportNotFound(year);
  return report;
}

async function requireSection(db: Db, year: number, id: number): Promise<SectionRow> {
  await requireReport(db, year);
  const row = await getSectionRow(db, year, id);
  if (!row) throw sectionNotFound();
  return row;
}

async function sectionBody(db: Db, row: SectionRow): Promise<ReportSection> {
  return toSection(row, row.kind === 'statistics' ? await yearStatistics(db, row.year) : null);
}

async function overview(db: Db, year: number, user: User): Promise<ReportOverview> {
  const report = await requireReport(db, year);
  const [rows, counts] = await Promise.all([listSectionRows(db, year), openCommentCounts(db, year)]);
  const sections = rows.map((r) => toSectionSummary(r, counts.get(r.id) ?? 0));
  return {
    year,
    title: report.title,
    entity: report.entity,
    strategy: report.strategy,
    preparedBy: report.preparedBy,
    version: report.version,
    progress: { approved: sections.filter((s) => s.state === 'approved').length, total: sections.length },
    sections,
    pending: { forMe: pendingFor(sections, user) },
  };
}

const stateNames = { draft: 'borrador', in_review: 'en revisión', approved: 'aprobada', changes_requested: 'cambios solicitados' } as const;

const sectionAudit = (sectionId: number, action: 'create' | 'update' | 'delete', changes: string[]): AuditDraft => ({ action, entity: 'report_section', entityId: sectionId, changes });

function staleSection(yours: number, current: ReportSection) {
  return stale(reportMessages.stale, yours, current, { detail: reportMessages.staleDetail(yours, current.version, current.lastEditedBy) });
}

const sameText = (row: SectionRow, text: { title: string; content: RichDoc; recommendations: string[] }) =>
  row.title === text.title && row.content === JSON.stringify(text.content) && row.recommendations === JSON.stringify(text.recommendations);

function changedText(row: SectionRow, text: { title: string; content: RichDoc; recommendations: string[] }): string[] {
  const changes: string[] = [];
  if (row.title !== text.title) changes.push('título');
  if (row.content !== JSON.stringify(text.content)) changes.push('contenido');
  if (row.recommendations !== JSON.stringify(text.recommendations)) changes.push('recomendaciones');
  return changes;
}

/**
 * Saves new text for a section as a new revision, applying the workflow's `edit` (an approval is withdrawn and
 * recorded). Throws 409 with the current section when `version` is stale. Returns the audit entries.
 */
async function saveText(
  tx: Db,
  row: SectionRow,
  version: number,
  text: { title: string; content: RichDoc; recommendations: string[] },
  user: User,
  now: string,
  note: string | null,
): Promise<AuditDraft[]> {
  if (row.version !== version) throw staleSection(version, await sectionBody(tx, row));
  const result = transition({ state: row.state as SectionState, lastEditedBy: row.last_edited_by }, 'edit', user);
  if (!result.ok) throw refusal(result);
  const changes = changedText(row, text);
  if (!(await saveSectionText(tx, row, version, text, { state: result.next, withdrawnApproval: result.withdrawnApproval }, user.username, now, note))) {
    const fresh = await getSectionRow(tx, row.year, row.id);
    throw staleSection(version, await sectionBody(tx, fresh ?? row));
  }
  const stateChange = row.state !== result.next ? [`estado: ${stateNames[result.next]}`] : [];
  return [
    sectionAudit(row.id, 'update', [...(note ? [note] : []), ...changes, ...stateChange]),
    ...(result.withdrawnApproval ? [sectionAudit(row.id, 'update', [`aprobación retirada: ${withdrawalReasons.edited}`])] : []),
  ];
}

/** The section as stored now (after a change, inside its transaction). */
async function freshSection(tx: Db, year: number, id: number): Promise<ReportSection> {
  return sectionBody(tx, (await getSectionRow(tx, year, id))!);
}

/** The yearly report: /api/reports and /api/reports/:year/… Every GET only reads; writes go through change(). */
export function reportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requirePermission('readReports'), async (c) => c.json({ items: await listReports(c.get('deps').db) }));

  app.post('/:year', requirePermission('writeReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const input = await readBody(c, reportInputSchema);
    await change(c, async ({ tx, user, now }) => {
      if (await getReport(tx, year)) throw new HttpProblem(409, reportMessages.exists(year), { current: await overview(tx, year, user) });
      const audit = await createReport(tx, year, input, user, now);
      // Touched: the sync records the figures the new statistics section starts from.
      return { result: null, audit, touched: { years: [year] } };
    });
    c.header('Location', `/api/reports/${year}`);
    return c.json(await overview(c.get('deps').db, year, requireUser(c)), 201);
  });

  app.get('/:year', requirePermission('readReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    return c.json(await overview(c.get('deps').db, year, requireUser(c)));
  });

  app.put('/:year', requirePermission('writeReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const { version, ...input } = await readBody(c, reportUpdateSchema);
    const body = await change(c, async ({ tx, user, now }) => {
      const report = await requireReport(tx, year);
      const conflict = async () => stale(reportMessages.reportStale, version, await overview(tx, year, user));
      if (report.version !== version) throw await conflict();
      const changes = (['title', 'entity', 'strategy', 'preparedBy'] as const).filter((k) => JSON.stringify(report[k]) !== JSON.stringify(input[k]));
      if (!(await updateReport(tx, year, version, input, user.username, now))) throw await conflict();
      return { result: await overview(tx, year, user), audit: [{ action: 'update', entity: 'report', entityId: year, changes }] };
    });
    return c.json(body);
  });

  /* ----- sections ----- */

  app.post('/:year/sections/order', requirePermission('writeReports'), async (c) => {
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

  app.post('/:year/sections', requirePermission('writeReports'), async (c) => {
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

  app.get('/:year/sections/:id', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    return c.json(await sectionBody(db, await requireSection(db, year, id)));
  });

  app.put('/:year/sections/:id', requireRole('writeReports', workflowMessages.reviewerCannotEdit), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
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

  app.delete('/:year/sections/:id', requirePermission('writeReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    await change(c, async ({ tx }) => {
      const row = await requireSection(tx, year, id);
      if (row.state === 'approved') throw new HttpProblem(409, reportMessages.deleteApproved);
      await deleteSection(tx, row);
      return { result: null, audit: [sectionAudit(id, 'delete', [row.title])] };
    });
    return c.body(null, 204);
  });

  /* ----- workflow ----- */

  const workflowRoute = (action: Exclude<SectionAction, 'edit'>, permission: Permission, message: string) =>
    app.post(`/:year/sections/:id/${action === 'request_changes' ? 'request-changes' : action}`, requireRole(permission, message), async (c) => {
      const year = readParam(c, 'year', yearParam);
      const id = readParam(c, 'id', idParam);
      const request = action === 'request_changes' ? await readBody(c, requestChangesSchema) : (await readEmptyBody(c), null);
      const body = await change(c, async ({ tx, user, now }) => {
        const row = await requireSection(tx, year, id);
        // Four eyes: whoever caused the section's last change (its text, or the figures or forum it is generated
        // from: see report-sync.ts) is its last editor, and the workflow refuses them the approval.
        const result = transition({ state: row.state as SectionState, lastEditedBy: row.last_edited_by }, action, user, request ? { comment: request.comment } : {});
        if (!result.ok) throw refusal(result);
        let changes: string[] = [];
        if (action === 'submit') {
          await setSectionWorkflow(tx, id, { state: result.next, submitted_by: user.username });
          changes = ['enviada a revisión', `estado: ${stateNames[result.next]}`];
        } else if (action === 'approve') {
          // A statistics section is approved for the figures of now (which become its recorded figures too).
          const hash = row.kind === 'statistics' ? (await yearStatistics(tx, year)).hash : null;
          await setSectionWorkflow(tx, id, { state: result.next, reviewed_by: user.username, approved_by: user.username, approved_at: now, approved_statistics_hash: hash, ...(hash ? { statistics_hash: hash } : {}) });
          changes = ['aprobada', `estado: ${stateNames[result.next]}`];
        } else if (request) {
          await setSectionWorkflow(tx, id, { state: result.next, reviewed_by: user.username, approved_by: null, approved_at: null, approved_statistics_hash: null });
          await insertComment(tx, id, { parentId: null, author: user.username, body: request.comment, quote: request.quote || null }, now);
          changes = ['cambios solicitados', `estado: ${stateNames[result.next]}`];
        }
        return { result: await freshSection(tx, year, id), audit: [sectionAudit(id, 'update', changes)] };
      });
      return c.json(body);
    });
  workflowRoute('submit', 'writeReports', workflowMessages.cannotSubmit);
  workflowRoute('approve', 'reviewReports', workflowMessages.cannotReview);
  workflowRoute('request_changes', 'reviewReports', workflowMessages.cannotReview);

  /* ----- revisions ----- */

  app.get('/:year/sections/:id/revisions', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    await requireSection(db, year, id);
    return c.json({ items: await listRevisions(db, id) });
  });

  app.get('/:year/sections/:id/revisions/:revisionId', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    const revisionId = readParam(c, 'revisionId', idParam);
    await requireSection(db, year, id);
    const revision = await getRevision(db, id, revisionId);
    if (!revision) throw new HttpProblem(404, reportMessages.revisionNotFound);
    return c.json(revision);
  });

  app.post('/:year/sections/:id/revisions/:revisionId/restore', requireRole('writeReports', workflowMessages.reviewerCannotEdit), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
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

  app.get('/:year/sections/:id/diff', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    const query = readQuery(c, diffQuerySchema);
    await requireSection(db, year, id);
    const [from, to] = await Promise.all([getRevision(db, id, query.from), getRevision(db, id, query.to)]);
    if (!from || !to) throw new HttpProblem(404, reportMessages.revisionNotFound);
    const body: SectionDiff = { from: from.id, to: to.id, parts: diffWords(revisionPlainText(from, docToPlainText), revisionPlainText(to, docToPlainText)) };
    return c.json(body);
  });

  app.get('/:year/sections/:id/history', requirePermission('readAudit'), async (c) => {
    const db = c.get('deps').db;
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    await requireSection(db, year, id);
    return c.json({ items: await auditFor(db, 'report_section', id) });
  });

  /* ----- comments ----- */

  app.get('/:year/sections/:id/comments', requirePermission('readReports'), async (c) => {
    const db = c.get('deps').db;
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    await requireSection(db, year, id);
    return c.json({ items: await listComments(db, id) });
  });

  app.post('/:year/sections/:id/comments', requirePermission('readReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    const input = await readBody(c, commentCreateSchema);
    const comment = await change(c, async ({ tx, user, now }) => {
      await requireSection(tx, year, id);
      if (input.parentId !== undefined && !(await getComment(tx, id, input.parentId))) throw invalid([{ path: 'parentId', message: reportMessages.parentNotFound }]);
      const commentId = await insertComment(tx, id, { parentId: input.parentId ?? null, author: user.username, body: input.body, quote: input.quote || null }, now);
      return { result: (await getComment(tx, id, commentId))!, audit: [sectionAudit(id, 'update', [input.parentId ? 'respuesta a un comentario' : 'comentario agregado'])] };
    });
    return c.json(comment, 201);
  });

  app.post('/:year/sections/:id/comments/:commentId/resolve', requirePermission('readReports'), async (c) => {
    const year = readParam(c, 'year', yearParam);
    const id = readParam(c, 'id', idParam);
    const commentId = readParam(c, 'commentId', idParam);
    await readEmptyBody(c);
    const comment = await change(c, async ({ tx, user }) => {
      await requireSection(tx, year, id);
      const current = await getComment(tx, id, commentId);
      if (!current) throw new HttpProblem(404, reportMessages.commentNotFound);
      if (current.resolved) return { result: current };
      await resolveComment(tx, commentId, user.username);
      return { result: (await getComment(tx, id, commentId))!, audit: [sectionAudit(id, 'update', ['comentario resuelto'])] };
    });
    return c.json(comment);
  });

  return app;
}

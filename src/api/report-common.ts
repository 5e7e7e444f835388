import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { sectionBody } from './report-generated';
import { idParam } from '../domain/common';
import { can, type Permission } from '../domain/roles';
import type { SessionUser } from '../domain/user';
import { emptyBodySchema, pendingFor, reportMessages, yearParam, type ReportOverview, type ReportSection } from '../domain/report';
import { transition, withdrawalReasons, type TransitionResult } from '../domain/report-workflow';
import { isRichTextRefusal, type RichDoc } from '../domain/rich-text';
import {
  getReport,
  getSectionRow,
  listSectionRows,
  openCommentCounts,
  saveSectionText,
  toSectionSummary,
  type SectionRow } from '../db/report-queries';
import type { Database } from '../db/schema';
import type { Kysely, Transaction } from 'kysely';
import type { AuditDraft } from '../domain/audit';
import type { AppEnv } from './deps';
import type { JsonBody } from './openapi-doc';
import { requireUser } from './auth';
import { stale } from './change';
import { HttpProblem } from './problem';
import { readJson, readParam } from './validate';

/* What the report, section and review routers share: finding a report or section, its answers, saving its text. */

export type Db = Kysely<Database> | Transaction<Database>;
type User = SessionUser;

export const reportNotFound = (year: number) => new HttpProblem(404, reportMessages.notFound(year));
export const sectionNotFound = () => new HttpProblem(404, reportMessages.sectionNotFound);

/** Like requirePermission, with the workflow's own Spanish reason for the refusal. */
export function requireRole(permission: Permission, message: string): MiddlewareHandler<AppEnv> {
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
export async function readRichBody<S extends z.ZodType>(c: Context, body: JsonBody<S>): Promise<z.infer<S>> {
  try {
    return await body.read(c);
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 400 && Array.isArray(error.extra.errors)) {
      const refusal = error.extra.errors.find((e) => isRichTextRefusal(e.message));
      if (refusal) throw new HttpProblem(400, refusal.message, error.extra);
    }
    throw error;
  }
}

/** submit / approve take no body: nothing, or `{}`. */
export async function readEmptyBody(c: Context): Promise<void> {
  const data = await readJson(c);
  if (data === undefined) return;
  if (!emptyBodySchema.safeParse(data).success) throw new HttpProblem(400, 'Esta acción no recibe datos: envíe un cuerpo vacío o {}.');
}

/** A refused transition as an answer: 403 for the role, 400 for a missing comment, 409 for the state or an own change. */
export function refusal(result: Extract<TransitionResult, { ok: false }>) {
  const status = result.reason === 'role' ? 403 : result.reason === 'comment' ? 400 : 409;
  return new HttpProblem(status, result.message);
}

export async function requireReport(db: Db, year: number) {
  const report = await getReport(db, year);
  if (!report) throw reportNotFound(year);
  return report;
}

export async function requireSection(db: Db, year: number, id: number): Promise<SectionRow> {
  await requireReport(db, year);
  const row = await getSectionRow(db, year, id);
  if (!row) throw sectionNotFound();
  return row;
}

export { sectionBody } from './report-generated';

export async function overview(db: Db, year: number, user: User): Promise<ReportOverview> {
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

export const stateNames = { draft: 'borrador', in_review: 'en revisión', approved: 'aprobada', changes_requested: 'cambios solicitados' } as const;

export const sectionAudit = (sectionId: number, action: 'create' | 'update' | 'delete', changes: string[]): AuditDraft => ({ action, entity: 'report_section', entityId: sectionId, changes });

export function staleSection(yours: number, current: ReportSection) {
  return stale(reportMessages.stale, yours, current, { detail: reportMessages.staleDetail(yours, current.version, current.lastEditedBy) });
}

export const sameText = (row: SectionRow, text: { title: string; content: RichDoc; recommendations: string[] }) =>
  row.title === text.title && row.content === JSON.stringify(text.content) && row.recommendations === JSON.stringify(text.recommendations);

export function changedText(row: SectionRow, text: { title: string; content: RichDoc; recommendations: string[] }): string[] {
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
export async function saveText(
  tx: Db,
  row: SectionRow,
  version: number,
  text: { title: string; content: RichDoc; recommendations: string[] },
  user: User,
  now: string,
  today: string,
  note: string | null,
): Promise<AuditDraft[]> {
  if (row.version !== version) throw staleSection(version, await sectionBody(tx, row, today));
  const result = transition({ state: row.state, lastEditedBy: row.last_edited_by }, 'edit', user);
  if (!result.ok) throw refusal(result);
  const changes = changedText(row, text);
  if (!(await saveSectionText(tx, row, version, text, { state: result.next, withdrawnApproval: result.withdrawnApproval }, user.username, now, note))) {
    const fresh = await getSectionRow(tx, row.year, row.id);
    throw staleSection(version, await sectionBody(tx, fresh ?? row, today));
  }
  const stateChange = row.state !== result.next ? [`estado: ${stateNames[result.next]}`] : [];
  return [
    sectionAudit(row.id, 'update', [...(note ? [note] : []), ...changes, ...stateChange]),
    ...(result.withdrawnApproval ? [sectionAudit(row.id, 'update', [`aprobación retirada: ${withdrawalReasons.edited}`])] : []),
  ];
}

/** The section as stored now (after a change, inside its transaction), its generated part as of `today`. */
export async function freshSection(tx: Db, year: number, id: number, today: string): Promise<ReportSection> {
  return sectionBody(tx, (await getSectionRow(tx, year, id))!, today);
}

/** `/api/reports/:year/sections/:id…`: the section's year and id from the path (404 for anything else). */
export function sectionParams(c: Context): { year: number; id: number } {
  return { year: readParam(c, 'year', yearParam), id: readParam(c, 'id', idParam) };
}

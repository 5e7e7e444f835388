import { orgScope } from './org-scope';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ForumMetricsInput } from '../domain/metrics';
import {
  type ReportInput,
  type ReportListItem,
  type ReportSection,
  type ReportSectionSummary,
  type SectionComment,
  type SectionKind,
  type SectionRevision,
  type SectionRevisionSummary,
  type SectionState,
} from '../domain/report';
import { buildCommitmentsSection, commitmentsHash, commentWhitespace, evaluationSectionFromCounts, evaluationSectionLimits, type CommitmentsSectionData, type EvaluationSectionData } from '../domain/report-accountability';
import { evaluationQuestions, type ScoreCounts } from '../domain/evaluation';
import { buildQuestionsSection, type QuestionsSectionData } from '../domain/report-questions';
import { buildStatistics, type StatisticsResult } from '../domain/report-statistics';
import { addableKinds } from '../domain/report-sync';
import type { RichDoc } from '../domain/rich-text';
import type { Database, ReportSectionsTable } from './schema';
import { engineOf } from './engine';
import { fromJson } from './json-column';
import { listYearMetrics } from './metrics-queries';
import { casesForFigures } from './question-queries';
import { commitmentsOfYear } from './commitment-queries';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReportRecord extends ReportInput {
  year: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export type SectionRow = Omit<ReportSectionsTable, 'id' | 'organization_id'> & { id: number; organization_id: number };

/* ---------- reports ---------- */

export async function getReport(db: Db, year: number): Promise<ReportRecord | undefined> {
  const row = await db.selectFrom('reports').selectAll().where('year', '=', year).executeTakeFirst();
  if (!row) return undefined;
  return {
    year: row.year,
    title: row.title,
    entity: row.entity,
    strategy: row.strategy,
    preparedBy: fromJson(row.prepared_by),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

export async function listReports(db: Db): Promise<ReportListItem[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['year', 'title'])
    .select((eb) => [
      eb.selectFrom('report_sections').whereRef('report_sections.year', '=', 'reports.year').select((e) => e.fn.countAll<number>().as('n')).as('sections'),
      eb
        .selectFrom('report_sections')
        .whereRef('report_sections.year', '=', 'reports.year')
        .where('report_sections.state', '=', 'approved')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('approved'),
    ])
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => ({ year: r.year, title: r.title, sections: Number(r.sections ?? 0), approved: Number(r.approved ?? 0) }));
}

const reportValues = (input: ReportInput) => ({
  title: input.title,
  entity: input.entity,
  strategy: input.strategy,
  prepared_by: JSON.stringify({ name: input.preparedBy.name, role: input.preparedBy.role, office: input.preparedBy.office }),
});

export async function insertReport(db: Db, year: number, input: ReportInput, by: string, now: string): Promise<void> {
  await db
    .insertInto('reports')
    .values({ year, ...reportValues(input), version: 1, created_at: now, updated_at: now, created_by: by, updated_by: by })
    .execute();
}

/** Saves the report's data only when the stored version is still `expectedVersion`. */
export async function updateReport(db: Db, year: number, expectedVersion: number, input: ReportInput, by: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set({ ...reportValues(input), version: sql`version + 1`, updated_at: now, updated_by: by })
    .where('year', '=', year)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/* ---------- sections ---------- */

export async function listSectionRows(db: Db, year: number): Promise<SectionRow[]> {
  return db.selectFrom('report_sections').selectAll().where('year', '=', year).orderBy('position').orderBy('id').execute();
}

export async function getSectionRow(db: Db, year: number, id: number): Promise<SectionRow | undefined> {
  return db.selectFrom('report_sections').selectAll().where('year', '=', year).where('id', '=', id).executeTakeFirst();
}

export async function openCommentCounts(db: Db, year: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('section_comments')
    .innerJoin('report_sections', 'report_sections.id', 'section_comments.section_id')
    .select(['section_comments.section_id as id', (e) => e.fn.countAll<number>().as('n')])
    .where('report_sections.year', '=', year)
    .where('section_comments.resolved', '=', 0)
    .groupBy('section_comments.section_id')
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export function toSectionSummary(row: SectionRow, openComments: number): ReportSectionSummary {
  return {
    id: row.id,
    position: row.position,
    kind: row.kind,
    forumId: row.forum_id,
    title: row.title,
    state: row.state,
    version: row.version,
    lastEditedBy: row.last_edited_by,
    lastEditedAt: row.last_edited_at,
    reviewedBy: row.reviewed_by,
    approvedBy: row.approved_by,
    openComments,
  };
}

/** A generated section's data as the API answers it (each on its own kind only). */
export interface GeneratedParts {
  questions?: QuestionsSectionData | null;
  commitments?: CommitmentsSectionData | null;
  evaluation?: EvaluationSectionData | null;
  followUp?: CommitmentsSectionData | null;
}

export function toSection(row: SectionRow, statistics: StatisticsResult | null, parts: GeneratedParts = {}): ReportSection {
  return {
    id: row.id,
    year: row.year,
    position: row.position,
    kind: row.kind,
    forumId: row.forum_id,
    title: row.title,
    content: fromJson(row.content),
    recommendations: fromJson(row.recommendations),
    state: row.state,
    version: row.version,
    lastEditedBy: row.last_edited_by,
    lastEditedAt: row.last_edited_at,
    reviewedBy: row.reviewed_by,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    statistics: row.kind === 'statistics' ? statistics : null,
    ...(row.kind === 'questions' ? { questions: parts.questions ?? null } : {}),
    ...(row.kind === 'commitments' ? { commitments: parts.commitments ?? null } : {}),
    ...(row.kind === 'evaluation' ? { evaluation: parts.evaluation ?? null } : {}),
    ...(row.kind === 'follow_up' ? { followUp: parts.followUp ?? null } : {}),
  };
}

export interface NewSection {
  year: number;
  position: number;
  kind: SectionKind;
  forumId: number | null;
  title: string;
  content: RichDoc;
  recommendations: string[];
}

/** Inserts a draft section and its revision 1. */
export async function insertSection(db: Db, section: NewSection, by: string, now: string, note: string | null = null): Promise<number> {
  const content = JSON.stringify(section.content);
  const recommendations = JSON.stringify(section.recommendations);
  const { id } = await db
    .insertInto('report_sections')
    .values({
      year: section.year,
      position: section.position,
      kind: section.kind,
      forum_id: section.forumId,
      title: section.title,
      content,
      recommendations,
      state: 'draft',
      version: 1,
      last_edited_by: by,
      last_edited_at: now,
      submitted_by: null,
      reviewed_by: null,
      approved_by: null,
      approved_at: null,
      approved_statistics_hash: null,
      statistics_hash: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('section_revisions')
    .values({ section_id: id, number: 1, title: section.title, content, recommendations, edited_by: by, edited_at: now, note })
    .execute();
  return id;
}

/** Saves new text (title, content, recommendations) with a new revision, only when the version is still `expectedVersion`. */
export async function saveSectionText(
  db: Db,
  row: SectionRow,
  expectedVersion: number,
  text: { title: string; content: RichDoc; recommendations: string[] },
  next: { state: SectionState; withdrawnApproval: boolean },
  by: string,
  now: string,
  note: string | null,
): Promise<boolean> {
  const content = JSON.stringify(text.content);
  const recommendations = JSON.stringify(text.recommendations);
  const approval = next.withdrawnApproval || next.state !== 'approved' ? { approved_by: null, approved_at: null, approved_statistics_hash: null } : {};
  const result = await db
    .updateTable('report_sections')
    .set({ title: text.title, content, recommendations, state: next.state, version: sql`version + 1`, last_edited_by: by, last_edited_at: now, ...approval })
    .where('id', '=', row.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  const last = await db.selectFrom('section_revisions').select((e) => e.fn.max('number').as('n')).where('section_id', '=', row.id).executeTakeFirst();
  await db
    .insertInto('section_revisions')
    .values({ section_id: row.id, number: Number(last?.n ?? 0) + 1, title: text.title, content, recommendations, edited_by: by, edited_at: now, note })
    .execute();
  return true;
}

/** Changes the workflow fields of a section (no new revision, no new version: the text did not change). */
export async function setSectionWorkflow(
  db: Db,
  id: number,
  fields: Partial<Pick<SectionRow, 'state' | 'submitted_by' | 'reviewed_by' | 'approved_by' | 'approved_at' | 'approved_statistics_hash' | 'statistics_hash'>>,
): Promise<void> {
  await db.updateTable('report_sections').set(fields).where('id', '=', id).execute();
}

/** Renumbers positions 1..n in the given order. */
async function writePositions(db: Db, ids: number[]) {
  for (const [i, id] of ids.entries()) await db.updateTable('report_sections').set({ position: i + 1 }).where('id', '=', id).execute();
}

export async function reorderSections(db: Db, ids: number[]): Promise<void> {
  await writePositions(db, ids);
}

/** Deletes a section with its revisions and comments; a forum section is remembered so it does not come back. */
export async function deleteSection(db: Db, row: SectionRow): Promise<void> {
  await db.deleteFrom('section_comments').where('section_id', '=', row.id).execute();
  await db.deleteFrom('section_revisions').where('section_id', '=', row.id).execute();
  await db.deleteFrom('report_sections').where('id', '=', row.id).execute();
  if (row.forum_id !== null) {
    await db
      .insertInto('report_removed_forums')
      .values({ year: row.year, forum_id: row.forum_id })
      .onConflict((oc) => oc.columns(['year', 'forum_id']).doNothing())
      .execute();
  }
  if ((addableKinds as readonly string[]).includes(row.kind)) {
    await db
      .insertInto('report_removed_sections')
      .values({ year: row.year, kind: row.kind })
      .onConflict((oc) => oc.columns(['year', 'kind']).doNothing())
      .execute();
  }
  const rest = await listSectionRows(db, row.year);
  await writePositions(
    db,
    rest.map((r) => r.id),
  );
}

/* ---------- revisions ---------- */

const revisionSummary = (r: { id: number; number: number; edited_by: string; edited_at: string; note: string | null }): SectionRevisionSummary => ({
  id: r.id,
  number: r.number,
  editedBy: r.edited_by,
  editedAt: r.edited_at,
  note: r.note,
});

export async function listRevisions(db: Db, sectionId: number): Promise<SectionRevisionSummary[]> {
  const rows = await db
    .selectFrom('section_revisions')
    .select(['id', 'number', 'edited_by', 'edited_at', 'note'])
    .where('section_id', '=', sectionId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map(revisionSummary);
}

export async function getRevision(db: Db, sectionId: number, revisionId: number): Promise<SectionRevision | undefined> {
  const row = await db.selectFrom('section_revisions').selectAll().where('section_id', '=', sectionId).where('id', '=', revisionId).executeTakeFirst();
  if (!row) return undefined;
  return {
    ...revisionSummary(row),
    sectionId: row.section_id,
    title: row.title,
    content: fromJson(row.content),
    recommendations: fromJson(row.recommendations),
  };
}

/* ---------- comments ---------- */

type CommentRow = { id: number; parent_id: number | null; author: string; body: string; quote: string | null; resolved: number; resolved_by: string | null; created_at: string };
const toComment = (r: CommentRow): SectionComment => ({
  id: r.id,
  parentId: r.parent_id,
  author: r.author,
  body: r.body,
  quote: r.quote,
  resolved: r.resolved === 1,
  resolvedBy: r.resolved_by,
  createdAt: r.created_at,
});

export async function listComments(db: Db, sectionId: number): Promise<SectionComment[]> {
  const rows = await db.selectFrom('section_comments').selectAll().where('section_id', '=', sectionId).orderBy('id').execute();
  return rows.map(toComment);
}

export async function getComment(db: Db, sectionId: number, commentId: number): Promise<SectionComment | undefined> {
  const row = await db.selectFrom('section_comments').selectAll().where('section_id', '=', sectionId).where('id', '=', commentId).executeTakeFirst();
  return row && toComment(row);
}

export async function insertComment(
  db: Db,
  sectionId: number,
  comment: { parentId: number | null; author: string; body: string; quote: string | null },
  now: string,
): Promise<number> {
  const { id } = await db
    .insertInto('section_comments')
    .values({ section_id: sectionId, parent_id: comment.parentId, author: comment.author, body: comment.body, quote: comment.quote, resolved: 0, resolved_by: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function resolveComment(db: Db, commentId: number, by: string): Promise<void> {
  await db.updateTable('section_comments').set({ resolved: 1, resolved_by: by }).where('id', '=', commentId).execute();
}

/* ---------- generated parts ---------- */

/** The statistics of the year's forums (date order), as the statistics section shows them. */
export async function yearStatistics(db: Db, year: number): Promise<StatisticsResult> {
  const forums = await listYearMetrics(db, year);
  const metrics = new Map<number, ForumMetricsInput | null>(forums.map((f) => [f.id, f.metrics]));
  return buildStatistics(forums, metrics);
}

/** The year's published questions and timeliness figures, as the «Preguntas y respuestas» section shows them (no personal data). */
export async function yearQuestions(db: Db, year: number, today: string): Promise<QuestionsSectionData> {
  return buildQuestionsSection(await casesForFigures(db, year), today);
}

/** The year's commitments (due date order) with their status as of `today`, as the «Compromisos» section shows them. */
export async function yearCommitments(db: Db, year: number, today: string): Promise<CommitmentsSectionData> {
  return buildCommitmentsSection(year, (await commitmentsOfYear(db, year, today)).map(reportCommitment), today);
}

/** The previous year's commitments still open, as the «Seguimiento a compromisos» section of `year` shows them. */
export async function yearFollowUp(db: Db, year: number, today: string): Promise<CommitmentsSectionData> {
  return buildCommitmentsSection(year - 1, (await commitmentsOfYear(db, year - 1, today, { openOnly: true })).map(reportCommitment), today);
}

/**
 * The hash of what `yearCommitments(year)` (or, with `openOnly`, `yearFollowUp(year + 1)`) shows, without reading
 * the rows: the database writes the list as JSON (json_array per commitment, in `commitmentHashTuple`'s order; the
 * same text JSON.stringify writes) and counts them; the domain hashes it as buildCommitmentsSection does. The
 * report sync's cost on a year of 10.000 commitments (README, Performance).
 */
export async function yearCommitmentsHash(db: Db, year: number, options: { openOnly?: boolean } = {}): Promise<string> {
  // PostgreSQL writes JSON with other spacing than JSON.stringify: there the rows are read and hashed in JavaScript
  // (the date only decides «vencido», which the hash leaves out).
  if (engineOf(db) === 'postgres') return options.openOnly ? (await yearFollowUp(db, year + 1, '2000-01-01')).hash : (await yearCommitments(db, year, '2000-01-01')).hash;
  const open = options.openOnly ? sql`and c.status in ('pending', 'in_progress')` : sql``;
  const { rows } = await sql<{ list: string; total: number; pending: number | null; in_progress: number | null; done: number | null; cancelled: number | null; progress_sum: number | null; progress_count: number }>`
    select json_group_array(json_array(c.id, f.title, c.text, c.area, c.due_date, c.status, c.progress) order by c.due_date, c.id) as list,
      count(*) as total,
      sum(c.status = 'pending') as pending,
      sum(c.status = 'in_progress') as in_progress,
      sum(c.status = 'done') as done,
      sum(c.status = 'cancelled') as cancelled,
      sum(case when c.status <> 'cancelled' then c.progress end) as progress_sum,
      count(case when c.status <> 'cancelled' then 1 end) as progress_count
    from commitments c join forums f on f.id = c.forum_id
    where c.year = ${year} ${open} and ${orgScope(db, 'c')}`.execute(db);
  const r = rows[0]!;
  return commitmentsHash(year, r.list, {
    total: Number(r.total),
    pending: Number(r.pending ?? 0),
    inProgress: Number(r.in_progress ?? 0),
    done: Number(r.done ?? 0),
    cancelled: Number(r.cancelled ?? 0),
    progressSum: Number(r.progress_sum ?? 0),
    progressCount: Number(r.progress_count),
  });
}

const reportCommitment = (c: { id: number; forumTitle: string; text: string; area: string; dueDate: string; status: CommitmentsSectionData['items'][number]['status']; progress: number }) => ({
  id: c.id,
  forumTitle: c.forumTitle,
  text: c.text,
  area: c.area,
  dueDate: c.dueDate,
  status: c.status,
  progress: c.progress,
});

/**
 * Every forum of the year (date order) with its evaluation tally, as the «Evaluación de los foros» section shows it:
 * counted by the database (responses, and how many gave each score to each question) with each forum's first
 * comments that are not blank, so neither the report page nor the report sync reads every response (a year of
 * 10.000 responses: README, Performance). The same section as buildEvaluationSection over the responses
 * (tests/unit/report-sync-hash.test.ts).
 */
export async function yearEvaluation(db: Db, year: number): Promise<EvaluationSectionData> {
  const forums = await db
    .selectFrom('forums')
    .select(['id', 'title'])
    .where('year', '=', year)
    .orderBy(sql`date is null`)
    .orderBy('date')
    .orderBy('id')
    .execute();
  // The question keys are the columns' names (a fixed list, not input).
  const scoreColumns = evaluationQuestions.flatMap((q) => [1, 2, 3, 4, 5].map((n) => `count(case when e.${q} = ${n} then 1 end) as ${q}_${n}`)).join(', ');
  const counted = await sql<Record<string, number>>`
    select e.forum_id as forum_id, count(*) as responses, ${sql.raw(scoreColumns)}
    from evaluation_responses e join forums f on f.id = e.forum_id
    where f.year = ${year} and ${orgScope(db, 'f')}
    group by e.forum_id`.execute(db);
  const comments = await sql<{ forum_id: number; comment: string }>`
    select forum_id, comment from (
      select e.forum_id, e.comment, row_number() over (partition by e.forum_id order by e.id) as n
      from evaluation_responses e join forums f on f.id = e.forum_id
      where f.year = ${year} and ${orgScope(db, 'f')} and ${engineOf(db) === 'postgres' ? sql`btrim(e.comment, ${commentWhitespace})` : sql`trim(e.comment, ${commentWhitespace})`} <> ''
    ) as c where n <= ${evaluationSectionLimits.comments}
    order by forum_id, n`.execute(db);
  const byForum = new Map(counted.rows.map((r) => [Number(r.forum_id), r]));
  const commentsOf = new Map<number, string[]>();
  for (const c of comments.rows) commentsOf.set(c.forum_id, [...(commentsOf.get(c.forum_id) ?? []), c.comment]);
  return evaluationSectionFromCounts(
    forums.map((f) => {
      const r = byForum.get(f.id);
      const counts = Object.fromEntries(evaluationQuestions.map((q) => [q, [1, 2, 3, 4, 5].map((n) => Number(r?.[`${q}_${n}`] ?? 0))])) as ScoreCounts;
      return { forumId: f.id, forumTitle: f.title, responses: Number(r?.responses ?? 0), counts, comments: commentsOf.get(f.id) ?? [] };
    }),
  );
}

/** The generated sections removed from the year's report on purpose (the sync does not add them back). */
export async function listRemovedSectionKinds(db: Db, year: number): Promise<string[]> {
  const rows = await db.selectFrom('report_removed_sections').select('kind').where('year', '=', year).execute();
  return rows.map((r) => r.kind);
}

/** The forums whose sections were removed from the year's report on purpose (they do not come back). */
export async function listRemovedForumIds(db: Db, year: number): Promise<number[]> {
  const rows = await db.selectFrom('report_removed_forums').select('forum_id').where('year', '=', year).execute();
  return rows.map((r) => r.forum_id);
}

/**
 * Records what the year's figures did to a statistics section (src/domain/report-sync.ts decides): the figures'
 * hash, and when they changed its content, who changed them; when they withdraw its approval, back to review.
 */
export async function setSectionStatistics(
  db: Db,
  id: number,
  change: { hash: string; changedBy: string | null; withdraw: boolean; now: string },
): Promise<void> {
  await db
    .updateTable('report_sections')
    .set({
      statistics_hash: change.hash,
      ...(change.changedBy ? { last_edited_by: change.changedBy, last_edited_at: change.now } : {}),
      ...(change.withdraw ? { state: 'in_review', approved_by: null, approved_at: null, approved_statistics_hash: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

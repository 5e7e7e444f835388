import { sql, type Kysely, type Transaction } from 'kysely';
import type { Forum, ForumInput, ForumListQuery, ForumOrigin, ForumPage, ForumStatus, ForumSummary, Platform, PublicQuestion } from '../domain/forum';
import type { Database, ForumDetails, ForumsTable } from './schema';
import { fromJson } from './json-column';
import { likePattern, searchable } from './normalize';
import { compiledQuery, fixedQuery } from './compiled-query';
import { getQuestionSettings } from './question-queries';
import { dueDateFor } from '../domain/question';

type Db = Kysely<Database> | Transaction<Database>;


function toRow(input: ForumInput) {
  const details: ForumDetails = {
    responsibleTeams: input.responsibleTeams,
    alliedEntities: input.alliedEntities,
    valueGroups: input.valueGroups,
    experts: input.experts,
    guidingQuestions: input.guidingQuestions,
    actions: input.actions,
  };
  return {
    title: input.title,
    theme: input.theme,
    search_text: searchable(`${input.title} ${input.theme}`),
    year: input.year,
    date: input.date,
    time: input.time,
    duration_minutes: input.durationMinutes,
    platform: input.platform,
    stream_url: input.streamUrl,
    status: input.status,
    objective: input.objective,
    place: input.place,
    moderator: input.moderator,
    details: JSON.stringify(details),
  };
}

type ForumRow = Omit<ForumsTable, 'id' | 'consultation_id' | 'consultation_topic_id' | 'organization_id'> & {
  organization_id: number;
  id: number;
  consultation_id?: number | null;
  consultation_topic_id?: number | null;
  consultation_title?: string | null;
};

function originOf(row: ForumRow): ForumOrigin | null {
  if (row.consultation_id == null || row.consultation_topic_id == null || row.consultation_title == null) return null;
  return { consultationId: row.consultation_id, topicId: row.consultation_topic_id, consultationTitle: row.consultation_title };
}

function fromRow(row: ForumRow, questions: PublicQuestion[]): Forum {
  const details = fromJson(row.details);
  return {
    id: row.id,
    title: row.title,
    theme: row.theme,
    year: row.year,
    date: row.date,
    time: row.time,
    durationMinutes: row.duration_minutes,
    platform: row.platform,
    streamUrl: row.stream_url,
    status: row.status,
    objective: row.objective,
    place: row.place,
    moderator: row.moderator,
    ...details,
    questions,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    origin: originOf(row),
  };
}

/** A new question row of a forum: a case received on the forum's date, its due date from the terms in force. */
async function questionCaseDefaults(db: Db, input: ForumInput) {
  const settings = await getQuestionSettings(db);
  const receivedAt = `${input.date ?? `${input.year}-01-01`}T${input.time ?? '00:00'}`;
  return (q: PublicQuestion) => ({
    year: input.year,
    received_at: receivedAt,
    type: 'peticion',
    // Answered on the forum form: answered in the stream, no deadline.
    status: q.answered ? 'respondida' : 'recibida',
    answered_live: q.answered ? 1 : 0,
    answered_at: q.answered ? receivedAt.slice(0, 10) : null,
    answer_channel: q.answered ? 'live' : null,
    due_date: dueDateFor(receivedAt, 'peticion', q.answered, settings),
  });
}

const questionColumns = (q: PublicQuestion, position: number) => ({
  position,
  text: q.text,
  channel: q.channel,
  // Never stored from the forum form (Ley 1581): see publicQuestionSchema.
  asked_by: '',
  answered: q.answered ? 1 : 0,
  answered_by: q.answeredBy,
  answer_summary: q.answerSummary,
});

async function insertQuestions(db: Db, forumId: number, input: ForumInput) {
  if (input.questions.length === 0) return;
  const defaults = await questionCaseDefaults(db, input);
  await db
    .insertInto('forum_questions')
    .values(input.questions.map((q, position) => ({ forum_id: forumId, ...questionColumns(q, position), ...defaults(q) })))
    .execute();
}

/**
 * The forum form's questions onto the stored ones: a row with its `questionId` updates that question (its case —
 * dates, area, answer, personal data — is kept), a row without one is a new question, and a stored question the
 * form no longer has is removed.
 */
async function syncQuestions(db: Db, forumId: number, input: ForumInput) {
  const stored = await db.selectFrom('forum_questions').select(['id', 'answered', 'status']).where('forum_id', '=', forumId).execute();
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const kept = new Set<number>();
  const fresh: { q: PublicQuestion; position: number }[] = [];
  for (const [position, q] of input.questions.entries()) {
    const existing = q.questionId !== undefined ? storedById.get(q.questionId) : undefined;
    if (!existing || kept.has(existing.id)) {
      fresh.push({ q, position });
      continue;
    }
    kept.add(existing.id);
    const becameAnswered = q.answered && existing.answered === 0 && (existing.status === 'recibida' || existing.status === 'asignada');
    await db
      .updateTable('forum_questions')
      .set({ ...questionColumns(q, position), year: input.year, ...(becameAnswered ? { status: 'respondida', answered_live: 1, due_date: null, answer_channel: 'live' } : {}) })
      .where('id', '=', existing.id)
      .execute();
  }
  const removed = stored.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (removed.length > 0) await db.deleteFrom('forum_questions').where('id', 'in', removed).execute();
  if (fresh.length > 0) {
    const defaults = await questionCaseDefaults(db, input);
    await db
      .insertInto('forum_questions')
      .values(fresh.map(({ q, position }) => ({ forum_id: forumId, ...questionColumns(q, position), ...defaults(q) })))
      .execute();
  }
}

const forumRow = fixedQuery((db, id: number) =>
  db
    .selectFrom('forums')
    .leftJoin('consultations', 'consultations.id', 'forums.consultation_id')
    .selectAll('forums')
    .select('consultations.title as consultation_title')
    .where('forums.id', '=', id),
);
const forumQuestions = fixedQuery((db, id: number) => db.selectFrom('forum_questions').select(['id', 'text', 'channel', 'answered', 'answered_by', 'answer_summary']).where('forum_id', '=', id).orderBy('position'));

export async function getForum(db: Db, id: number): Promise<Forum | undefined> {
  const [row] = await forumRow(db, id);
  if (!row) return undefined;
  const questions = await forumQuestions(db, id);
  return fromRow(
    row,
    questions.map((q) => ({
      questionId: q.id,
      text: q.text,
      channel: q.channel,
      answered: q.answered === 1,
      answeredBy: q.answered_by,
      answerSummary: q.answer_summary,
    })),
  );
}

/** Inserts a forum; `origin` links it to the consultation topic it was created from. */
export async function insertForum(db: Db, input: ForumInput, by: string, now: string, origin?: { consultationId: number; topicId: number }): Promise<number> {
  const link = origin ? { consultation_id: origin.consultationId, consultation_topic_id: origin.topicId } : {};
  const { id } = await db
    .insertInto('forums')
    .values({ ...toRow(input), ...link, version: 1, created_at: now, updated_at: now, created_by: by, updated_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertQuestions(db, id, input);
  return id;
}

/** Writes the new values only when the stored version is still `expectedVersion`. Returns false on a stale version. */
export async function updateForum(db: Db, id: number, expectedVersion: number, input: ForumInput, by: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('forums')
    .set({ ...toRow(input), version: sql`version + 1`, updated_at: now, updated_by: by })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await syncQuestions(db, id, input);
  return true;
}

export async function deleteForum(db: Db, id: number): Promise<boolean> {
  // The foreign keys cascade too; deleted explicitly so a connection without `foreign_keys = ON` leaves no orphans.
  await db.deleteFrom('forum_questions').where('forum_id', '=', id).execute();
  await db.deleteFrom('forum_metrics').where('forum_id', '=', id).execute();
  const result = await db.deleteFrom('forums').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

const sortColumns = {
  date: 'date',
  // search_text starts with the title, lower-cased and without accents: "Ética" sorts with the E's.
  title: 'search_text',
  year: 'year',
  status: 'status',
  updatedAt: 'updated_at',
} as const;

interface ListShape {
  column: (typeof sortColumns)[keyof typeof sortColumns];
  direction: 'asc' | 'desc';
  /** Which filters are present. */
  search: boolean;
  year: boolean;
  status: boolean;
  platform: boolean;
}
/** The filters' values, in this order; an absent filter's value is not used. */
type ListValues = [pattern: string | undefined, year: number | undefined, status: ForumStatus | undefined, platform: Platform | undefined];

function filtered(db: Db, shape: ListShape, [pattern, year, status, platform]: ListValues) {
  let base = db.selectFrom('forums');
  if (shape.search) base = base.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  if (shape.year) base = base.where('year', '=', year!);
  if (shape.status) base = base.where('status', '=', status!);
  if (shape.platform) base = base.where('platform', '=', platform!);
  return base;
}
const filterKey = (shape: ListShape) => `${+shape.search}${+shape.year}${+shape.status}${+shape.platform}`;

const countForums = compiledQuery(
  (db, shape: ListShape, ...filter: ListValues) => filtered(db, shape, filter).select((eb) => eb.fn.countAll<number>().as('total')),
  filterKey,
);

const forumPage = compiledQuery(
  (db, shape: ListShape, limit: number, offset: number, ...filter: ListValues) =>
    filtered(db, shape, filter)
      .select(['id', 'title', 'theme', 'year', 'date', 'time', 'platform', 'status', 'version', 'updated_at'])
      .select((eb) =>
        eb.selectFrom('forum_questions').whereRef('forum_questions.forum_id', '=', 'forums.id').select((e) => e.fn.countAll<number>().as('n')).as('question_count'),
      )
      .orderBy(shape.column, shape.direction)
      .orderBy('id', shape.direction)
      .limit(limit)
      .offset(offset),
  (shape) => `${shape.column} ${shape.direction} ${filterKey(shape)}`,
);

export async function listForums(db: Db, query: ForumListQuery): Promise<ForumPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const sort = query.sort ?? '-date';
  const shape: ListShape = {
    column: sortColumns[sort.replace(/^-/, '') as keyof typeof sortColumns],
    direction: sort.startsWith('-') ? 'desc' : 'asc',
    search: Boolean(query.q),
    year: Boolean(query.year),
    status: Boolean(query.status),
    platform: Boolean(query.platform),
  };
  const filter: ListValues = [query.q ? likePattern(query.q) : undefined, query.year, query.status, query.platform];
  const [[{ total }], rows] = await Promise.all([countForums(db, shape, ...filter), forumPage(db, shape, pageSize, (page - 1) * pageSize, ...filter)]);

  const items: ForumSummary[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    theme: r.theme,
    year: r.year,
    date: r.date,
    time: r.time,
    platform: r.platform,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at,
    questionCount: Number(r.question_count ?? 0),
  }));
  return { items, total: Number(total), page, pageSize };
}

export async function forumYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('forums').select('year').distinct().orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

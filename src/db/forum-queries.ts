import { sql, type Kysely, type Transaction } from 'kysely';
import type { Forum, ForumInput, ForumListQuery, ForumOrigin, ForumPage, ForumStatus, ForumSummary, Platform, PublicQuestion } from '../domain/forum';
import type { Database, ForumDetails, ForumsTable } from './schema';
import { fromJson } from './json-column';
import { likePattern, searchable } from './normalize';
import { compiledQuery, fixedQuery } from './compiled-query';

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

type ForumRow = Omit<ForumsTable, 'id' | 'consultation_id' | 'consultation_topic_id'> & {
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

async function insertQuestions(db: Db, forumId: number, questions: PublicQuestion[]) {
  if (questions.length === 0) return;
  await db
    .insertInto('forum_questions')
    .values(
      questions.map((q, position) => ({
        forum_id: forumId,
        position,
        text: q.text,
        channel: q.channel,
        asked_by: q.askedBy,
        answered: q.answered ? 1 : 0,
        answered_by: q.answeredBy,
        answer_summary: q.answerSummary,
      })),
    )
    .execute();
}

const forumRow = fixedQuery((db, id: number) =>
  db
    .selectFrom('forums')
    .leftJoin('consultations', 'consultations.id', 'forums.consultation_id')
    .selectAll('forums')
    .select('consultations.title as consultation_title')
    .where('forums.id', '=', id),
);
const forumQuestions = fixedQuery((db, id: number) => db.selectFrom('forum_questions').selectAll().where('forum_id', '=', id).orderBy('position'));

export async function getForum(db: Db, id: number): Promise<Forum | undefined> {
  const [row] = await forumRow(db, id);
  if (!row) return undefined;
  const questions = await forumQuestions(db, id);
  return fromRow(
    row,
    questions.map((q) => ({
      text: q.text,
      channel: q.channel,
      askedBy: q.asked_by,
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
  await insertQuestions(db, id, input.questions);
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
  await db.deleteFrom('forum_questions').where('forum_id', '=', id).execute();
  await insertQuestions(db, id, input.questions);
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

import { organizationIdOf } from './org-scope';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  defaultQuestionSettings,
  dueDateFor,
  questionStatuses,
  type Area,
  type PersonalData,
  type PersonalDataInput,
  type QuestionCase,
  type QuestionCaseInput,
  type QuestionListQuery,
  type QuestionPage,
  type QuestionSettings,
  type QuestionStatus,
  type QuestionSummary,
} from '../domain/question';
import type { QuestionChannel } from '../domain/forum';
import type { ImportedQuestion, KnownForum } from '../domain/question-import';
import type { RichDoc } from '../domain/rich-text';
import { emptyDoc } from '../domain/rich-text';
import { addWorkingDays } from '../domain/working-days';
import type { Database } from './schema';
import { engineOf, postgresInsertRows } from './engine';

type Db = Kysely<Database> | Transaction<Database>;

// ---------------------------------------------------------------- settings and areas

export async function getQuestionSettings(db: Db): Promise<QuestionSettings & { version: number }> {
  const row = await db.selectFrom('settings').select(['value', 'version']).where('key', '=', 'questions').executeTakeFirst();
  if (!row) return { ...defaultQuestionSettings, version: 0 };
  return { ...defaultQuestionSettings, ...(JSON.parse(row.value) as QuestionSettings), version: row.version };
}

/** Saves the settings when the stored version is still `expectedVersion` (0: never saved). */
export async function saveQuestionSettings(db: Db, settings: QuestionSettings, expectedVersion: number): Promise<boolean> {
  const value = JSON.stringify(settings);
  if (expectedVersion === 0) {
    const existing = await db.selectFrom('settings').select('key').where('key', '=', 'questions').executeTakeFirst();
    if (existing) return false;
    await db.insertInto('settings').values({ key: 'questions', value, version: 1 }).execute();
    return true;
  }
  const result = await db.updateTable('settings').set({ value, version: sql`version + 1` }).where('key', '=', 'questions').where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every open case's due date again, after the terms changed (answered cases keep the term they were answered in). */
export async function recomputeDueDates(db: Db, settings: QuestionSettings): Promise<number> {
  const rows = await db.selectFrom('forum_questions').select(['id', 'received_at', 'type', 'answered_live']).where('status', 'in', ['recibida', 'asignada']).execute();
  for (const row of rows) {
    if (!row.received_at) continue;
    const due = dueDateFor(row.received_at, row.type as QuestionCase['type'], row.answered_live === 1, settings);
    await db.updateTable('forum_questions').set({ due_date: due }).where('id', '=', row.id).execute();
  }
  return rows.length;
}

export const listAreas = (db: Db): Promise<Area[]> => db.selectFrom('areas').select(['id', 'name']).orderBy('name').execute();
export const getArea = (db: Db, id: number) => db.selectFrom('areas').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
export const areaByName = (db: Db, name: string) =>
  db.selectFrom('areas').select(['id', 'name']).where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
export async function insertArea(db: Db, name: string): Promise<number> {
  const { id } = await db.insertInto('areas').values({ name }).returning('id').executeTakeFirstOrThrow();
  return id;
}
export const renameArea = (db: Db, id: number, name: string) => db.updateTable('areas').set({ name }).where('id', '=', id).execute();
export async function deleteArea(db: Db, id: number): Promise<void> {
  await db.updateTable('forum_questions').set({ area_id: null }).where('area_id', '=', id).execute();
  await db.deleteFrom('areas').where('id', '=', id).execute();
}

// ---------------------------------------------------------------- cases

/** Columns a case shows; never the asker's name, contact or consent (those are read by `getPersonalData`). */
const caseColumns = [
  'q.id',
  'q.forum_id',
  'q.text',
  'q.received_at',
  'q.channel',
  'q.type',
  'q.due_date',
  'q.area_id',
  'q.assignee',
  'q.status',
  'q.answer',
  'q.answered_at',
  'q.answered_by',
  'q.answer_channel',
  'q.publishable',
  'q.answered_live',
  'q.anonymised_at',
  'q.case_version',
  'q.updated_at',
  'q.updated_by',
  'f.title as forum_title',
  'f.year as forum_year',
  'f.date as forum_date',
] as const;

function parseDoc(value: string | null): RichDoc {
  if (!value) return emptyDoc();
  try {
    return JSON.parse(value) as RichDoc;
  } catch {
    return emptyDoc();
  }
}

/** The case holds personal data: its asker's, or that of a person whose question was merged into it (with consent). */
// org-scope: global ids — the merged submissions of this (scoped) case, by its id.
const caseHasPersonal = sql<number>`(q.asker_name <> '' or q.asker_contact <> '' or exists (select 1 from citizen_questions m where m.question_id = q.id and m.status = 'fusionada' and (m.asker_name <> '' or m.asker_contact <> '')))`.as('has_personal');

export async function getQuestionCase(db: Db, id: number): Promise<QuestionCase | undefined> {
  const row = await db
    .selectFrom('forum_questions as q')
    .innerJoin('forums as f', 'f.id', 'q.forum_id')
    .select(caseColumns)
    .select(caseHasPersonal)
    .where('q.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    forumId: row.forum_id,
    forumTitle: row.forum_title,
    forumYear: row.forum_year,
    forumDate: row.forum_date,
    text: row.text,
    receivedAt: row.received_at ?? `${row.forum_date ?? `${row.forum_year}-01-01`}T00:00`,
    channel: row.channel as QuestionChannel,
    type: row.type as QuestionCase['type'],
    dueDate: row.due_date,
    areaId: row.area_id,
    assignee: row.assignee,
    status: row.status as QuestionStatus,
    answer: parseDoc(row.answer),
    answeredAt: row.answered_at,
    answeredBy: row.answered_by,
    answerChannel: row.answer_channel as QuestionCase['answerChannel'],
    publishable: row.publishable === 1,
    answeredLive: row.answered_live === 1,
    hasPersonalData: Number(row.has_personal) === 1,
    anonymisedAt: row.anonymised_at,
    version: row.case_version,
    updatedAt: row.updated_at ?? '',
    updatedBy: row.updated_by ?? '',
  };
}

/** Writes a case when its version is still `expectedVersion`; keeps the forum's answered flag in step. */
export async function updateQuestionCase(db: Db, id: number, expectedVersion: number, input: QuestionCaseInput, dueDate: string | null, by: string, now: string): Promise<boolean> {
  const answered = input.status === 'respondida' || input.status === 'publicada';
  const result = await db
    .updateTable('forum_questions')
    .set({
      text: input.text,
      received_at: input.receivedAt,
      channel: input.channel,
      type: input.type,
      due_date: dueDate,
      area_id: input.areaId,
      assignee: input.assignee,
      status: input.status,
      answer: JSON.stringify(input.answer),
      answered: answered ? 1 : 0,
      answered_at: input.answeredAt,
      answered_by: input.answeredBy,
      answer_channel: input.answerChannel,
      publishable: input.publishable ? 1 : 0,
      answered_live: input.answeredLive ? 1 : 0,
      case_version: sql`case_version + 1`,
      updated_at: now,
      updated_by: by,
    })
    .where('id', '=', id)
    .where('case_version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Read of the asker's data: only for the audited personal-data route. */
export async function getPersonalData(db: Db, id: number): Promise<PersonalData | undefined> {
  const row = await db.selectFrom('forum_questions').select(['asker_name', 'asker_contact', 'consent_text', 'consent_at', 'anonymised_at']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const merged = await db
    .selectFrom('citizen_questions')
    .select(['id', 'asker_name', 'asker_contact', 'consent_text', 'consent_at', 'received_at'])
    .where('question_id', '=', id)
    .where('status', '=', 'fusionada')
    .where((eb) => eb.or([eb('asker_name', '<>', ''), eb('asker_contact', '<>', '')]))
    .orderBy('id')
    .execute();
  return {
    name: row.asker_name,
    contact: row.asker_contact,
    consentText: row.consent_text,
    consentAt: row.consent_at,
    anonymisedAt: row.anonymised_at,
    mergedAskers: merged.map((m) => ({ submissionId: m.id, name: m.asker_name, contact: m.asker_contact, consentText: m.consent_text, consentAt: m.consent_at, receivedAt: m.received_at })),
  };
}

export async function savePersonalData(db: Db, id: number, input: PersonalDataInput): Promise<void> {
  await db
    .updateTable('forum_questions')
    .set({ asker_name: input.name, asker_contact: input.contact, consent_text: input.consentText, consent_at: input.consentAt, anonymised_at: null })
    .where('id', '=', id)
    .execute();
}

/** Removes the asker's data (the question stays): on request, or when the retention period is over. */
export async function anonymise(db: Db, ids: number[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('forum_questions')
    .set({ asker_name: '', asker_contact: '', consent_text: '', consent_at: null, asked_by: '', anonymised_at: now })
    .where('id', 'in', ids)
    .execute();
}

/** Questions whose personal data outlived the retention period (counted from reception), oldest first. */
export async function expiredPersonalData(db: Db, retentionMonths: number, today: string): Promise<number[]> {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const cutoffDate = new Date(Date.UTC(y, m - 1 - retentionMonths, d)).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('forum_questions')
    .select('id')
    .where((eb) => eb.or([eb('asker_name', '<>', ''), eb('asker_contact', '<>', ''), eb('consent_text', '<>', '')]))
    .where('received_at', '<', cutoffDate)
    .execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- list and counts

const summaryColumns = [
  'q.id',
  'q.forum_id',
  'q.text',
  'q.received_at',
  'q.channel',
  'q.type',
  'q.area_id',
  'q.assignee',
  'q.status',
  'q.due_date',
  'q.answered_at',
  'q.answered_live',
  'q.publishable',
  'q.year',
  'f.title as forum_title',
] as const;

const openStatuses: QuestionStatus[] = ['recibida', 'asignada'];

type CountRow = { status: string; n: number; overdue: number | null; with_due: number };

/**
 * The list's counts by status, per filter set and day, for as long as the database does not change: counting
 * 100,000 cases reads every matching index entry (≈ 25 ms), while the list page itself reads 25. The version is
 * SQLite's own: `total_changes()` (rows this connection changed, rolled back or not) and `PRAGMA data_version`
 * (changes committed by other connections), so any write anywhere, through the API or not, empties it. One cache
 * per database object; a transaction (its own object) gets its own.
 */
const countsCacheSize = 256;
const countsCaches = new WeakMap<object, { version: string; rows: Map<string, CountRow[]> }>();

function countsCacheOf(db: Db, version: string) {
  let cache = countsCaches.get(db);
  if (!cache || cache.version !== version) countsCaches.set(db, (cache = { version, rows: new Map() }));
  return cache;
}

async function dataVersion(db: Db): Promise<string | null> {
  // PostgreSQL has no cheap «anything changed» counter across its processes and connections: no cache, every count read.
  if (engineOf(db) === 'postgres') return null;
  const { rows } = await sql<{ changes: number; version: number }>`select total_changes() as changes, (select data_version from pragma_data_version) as version`.execute(db);
  return `${rows[0]!.changes}|${rows[0]!.version}`;
}

/**
 * The list across forums and years, sorted by due date (cases without one last), with counts by status over the
 * same filters in one grouped query. Every filter is a column of forum_questions with an index that ends in
 * due_date, so the page is read in index order.
 */
export async function listQuestions(db: Db, query: QuestionListQuery, today: string): Promise<QuestionPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const weekEnd = addWorkingDays(today, 5);
  let base = db.selectFrom('forum_questions as q');
  if (query.year !== undefined) base = base.where('q.year', '=', query.year);
  if (query.forumId !== undefined) base = base.where('q.forum_id', '=', query.forumId);
  if (query.areaId !== undefined) base = base.where('q.area_id', '=', query.areaId);
  if (query.due === 'overdue') base = base.where('q.status', 'in', openStatuses).where('q.due_date', '<', today);
  if (query.due === 'week') base = base.where('q.status', 'in', openStatuses).where('q.due_date', '>=', today).where('q.due_date', '<=', weekEnd);
  const filtered = query.status !== undefined ? base.where('q.status', '=', query.status) : base;
  const desc = query.sort === '-due';

  // The counts do not depend on the status filter, the page or the sort: one grouped read per filter set and day,
  // kept until the database changes (countsCache).
  const version = await dataVersion(db);
  const countsKey = `${query.year ?? ''}|${query.forumId ?? ''}|${query.areaId ?? ''}|${query.due ?? ''}|${today}`;
  const cache = version === null ? null : countsCacheOf(db, version);
  let countRows = cache?.rows.get(countsKey);
  if (!countRows) {
    countRows = await base
      .select((eb) => [
        'q.status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(sql`case when q.due_date < ${today} and q.status in ('recibida', 'asignada') then 1 else 0 end`).as('overdue'),
        eb.fn.count<number>('q.due_date').as('with_due'),
      ])
      .groupBy('q.status')
      .execute();
    if (cache) {
      if (cache.rows.size >= countsCacheSize) cache.rows.delete(cache.rows.keys().next().value!);
      cache.rows.set(countsKey, countRows);
    }
  }
  // Cases with a due date first (in due-date order, read along an index that ends in due_date), then those without
  // (answered live), by id: two range reads instead of sorting every matching row by «due date, nulls last».
  const withDue = countRows.filter((c) => query.status === undefined || c.status === query.status).reduce((sum, c) => sum + Number(c.with_due), 0);
  const offset = (page - 1) * pageSize;
  const select = (q: typeof filtered) => q.innerJoin('forums as f', 'f.id', 'q.forum_id').select(summaryColumns);
  const rows =
    offset < withDue
      ? await select(filtered.where('q.due_date', 'is not', null))
          .orderBy('q.due_date', desc ? 'desc' : 'asc')
          .orderBy('q.id', desc ? 'desc' : 'asc')
          .limit(pageSize)
          .offset(offset)
          .execute()
      : [];
  if (rows.length < pageSize) {
    rows.push(
      ...(await select(filtered.where('q.due_date', 'is', null))
        .orderBy('q.id', desc ? 'desc' : 'asc')
        .limit(pageSize - rows.length)
        .offset(Math.max(0, offset - withDue))
        .execute()),
    );
  }
  const counts = { recibida: 0, asignada: 0, respondida: 0, publicada: 0, overdue: 0 } as QuestionPage['counts'];
  for (const c of countRows) {
    if ((questionStatuses as readonly string[]).includes(c.status)) counts[c.status as QuestionStatus] = Number(c.n);
    counts.overdue += Number(c.overdue ?? 0);
  }
  const total = query.status !== undefined ? counts[query.status] : questionStatuses.reduce((sum, s) => sum + counts[s], 0);
  const items: QuestionSummary[] = rows.map((r) => ({
    id: r.id,
    forumId: r.forum_id,
    forumTitle: r.forum_title,
    forumYear: r.year ?? 0,
    text: r.text,
    receivedAt: r.received_at ?? '',
    channel: r.channel as QuestionChannel,
    type: r.type as QuestionCase['type'],
    areaId: r.area_id,
    assignee: r.assignee,
    status: r.status as QuestionStatus,
    dueDate: r.due_date,
    answeredAt: r.answered_at,
    answeredLive: r.answered_live === 1,
    publishable: r.publishable === 1,
  }));
  return { items, total, page, pageSize, counts };
}

/** The cases the figures and the report need (no personal data), for a year or every year. */
export async function casesForFigures(db: Db, year?: number) {
  let query = db
    .selectFrom('forum_questions as q')
    .innerJoin('forums as f', 'f.id', 'q.forum_id')
    .select(['q.id', 'q.forum_id', 'f.title as forum_title', 'f.date as forum_date', 'q.year', 'q.status', 'q.due_date', 'q.answered_at', 'q.received_at', 'q.text', 'q.answer', 'q.channel', 'q.answer_channel', 'q.publishable', 'q.answered_live', 'q.type']);
  if (year !== undefined) query = query.where('q.year', '=', year);
  const rows = await query.orderBy('f.date').orderBy('q.forum_id').orderBy('q.position').execute();
  return rows.map((r) => ({
    id: r.id,
    forumId: r.forum_id,
    forumTitle: r.forum_title,
    forumDate: r.forum_date,
    year: r.year ?? 0,
    status: r.status as QuestionStatus,
    dueDate: r.due_date,
    answeredAt: r.answered_at,
    receivedAt: r.received_at ?? '',
    text: r.text,
    answer: parseDoc(r.answer),
    channel: r.channel as QuestionChannel,
    answerChannel: r.answer_channel as QuestionCase['answerChannel'],
    publishable: r.publishable === 1,
    answeredLive: r.answered_live === 1,
    type: r.type as QuestionCase['type'],
  }));
}
export type FigureCase = Awaited<ReturnType<typeof casesForFigures>>[number];

// ---------------------------------------------------------------- bulk import

/** The forums a file's rows may name, with how many questions each has and its last position. */
export async function knownForumsForImport(db: Db): Promise<KnownForum[]> {
  const rows = await db
    .selectFrom('forums as f')
    .leftJoin('forum_questions as q', 'q.forum_id', 'f.id')
    .select((eb) => ['f.id', 'f.title', 'f.year', 'f.date', 'f.time', eb.fn.count<number>('q.id').as('n'), eb.fn.max<number | null>('q.position').as('max_position')])
    .groupBy('f.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, year: r.year, date: r.date, time: r.time, questionCount: Number(r.n), maxPosition: r.max_position ?? -1 }));
}

const importBatch = 5_000;

/**
 * Writes imported questions as new cases (recibida, with their due date), in batches of one JSON parameter each
 * (json_each): 100.000 rows are twenty statements. Personal data only as planned (with consent, never a minor's).
 */
export async function insertImportedQuestions(db: Db, questions: ImportedQuestion[]): Promise<void> {
  if (engineOf(db) === 'postgres') {
    for (let start = 0; start < questions.length; start += postgresInsertRows) {
      const rows = questions.slice(start, start + postgresInsertRows).map((q) => ({
        forum_id: q.forumId,
        position: q.position,
        text: q.text,
        channel: q.channel,
        asked_by: '',
        answered: 0,
        answered_by: '',
        answer_summary: '',
        received_at: q.receivedAt,
        type: q.type,
        due_date: q.dueDate,
        status: 'recibida' as const,
        year: q.year,
        asker_name: q.name,
        asker_contact: q.contact,
        consent_text: q.consentText,
        consent_at: q.consentAt,
      }));
      await db.insertInto('forum_questions').values(rows).execute();
    }
    return;
  }
  for (let start = 0; start < questions.length; start += importBatch) {
    const batch = JSON.stringify(
      questions.slice(start, start + importBatch).map((q) => [q.forumId, q.position, q.text, q.channel, q.receivedAt, q.type, q.dueDate, q.year, q.name, q.contact, q.consentText, q.consentAt]),
    );
    await sql`
      insert into forum_questions (forum_id, position, text, channel, asked_by, answered, answered_by, answer_summary, received_at, type, due_date, status, year, asker_name, asker_contact, consent_text, consent_at, organization_id)
      select json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), '', 0, '', '',
        json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), json_extract(j.value, '$[6]'), 'recibida', json_extract(j.value, '$[7]'),
        json_extract(j.value, '$[8]'), json_extract(j.value, '$[9]'), json_extract(j.value, '$[10]'), json_extract(j.value, '$[11]'), ${organizationIdOf(db)}
      from json_each(${batch}) j`.execute(db);
  }
}

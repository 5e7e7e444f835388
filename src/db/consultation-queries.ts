import { orgScope, organizationIdOf } from './org-scope';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  Consultation,
  ConsultationInput,
  ConsultationResponse,
  ConsultationResponsePage,
  ConsultationSummary,
  ConsultationTopic,
  ResponseInput,
  ResponseListQuery,
  ResponseSource,
} from '../domain/consultation';
import type { TallyResponse } from '../domain/consultation-tally';
import type { ConsultationResponsesTable, Database } from './schema';
import { fromJson, type Json } from './json-column';
import { engineOf, jsonScalars, postgresInsertRows } from './engine';

type Db = Kysely<Database> | Transaction<Database>;

/** Responses per INSERT of an import (one JSON parameter each). */
const insertBatch = 10_000;

/**
 * Rows of an import still being written (its id in consultation_pending_imports) are not visible yet: every read
 * of responses carries this condition. Manual responses and finished imports pass it (`import_batch` 0, or an id
 * no longer pending); the pending list is nearly always empty, so SQLite checks it once per query.
 */
// org-scope: global ids — an import's id is unique across the installation; this only hides rows of imports still being written.
const visible = (column = 'import_batch') => sql<boolean>`${sql.ref(column)} not in (select id from consultation_pending_imports)`;

export async function getConsultationTopics(db: Db, consultationId: number): Promise<ConsultationTopic[]> {
  const rows = await db
    .selectFrom('consultation_topics')
    .select(['id', 'title', 'description', 'proposing_team'])
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, description: r.description, proposingTeam: r.proposing_team }));
}

export async function countResponses(db: Db, consultationId: number): Promise<number> {
  const { n } = await db
    .selectFrom('consultation_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId)
    .where(visible())
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function getConsultation(db: Db, id: number): Promise<Consultation | undefined> {
  const row = await db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [topics, responseCount, forums] = await Promise.all([
    getConsultationTopics(db, id),
    countResponses(db, id),
    db
      .selectFrom('forums')
      .select(['id', 'title', 'consultation_topic_id'])
      .where('consultation_id', '=', id)
      .where('consultation_topic_id', 'is not', null)
      .orderBy('id')
      .execute(),
  ]);
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    openDate: row.open_date,
    closeDate: row.close_date,
    channels: fromJson(row.channels),
    status: row.status,
    note: row.note,
    topics,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    responseCount,
    forums: forums.map((f) => ({ id: f.id, title: f.title, topicId: f.consultation_topic_id as number })),
  };
}

/**
 * The year's consultation as the public side needs it (its page, the citizen's vote): dates, status, channels and
 * topics, without the counts `getConsultation` adds (a count of every response, on every vote and page load).
 */
export async function publicConsultationOfYear(db: Db, year: number): Promise<Pick<Consultation, 'id' | 'year' | 'title' | 'openDate' | 'closeDate' | 'status' | 'channels' | 'topics'> | undefined> {
  const row = await db.selectFrom('consultations').select(['id', 'year', 'title', 'open_date', 'close_date', 'status', 'channels']).where('year', '=', year).orderBy('id').executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, year: row.year, title: row.title, openDate: row.open_date, closeDate: row.close_date, status: row.status, channels: fromJson(row.channels), topics: await getConsultationTopics(db, row.id) };
}

/** The consultation of a year other than `exceptId` (one per year), or undefined. */
export async function consultationOfYear(db: Db, year: number, exceptId?: number): Promise<{ id: number; title: string } | undefined> {
  let query = db.selectFrom('consultations').select(['id', 'title']).where('year', '=', year);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.orderBy('id').executeTakeFirst();
}

export async function listConsultations(db: Db, year?: number): Promise<ConsultationSummary[]> {
  let query = db
    .selectFrom('consultations')
    .select(['id', 'year', 'title', 'open_date', 'close_date', 'status', 'version'])
    .select((eb) => [
      eb.selectFrom('consultation_topics').whereRef('consultation_topics.consultation_id', '=', 'consultations.id').select((e) => e.fn.countAll<number>().as('n')).as('topic_count'),
      eb
        .selectFrom('consultation_responses')
        .whereRef('consultation_responses.consultation_id', '=', 'consultations.id')
        .where(visible('consultation_responses.import_batch'))
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('response_count'),
    ]);
  if (year !== undefined) query = query.where('year', '=', year);
  const rows = await query.orderBy('year', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    title: r.title,
    openDate: r.open_date,
    closeDate: r.close_date,
    status: r.status,
    topicCount: Number(r.topic_count ?? 0),
    responseCount: Number(r.response_count ?? 0),
    version: r.version,
  }));
}

const consultationRow = (input: ConsultationInput) => ({
  year: input.year,
  title: input.title,
  open_date: input.openDate,
  close_date: input.closeDate,
  channels: JSON.stringify(input.channels),
  status: input.status,
  note: input.note ?? '',
});

export async function insertConsultation(db: Db, input: ConsultationInput, by: string, now: string): Promise<number> {
  const { id } = await db
    .insertInto('consultations')
    .values({ ...consultationRow(input), version: 1, created_at: now, updated_at: now, created_by: by, updated_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  await saveTopics(db, id, input.topics);
  return id;
}

/**
 * Writes the topics in their new order: those with an id are updated in place (their votes stay with them),
 * those without are inserted, the others deleted. The caller has checked that the ids are this consultation's
 * and that no deleted topic has votes or a forum.
 */
export async function saveTopics(db: Db, consultationId: number, topics: ConsultationInput['topics']): Promise<void> {
  const keep = topics.flatMap((t) => (t.id === undefined ? [] : [t.id]));
  let removal = db.deleteFrom('consultation_topics').where('consultation_id', '=', consultationId);
  if (keep.length > 0) removal = removal.where('id', 'not in', keep);
  await removal.execute();
  for (const [position, topic] of topics.entries()) {
    const values = { position, title: topic.title, description: topic.description, proposing_team: topic.proposingTeam };
    if (topic.id === undefined) await db.insertInto('consultation_topics').values({ consultation_id: consultationId, ...values }).execute();
    else await db.updateTable('consultation_topics').set(values).where('id', '=', topic.id).where('consultation_id', '=', consultationId).execute();
  }
}

/** Writes the new values only when the stored version is still `expectedVersion`. Returns false on a stale version. */
export async function updateConsultation(db: Db, id: number, expectedVersion: number, input: ConsultationInput, by: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('consultations')
    .set({ ...consultationRow(input), version: sql`version + 1`, updated_at: now, updated_by: by })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await saveTopics(db, id, input.topics);
  return true;
}

/** Deletes the consultation with its topics and responses; forums created from it stay, without their origin. */
export async function deleteConsultation(db: Db, id: number): Promise<boolean> {
  await db.updateTable('forums').set({ consultation_id: null, consultation_topic_id: null }).where('consultation_id', '=', id).execute();
  await db.deleteFrom('consultation_responses').where('consultation_id', '=', id).execute();
  await db.deleteFrom('consultation_topics').where('consultation_id', '=', id).execute();
  const result = await db.deleteFrom('consultations').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A response chose this topic (its topic_ids JSON array holds the id). */
function chose(db: Db, topicId: number) {
  return sql<boolean>`exists (select 1 from ${jsonScalars(db, sql`topic_ids`, 't')} where cast(t.value as integer) = ${topicId})`;
}

/** Votes per topic id of the consultation (topics without votes are absent). */
export async function votesPerTopic(db: Db, consultationId: number): Promise<Map<number, number>> {
  const rows = await sql<{ topic_id: number; n: number }>`
    select j.value as topic_id, count(*) as n
    from consultation_responses r, ${jsonScalars(db, sql`r.topic_ids`, 'j')}
    where r.consultation_id = ${consultationId} and ${visible('r.import_batch')} and ${orgScope(db, 'r')}
    group by j.value`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.topic_id), Number(r.n)]));
}

/** Topic ids of the consultation that a forum was created from, with that forum's id. */
export async function forumsByTopic(db: Db, consultationId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('forums')
    .select(['id', 'consultation_topic_id'])
    .where('consultation_id', '=', consultationId)
    .where('consultation_topic_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.consultation_topic_id as number, r.id]));
}

/**
 * Inserts responses (call inside a transaction: all or nothing). One response (a manual entry) goes through a
 * plain INSERT and gives its id back; an import hands SQLite its rows as one JSON parameter per 10.000 rows, read
 * with json_each: far cheaper than building and binding multi-row INSERTs for 100.000 responses.
 */
export async function insertResponses(
  db: Db,
  consultationId: number,
  responses: ResponseInput[],
  source: ResponseSource,
  by: string,
  now: string,
  importBatch = 0,
): Promise<number[]> {
  // One response as a row of the table (the single insert and PostgreSQL's multi-row inserts).
  const row = (r: (typeof responses)[number]) => ({
    consultation_id: consultationId,
    value_group_kind: r.valueGroupKind,
    value_group: r.valueGroup,
    topic_ids: JSON.stringify(r.topicIds),
    proposed_topic: r.proposedTopic,
    questions: JSON.stringify(r.questions),
    channel: r.channel,
    date: r.date,
    late: r.late ? 1 : 0,
    source,
    created_at: now,
    created_by: by,
    import_batch: importBatch,
  });
  if (responses.length === 1) {
    const { id } = await db
      .insertInto('consultation_responses')
      .values(row(responses[0]!))
      .returning('id')
      .executeTakeFirstOrThrow();
    return [id];
  }
  if (engineOf(db) === 'postgres') {
    // PostgreSQL: multi-row INSERTs through Kysely (typed values, no JSON to cast back), in order.
    for (let start = 0; start < responses.length; start += postgresInsertRows) {
      await db.insertInto('consultation_responses').values(responses.slice(start, start + postgresInsertRows).map(row)).execute();
    }
    return [];
  }
  for (let start = 0; start < responses.length; start += insertBatch) {
    const end = Math.min(responses.length, start + insertBatch);
    const batch: unknown[] = new Array(end - start);
    for (let i = start; i < end; i++) {
      const r = responses[i];
      batch[i - start] = [r.valueGroupKind, r.valueGroup, JSON.stringify(r.topicIds), r.proposedTopic, JSON.stringify(r.questions), r.channel, r.date, r.late ? 1 : 0];
    }
    await sql`
      insert into consultation_responses
        (consultation_id, value_group_kind, value_group, topic_ids, proposed_topic, questions, channel, date, late, source, created_at, created_by, import_batch, organization_id)
      select ${consultationId}, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, ${source}, ${now}, ${by}, ${importBatch}, ${organizationIdOf(db)}
      from json_each(${JSON.stringify(batch)}) j
      order by j.key`.execute(db);
  }
  return [];
}

type ResponseRow = Pick<Selectable<ConsultationResponsesTable>, (typeof responseColumns)[number]>;

const responseFromRow = (r: ResponseRow): ConsultationResponse => ({
  id: r.id,
  valueGroupKind: r.value_group_kind,
  valueGroup: r.value_group,
  topicIds: fromJson(r.topic_ids),
  proposedTopic: r.proposed_topic,
  questions: fromJson(r.questions),
  channel: r.channel,
  date: r.date,
  late: r.late === 1,
  source: r.source,
  createdAt: r.created_at,
});

const responseColumns = ['id', 'value_group_kind', 'value_group', 'topic_ids', 'proposed_topic', 'questions', 'channel', 'date', 'late', 'source', 'created_at'] as const;

export async function getResponse(db: Db, consultationId: number, id: number): Promise<ConsultationResponse | undefined> {
  const row = await db.selectFrom('consultation_responses').select(responseColumns).where('id', '=', id).where('consultation_id', '=', consultationId).where(visible()).executeTakeFirst();
  return row && responseFromRow(row);
}

/** A page of responses, newest date first, filtered by topic, value group kind and channel. */
export async function listResponses(db: Db, consultationId: number, query: ResponseListQuery): Promise<ConsultationResponsePage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = db.selectFrom('consultation_responses').where('consultation_id', '=', consultationId).where(visible());
  if (query.topicId !== undefined) base = base.where(chose(db, query.topicId));
  if (query.valueGroupKind) base = base.where('value_group_kind', '=', query.valueGroupKind);
  if (query.channel) base = base.where('channel', '=', query.channel);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(responseColumns)
      .orderBy('date', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: rows.map(responseFromRow), total: Number(total), page, pageSize };
}

export async function deleteResponse(db: Db, consultationId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('consultation_responses').where('id', '=', id).where('consultation_id', '=', consultationId).where(visible()).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * Every response of the consultation as the tally reads it, in one SELECT that SQLite folds into a single JSON
 * text (one string to parse instead of 100.000 row objects and their JSON columns).
 */
export async function tallyResponses(db: Db, consultationId: number): Promise<TallyResponse[]> {
  if (engineOf(db) === 'postgres') {
    const { rows } = await sql<{ responses: string | null }>`
      select cast(json_agg(json_build_object(
        'id', id, 'valueGroupKind', value_group_kind, 'valueGroup', value_group, 'topicIds', cast(topic_ids as json),
        'proposedTopic', proposed_topic, 'questions', cast(questions as json), 'channel', channel) order by id) as text) as responses
      from consultation_responses where consultation_id = ${consultationId} and ${visible()} and ${orgScope(db, 'consultation_responses')}`.execute(db);
    return JSON.parse(rows[0]?.responses ?? '[]') as TallyResponse[];
  }
  const { rows } = await sql<{ responses: Json<TallyResponse[]> | null }>`
    select json_group_array(json_object(
      'id', id, 'valueGroupKind', value_group_kind, 'valueGroup', value_group, 'topicIds', json(topic_ids),
      'proposedTopic', proposed_topic, 'questions', json(questions), 'channel', channel)) as responses
    from (select * from consultation_responses where consultation_id = ${consultationId} and ${visible()} and ${orgScope(db, 'consultation_responses')} order by id)`.execute(db);
  return fromJson(rows[0]?.responses ?? '[]');
}

/** The questions of the responses that chose this topic, in date order, at most `limit`. */
export async function questionsForTopic(db: Db, consultationId: number, topicId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('consultation_responses')
    .select('questions')
    .where('consultation_id', '=', consultationId)
    .where(visible())
    .where('questions', '!=', '[]')
    .where(chose(db, topicId))
    .orderBy('date')
    .orderBy('id')
    .execute();
  const out: string[] = [];
  for (const row of rows) {
    for (const q of fromJson(row.questions)) {
      if (out.length >= limit) return out;
      out.push(q);
    }
  }
  return out;
}

/**
 * A big import is written in short chunks (other requests run in between), its rows invisible until
 * `commitPendingImport` deletes this row in one short transaction: all or nothing, without holding the database.
 */
export async function startPendingImport(db: Db, consultationId: number, now: string): Promise<number> {
  // Response ids only grow (AUTOINCREMENT): every row this import writes comes after the largest id now.
  const { id } = await db
    .insertInto('consultation_pending_imports')
    // org-scope: global ids — the largest response id of the installation (ids are global).
    .values({ consultation_id: consultationId, started_at: now, first_id: sql<number>`(select coalesce(max(id), 0) from consultation_responses)` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Makes the import's rows visible: one row deleted. */
export async function commitPendingImport(db: Db, importId: number): Promise<void> {
  await db.deleteFrom('consultation_pending_imports').where('id', '=', importId).execute();
}

/** Removes up to `limit` rows of an import that did not finish; answers how many went. */
export async function discardPendingImportRows(db: Db, importId: number, limit = 5_000): Promise<number> {
  const pending = await db.selectFrom('consultation_pending_imports').select('first_id').where('id', '=', importId).executeTakeFirst();
  const from = pending?.first_id ?? 0;
  const result = await sql`delete from consultation_responses where id in (
    select id from consultation_responses where id > ${from} and import_batch = ${importId} and ${orgScope(db, 'consultation_responses')} order by id limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Every import a stop cut short (at start-up): its rows and its pending row go. */
export async function discardPendingImports(db: Kysely<Database>): Promise<number> {
  const pending = await db.selectFrom('consultation_pending_imports').select('id').execute();
  for (const { id } of pending) {
    while ((await discardPendingImportRows(db, id, 50_000)) > 0);
    await commitPendingImport(db, id);
  }
  return pending.length;
}

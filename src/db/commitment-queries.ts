import { orgScope, organizationIdOf } from './org-scope';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  areaKey,
  commitmentLimits,
  effectiveStatus,
  type Commitment,
  type CommitmentDetail,
  type CommitmentInput,
  type CommitmentListQuery,
  type CommitmentPage,
  type CommitmentStatus,
  type FollowUp,
  type KnownCommitment,
  type ProgressUpdateRow,
} from '../domain/commitment';
import type { Database } from './schema';
import { engineOf } from './engine';

type Db = Kysely<Database> | Transaction<Database>;

const columns = [
  'c.id',
  'c.forum_id',
  'c.question_id',
  'c.year',
  'c.text',
  'c.area',
  'c.person',
  'c.due_date',
  'c.status',
  'c.cancel_reason',
  'c.progress',
  'c.illustrative',
  'c.version',
  'c.created_at',
  'c.updated_at',
  'c.created_by',
  'c.updated_by',
  'f.title as forum_title',
  'f.date as forum_date',
] as const;

function base(db: Db) {
  return db.selectFrom('commitments as c').innerJoin('forums as f', 'f.id', 'c.forum_id').select(columns);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function toCommitment(r: Row, today: string): Commitment {
  return {
    id: r.id,
    forumId: r.forum_id,
    questionId: r.question_id,
    year: r.year,
    text: r.text,
    area: r.area,
    person: r.person,
    dueDate: r.due_date,
    status: r.status as CommitmentStatus,
    cancelReason: r.cancel_reason,
    progress: r.progress,
    effectiveStatus: effectiveStatus(r.status as CommitmentStatus, r.due_date, today),
    illustrative: r.illustrative === 1,
    forumTitle: r.forum_title,
    forumDate: r.forum_date,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
  };
}

export async function getCommitment(db: Db, id: number, today: string): Promise<CommitmentDetail | null> {
  const row = await base(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const followUps = await db.selectFrom('commitment_follow_ups').selectAll().where('commitment_id', '=', id).orderBy('date', 'desc').orderBy('id', 'desc').execute();
  return {
    ...toCommitment(row, today),
    followUps: followUps.map(
      (f): FollowUp => ({ id: f.id, commitmentId: f.commitment_id, date: f.date, note: f.note, progress: f.progress, evidenceUrl: f.evidence_url, createdAt: f.created_at, createdBy: f.created_by }),
    ),
  };
}

/**
 * The known areas: the entity's areas (table `areas`, 0009, configured by admins) and every area a commitment was
 * given, each once (compared without case or accents), for filters and to check a file's areas.
 */
export async function listCommitmentAreas(db: Db): Promise<string[]> {
  const configured = await db.selectFrom('areas').select('name as area').execute();
  const used = await db.selectFrom('commitments').select('area').distinct().execute();
  const byKey = new Map<string, string>();
  for (const { area } of [...configured, ...used]) if (!byKey.has(areaKey(area))) byKey.set(areaKey(area), area);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'es'));
}

/** A page of commitments (due date first), filtered; «vencido» is open and due before today. */
export async function listCommitments(db: Db, query: CommitmentListQuery, today: string): Promise<CommitmentPage> {
  let q = base(db);
  if (query.year !== undefined) q = q.where('c.year', '=', query.year);
  if (query.forumId !== undefined) q = q.where('c.forum_id', '=', query.forumId);
  if (query.area) q = q.where(sql<boolean>`lower(c.area) = lower(${query.area})`);
  if (query.q) q = q.where('c.text', 'like', `%${query.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
  if (query.status === 'overdue') q = q.where('c.status', 'in', ['pending', 'in_progress']).where('c.due_date', '<', today);
  else if (query.status === 'pending' || query.status === 'in_progress') q = q.where('c.status', '=', query.status).where('c.due_date', '>=', today);
  else if (query.status) q = q.where('c.status', '=', query.status);
  const { total } = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const page = query.page ?? 1;
  const rows = await q
    .orderBy('c.due_date')
    .orderBy('c.id')
    .limit(commitmentLimits.pageSize)
    .offset((page - 1) * commitmentLimits.pageSize)
    .execute();
  return { items: rows.map((r) => toCommitment(r, today)), total: Number(total), page, pageSize: commitmentLimits.pageSize, areas: await listCommitmentAreas(db) };
}

/** The year's commitments (report, open data), and the open ones of a year (follow-up in the next report). */
export async function commitmentsOfYear(db: Db, year: number, today: string, options: { openOnly?: boolean } = {}): Promise<Commitment[]> {
  let q = base(db).where('c.year', '=', year);
  if (options.openOnly) q = q.where('c.status', 'in', ['pending', 'in_progress']);
  return (await q.orderBy('c.due_date').orderBy('c.id').execute()).map((r) => toCommitment(r, today));
}

export async function insertCommitment(db: Db, input: CommitmentInput & { year: number; illustrative?: boolean }, username: string, now: string): Promise<number> {
  const { id } = await db
    .insertInto('commitments')
    .values({
      forum_id: input.forumId,
      question_id: input.questionId ?? null,
      year: input.year,
      text: input.text,
      area: input.area,
      person: input.person,
      due_date: input.dueDate,
      status: input.status,
      cancel_reason: input.cancelReason,
      progress: input.progress,
      illustrative: input.illustrative ? 1 : 0,
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: username,
      updated_by: username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Saves a commitment if it is still at `version`; false when someone else saved it first. */
export async function updateCommitment(db: Db, id: number, version: number, input: CommitmentInput & { year: number }, username: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('commitments')
    .set({
      forum_id: input.forumId,
      question_id: input.questionId ?? null,
      year: input.year,
      text: input.text,
      area: input.area,
      person: input.person,
      due_date: input.dueDate,
      status: input.status,
      cancel_reason: input.cancelReason,
      progress: input.progress,
      version: version + 1,
      updated_at: now,
      updated_by: username,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteCommitment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('commitments').where('id', '=', id).execute();
}

/** A follow-up, and the commitment's progress and status with it (only if still at `version`). */
export async function insertFollowUp(
  db: Db,
  commitmentId: number,
  version: number,
  input: { date: string; note: string; progress: number; evidenceUrl: string; status: CommitmentStatus },
  username: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('commitments')
    .set({ progress: input.progress, status: input.status, version: version + 1, updated_at: now, updated_by: username })
    .where('id', '=', commitmentId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('commitment_follow_ups')
    .values({ commitment_id: commitmentId, date: input.date, note: input.note, progress: input.progress, evidence_url: input.evidenceUrl, created_at: now, created_by: username })
    .execute();
  return true;
}

/** What a progress file is checked against: every commitment's id, area, status and progress, in one read. */
export async function knownCommitments(db: Db): Promise<Map<number, KnownCommitment>> {
  const rows = await db.selectFrom('commitments').select(['id', 'area', 'status', 'progress', 'text']).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, area: r.area, status: r.status as CommitmentStatus, progress: r.progress, text: r.text }]));
}

/** Rows per statement of a bulk update (each a JSON parameter read with json_each). */
const bulkBatch = 5_000;

/**
 * A file's progress updates in three statements per batch, inside the caller's transaction: the commitments
 * (progress, status, version), one follow-up each, one audit entry each — each statement reads its rows from one
 * JSON parameter (json_each), so 10.000 rows are a handful of statements instead of 30.000.
 */
export async function applyProgressUpdates(db: Db, updates: ProgressUpdateRow[], note: (row: ProgressUpdateRow) => string, user: { id: number | null; username: string }, today: string, now: string): Promise<void> {
  for (let start = 0; start < updates.length; start += bulkBatch) {
    const batch = JSON.stringify(updates.slice(start, start + bulkBatch).map((u) => ({ id: u.id, to: u.to, status: u.status, note: note(u), changes: JSON.stringify(['avance', `${u.from} → ${u.to} %`, 'importado de archivo']) })));
    if (engineOf(db) === 'postgres') {
      // The same three statements over PostgreSQL's JSON: one typed record per element.
      const rows = sql`jsonb_to_recordset(cast(${batch} as jsonb)) as u(id bigint, "to" bigint, status text, note text, changes text)`;
      await sql`
        update commitments set progress = u."to", status = u.status, version = version + 1, updated_at = ${now}, updated_by = ${user.username}
        from ${rows} where commitments.id = u.id and ${orgScope(db, 'commitments')}`.execute(db);
      await sql`
        insert into commitment_follow_ups (commitment_id, date, note, progress, evidence_url, created_at, created_by, organization_id)
        select u.id, ${today}, u.note, u."to", '', ${now}, ${user.username}, ${organizationIdOf(db)} from ${rows}`.execute(db);
      await sql`
        insert into audit_log (at, user_id, username, action, entity, entity_id, changes, organization_id)
        select ${now}, ${user.id}, ${user.username}, 'update', 'commitment', u.id, u.changes, ${organizationIdOf(db)} from ${rows}`.execute(db);
      continue;
    }
    await sql`
      update commitments set
        progress = u.progress, status = u.status, version = version + 1, updated_at = ${now}, updated_by = ${user.username}
      from (select json_extract(j.value, '$.id') as id, json_extract(j.value, '$.to') as progress, json_extract(j.value, '$.status') as status from json_each(${batch}) j) as u
      where commitments.id = u.id and ${orgScope(db, 'commitments')}`.execute(db);
    await sql`
      insert into commitment_follow_ups (commitment_id, date, note, progress, evidence_url, created_at, created_by, organization_id)
      select json_extract(j.value, '$.id'), ${today}, json_extract(j.value, '$.note'), json_extract(j.value, '$.to'), '', ${now}, ${user.username}, ${organizationIdOf(db)}
      from json_each(${batch}) j`.execute(db);
    await sql`
      insert into audit_log (at, user_id, username, action, entity, entity_id, changes, organization_id)
      select ${now}, ${user.id}, ${user.username}, 'update', 'commitment', json_extract(j.value, '$.id'), json_extract(j.value, '$.changes'), ${organizationIdOf(db)}
      from json_each(${batch}) j`.execute(db);
  }
}

/** The years of these commitments (each once). */
export async function commitmentYears(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  if (engineOf(db) === 'postgres') {
    const rows = await db.selectFrom('commitments').select('year').distinct().where(sql<boolean>`id = any(${ids})`).execute();
    return rows.map((r) => r.year);
  }
  const rows = await db.selectFrom('commitments').select('year').distinct().where(sql<boolean>`id in (select value from json_each(${JSON.stringify(ids)}))`).execute();
  return rows.map((r) => r.year);
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { ForumMetricsInput } from '../domain/metrics';
import type { MetricsRuleId } from '../domain/metrics-rules';
import type { YearMetricsForum } from '../domain/metrics-update';
import type { Database, ForumMetricsTable } from './schema';
import { fromJson, type Json } from './json-column';

type Db = Kysely<Database> | Transaction<Database>;

/** A forum's stored metrics, without the rule check (the API adds it). Version 0 = never saved. */
export interface StoredForumMetrics extends ForumMetricsInput {
  forumId: number;
  version: number;
  acknowledgedWarnings: MetricsRuleId[];
  updatedAt: string | null;
  updatedBy: string | null;
}

const parse = <T>(json: Json<T> | null): T | null => (json === null ? null : fromJson(json));
const stringify = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function snapshotsOf(row: Pick<ForumMetricsTable, 'post_card' | 'live_summary' | 'since_publication'>): ForumMetricsInput {
  return {
    postCard: parse(row.post_card),
    liveSummary: parse(row.live_summary),
    sincePublication: parse(row.since_publication),
  };
}

/** The forum's metrics; the "never saved" record (version 0, no snapshots) when it has none. */
export async function getForumMetrics(db: Db, forumId: number): Promise<StoredForumMetrics> {
  const row = await db.selectFrom('forum_metrics').selectAll().where('forum_id', '=', forumId).executeTakeFirst();
  if (!row) {
    return { forumId, version: 0, postCard: null, liveSummary: null, sincePublication: null, acknowledgedWarnings: [], updatedAt: null, updatedBy: null };
  }
  return {
    forumId,
    version: row.version,
    ...snapshotsOf(row),
    acknowledgedWarnings: fromJson(row.acknowledged_warnings),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/**
 * Saves the forum's metrics only when the stored version is still `expectedVersion` (0 = never saved: the
 * row must not exist yet); the new version is `expectedVersion + 1`. Returns false on a stale version.
 */
export async function upsertForumMetrics(
  db: Db,
  forumId: number,
  expectedVersion: number,
  metrics: ForumMetricsInput,
  acknowledgedWarnings: MetricsRuleId[],
  by: string,
  now: string,
): Promise<boolean> {
  const values = {
    post_card: stringify(metrics.postCard),
    live_summary: stringify(metrics.liveSummary),
    since_publication: stringify(metrics.sincePublication),
    acknowledged_warnings: JSON.stringify(acknowledgedWarnings),
    updated_at: now,
    updated_by: by,
  };
  if (expectedVersion === 0) {
    const result = await db
      .insertInto('forum_metrics')
      .values({ forum_id: forumId, version: 1, ...values })
      .onConflict((oc) => oc.column('forum_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db
    .updateTable('forum_metrics')
    .set({ ...values, version: sql`version + 1` })
    .where('forum_id', '=', forumId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every forum of a year, in date order (undated last), with its snapshots or null when it has no metrics. */
export async function listYearMetrics(db: Db, year: number): Promise<YearMetricsForum[]> {
  const rows = await db
    .selectFrom('forums')
    .leftJoin('forum_metrics', 'forum_metrics.forum_id', 'forums.id')
    .select([
      'forums.id as id',
      'forums.title as title',
      'forums.date as date',
      'forums.platform as platform',
      'forum_metrics.version as metrics_version',
      'forum_metrics.post_card as post_card',
      'forum_metrics.live_summary as live_summary',
      'forum_metrics.since_publication as since_publication',
    ])
    .where('forums.year', '=', year)
    .orderBy(sql`forums.date is null`)
    .orderBy('forums.date')
    .orderBy('forums.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    date: r.date,
    platform: r.platform,
    metrics: r.metrics_version === null ? null : snapshotsOf(r),
  }));
}

/** What the metrics routes need of a forum (existence, its year for the report, and what an imported row is matched against). */
export async function getMetricsForum(db: Db, id: number): Promise<{ id: number; year: number; title: string; date: string | null; streamUrl: string } | undefined> {
  const row = await db.selectFrom('forums').select(['id', 'year', 'title', 'date', 'stream_url']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, year: row.year, title: row.title, date: row.date, streamUrl: row.stream_url };
}

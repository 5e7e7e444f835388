import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Request limits counted in the database (issue 15): every server process sees the same counts. A fixed window
 * per key that starts at the key's first hit (as the in-memory counters did): one statement per hit, an upsert
 * that increments the count, or starts a new window when the stored one has run out, and returns the result.
 * Written with Kysely's `onConflict` only (no engine-specific SQL): the same on SQLite and PostgreSQL, atomic on
 * both (the row is locked by the upsert, so two processes cannot both read the old count).
 */
export async function hitRateCounter(db: Kysely<Database>, key: string, nowMs: number, windowMs: number): Promise<{ hits: number; windowStart: number }> {
  // A stored window that began at or before this moment has run out. Computed here so that PostgreSQL never has to
  // guess the type of `$now - $window` (two untyped parameters).
  const ranOut = nowMs - windowMs;
  const row = await db
    .insertInto('rate_counters')
    .values({ key, window_start: nowMs, hits: 1, expires_at: nowMs + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb.case().when('rate_counters.window_start', '<=', ranOut).then(1).else(eb('rate_counters.hits', '+', 1)).end(),
        window_start: eb.case().when('rate_counters.window_start', '<=', ranOut).then(nowMs).else(eb.ref('rate_counters.window_start')).end(),
        expires_at: eb.case().when('rate_counters.window_start', '<=', ranOut).then(nowMs + windowMs).else(eb.ref('rate_counters.expires_at')).end(),
      })),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
  // PostgreSQL's driver returns bigint as text.
  return { hits: Number(row.hits), windowStart: Number(row.window_start) };
}

/** Deletes up to `limit` counters whose window ended before `nowMs` (by the `expires_at` index). */
export async function pruneRateCounters(db: Kysely<Database>, nowMs: number, limit = 500): Promise<number> {
  const result = await db
    .deleteFrom('rate_counters')
    .where('key', 'in', (eb) => eb.selectFrom('rate_counters').select('key').where('expires_at', '<', nowMs).limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { sql, type Kysely } from 'kysely';
import { engineOf } from './engine';
import type { Database } from './schema';

/** The connection's own `synchronous` level (read once per database), restored after each counter's commit. */
const synchronousLevel = new WeakMap<object, number>();

/**
 * Request limits counted in the database (issue 15): every server process sees the same counts. A fixed window
 * per key that starts at the key's first hit (as the in-memory counters did): one write per hit, an upsert
 * that increments the count, or starts a new window when the stored one has run out, and returns the result.
 * Written with Kysely's `onConflict` only (no engine-specific SQL): the same on SQLite and PostgreSQL, atomic on
 * both (the row is locked by the upsert, so two processes cannot both read the old count).
 */
export async function hitRateCounter(db: Kysely<Database>, key: string, nowMs: number, windowMs: number): Promise<{ hits: number; windowStart: number }> {
  // A stored window that began at or before this moment has run out. Computed here so that PostgreSQL never has to
  // guess the type of `$now - $window` (two untyped parameters).
  const ranOut = nowMs - windowMs;
  const upsert = (on: Kysely<Database>) =>
    on
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
  // SQLite: the server commits with synchronous = FULL (a flush of the WAL per commit, so a write it acknowledged
  // survives a power cut). A counter is not worth that flush on every public read (measured: it made such a read
  // 7× slower): it commits with NORMAL (written to the WAL, flushed with the next FULL commit or checkpoint; a power
  // cut may forget the last counts, which costs nothing). The connection is held so nothing else commits meanwhile.
  const row =
    engineOf(db) === 'sqlite'
      ? await db.connection().execute(async (connection) => {
          let synchronous = synchronousLevel.get(db);
          if (synchronous === undefined) {
            synchronous = Number((await sql<{ synchronous: number }>`pragma synchronous`.execute(connection)).rows[0].synchronous);
            synchronousLevel.set(db, synchronous);
          }
          if (synchronous <= 1) return upsert(connection);
          await sql`pragma synchronous = normal`.execute(connection);
          try {
            return await upsert(connection);
          } finally {
            await sql.raw(`pragma synchronous = ${Number(synchronous)}`).execute(connection);
          }
        })
      : await upsert(db);
  // PostgreSQL's driver may return bigint as text.
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

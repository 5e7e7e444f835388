import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { engineOf } from './engine';
import type { Database } from './schema';

/** The connection's own `synchronous` level (read once per database), restored after each counter's commit. */
const synchronousLevel = new WeakMap<object, number>();

/**
 * Request limits counted in the database (issue 15): every server process sees the same counts. A fixed window
 * per key that starts at the key's first hit (as the in-memory counters did): one write per hit (or per block of
 * `count` hits, `leasedLimiter`), an upsert that increments the count, or starts a new window when the stored one has run out, and returns the result.
 * Written with Kysely's `onConflict` only (no engine-specific SQL): the same on SQLite and PostgreSQL, atomic on
 * both (the row is locked by the upsert, so two processes cannot both read the old count).
 */
export async function hitRateCounter(db: Kysely<Database>, key: string, nowMs: number, windowMs: number, count = 1): Promise<{ hits: number; windowStart: number }> {
  // A stored window that began at or before this moment has run out. Computed here so that PostgreSQL never has to
  // guess the type of `$now - $window` (two untyped parameters).
  const ranOut = nowMs - windowMs;
  const upsert = (on: Kysely<Database>) =>
    on
      .insertInto('rate_counters')
      .values({ key, window_start: nowMs, hits: count, expires_at: nowMs + windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          hits: eb.case().when('rate_counters.window_start', '<=', ranOut).then(count).else(eb('rate_counters.hits', '+', count)).end(),
          window_start: eb.case().when('rate_counters.window_start', '<=', ranOut).then(nowMs).else(eb.ref('rate_counters.window_start')).end(),
          expires_at: eb.case().when('rate_counters.window_start', '<=', ranOut).then(nowMs + windowMs).else(eb.ref('rate_counters.expires_at')).end(),
        })),
      )
      .returning(['hits', 'window_start'])
      .executeTakeFirstOrThrow();
  const row = await counterCommit(db, upsert);
  // PostgreSQL's driver may return bigint as text.
  return { hits: Number(row.hits), windowStart: Number(row.window_start) };
}

/**
 * SQLite: the server commits with synchronous = FULL (a flush of the WAL per commit, so a write it acknowledged
 * survives a power cut). A counter is not worth that flush on every public read (measured: it made such a read
 * 7× slower): it commits with NORMAL (written to the WAL, flushed with the next FULL commit or checkpoint; a power
 * cut may forget the last counts, which costs nothing). The connection is held so nothing else commits meanwhile.
 */
async function counterCommit<T>(db: Kysely<Database>, write: (on: Kysely<Database>) => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'sqlite') return write(db);
  return db.connection().execute(async (connection) => {
    let synchronous = synchronousLevel.get(db);
    if (synchronous === undefined) {
      synchronous = Number((await sql<{ synchronous: number }>`pragma synchronous`.execute(connection)).rows[0].synchronous);
      synchronousLevel.set(db, synchronous);
    }
    if (synchronous <= 1) return write(connection);
    await sql`pragma synchronous = normal`.execute(connection);
    try {
      return await write(connection);
    } finally {
      await sql.raw(`pragma synchronous = ${Number(synchronous)}`).execute(connection);
    }
  });
}

/**
 * A smooth limit per key (the generic cell rate algorithm, GCRA — a token bucket kept as one time): up to `burst`
 * requests at once, then one every `intervalMs`, and a key that stays quiet gets its burst back at that same pace.
 * No window edges: at no moment does a key get more than `burst` + elapsed / `intervalMs`. The row keeps the
 * «theoretical arrival time» in `window_start` (when the bucket would be full again), `hits` says whether this hit
 * was allowed (1) or refused (0: a refusal does not use up anything), `expires_at` = that time (after it the row
 * says nothing a missing row would not, so the same pruning drops it). One upsert, atomic on both engines.
 */
export async function hitSmoothCounter(db: Kysely<Database>, key: string, nowMs: number, intervalMs: number, burst: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
  const tolerance = intervalMs * (burst - 1);
  // Allowed when the stored time is at most `tolerance` ahead of now; then it moves one interval on (from now, if it
  // was in the past). Every sum is computed here, so PostgreSQL never guesses the type of two untyped parameters.
  const latest = nowMs + tolerance;
  const fresh = nowMs + intervalMs;
  const next = (eb: ExpressionBuilder<Database, 'rate_counters'>) =>
    eb
      .case()
      .when('rate_counters.window_start', '<=', latest)
      .then(eb.case().when('rate_counters.window_start', '>', nowMs).then(eb('rate_counters.window_start', '+', intervalMs)).else(fresh).end())
      .else(eb.ref('rate_counters.window_start'))
      .end();
  const row = await counterCommit(db, (on) =>
    on
      .insertInto('rate_counters')
      .values({ key, window_start: fresh, hits: 1, expires_at: fresh })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          hits: eb.case().when('rate_counters.window_start', '<=', latest).then(eb.lit(1)).else(eb.lit(0)).end(),
          window_start: next(eb),
          expires_at: next(eb),
        })),
      )
      .returning(['hits', 'window_start'])
      .executeTakeFirstOrThrow(),
  );
  const allowed = Number(row.hits) === 1;
  // Refused: the next hit is allowed once the stored time is within `tolerance` of the clock.
  return { allowed, retryAfterMs: allowed ? 0 : Number(row.window_start) - latest };
}

/** Deletes up to `limit` counters whose window ended before `nowMs` (by the `expires_at` index). */
export async function pruneRateCounters(db: Kysely<Database>, nowMs: number, limit = 500): Promise<number> {
  const result = await db
    .deleteFrom('rate_counters')
    .where('key', 'in', (eb) => eb.selectFrom('rate_counters').select('key').where('expires_at', '<', nowMs).limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

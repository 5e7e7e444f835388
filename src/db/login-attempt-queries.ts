import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface LoginAttemptRow {
  key: string;
  failures: number;
  windowStart: number;
  nextSlot: number;
}

/** The counters of these keys (by primary key). */
export async function getLoginAttempts(db: Db, keys: string[]): Promise<Map<string, LoginAttemptRow>> {
  const rows = await db.selectFrom('login_attempts').select(['key', 'failures', 'window_start', 'next_slot']).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, { key: r.key, failures: r.failures, windowStart: r.window_start, nextSlot: r.next_slot }]));
}

/** Writes counters; each row expires at the end of its window (or its last reserved slot). */
export async function saveLoginAttempts(db: Db, rows: LoginAttemptRow[], windowMs: number): Promise<void> {
  for (const r of rows) {
    const expires = Math.max(r.windowStart + windowMs, r.nextSlot);
    await db
      .insertInto('login_attempts')
      .values({ key: r.key, failures: r.failures, window_start: r.windowStart, next_slot: r.nextSlot, expires_at: expires })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: r.failures, window_start: r.windowStart, next_slot: r.nextSlot, expires_at: expires }))
      .execute();
  }
}

/** A successful login gives its counted attempt back (the address keeps its count minus this one). */
export async function releaseLoginAttempt(db: Db, keys: { address: string; pair: string; account: string }): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', 'in', [keys.pair, keys.account]).execute();
  await db
    .updateTable('login_attempts')
    .set({ failures: sql`case when failures > 1 then failures - 1 else 0 end` })
    .where('key', '=', keys.address)
    .execute();
}

/** Removes a few expired counters (called on each attempt: the table holds only live windows). */
export async function pruneLoginAttempts(db: Db, nowMs: number, limit = 50): Promise<void> {
  await sql`delete from login_attempts where key in (select key from login_attempts where expires_at < ${nowMs} limit ${limit})`.execute(db);
}

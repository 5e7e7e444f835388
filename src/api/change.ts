import type { Context } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import type { AuditDraft } from '../domain/audit';
import { versionMessages } from '../domain/common';
import type { GeneratedKind } from '../domain/report-sync';
import type { SessionUser } from '../domain/user';
import { writeAudit } from '../db/audit-queries';
import type { Database } from '../db/schema';
import { lockForWrite } from '../db/engine';
import { requireUser } from './auth';
import type { AppEnv } from './deps';
import { HttpProblem } from './problem';
import { syncReport } from './report-sync';
import { defaultTimeZone } from '../domain/organization';
import { todayIn } from '../domain/zoned-date';

/**
 * The one write path. Every request that changes data does it through `change(c, work)`:
 *
 *   const forum = await change(c, async ({ tx, user, now }) => {
 *     …reads and writes through tx…
 *     return { result, audit: [{ action, entity, entityId, changes }], touched: { years: [forum.year] } };
 *   });
 *
 * It opens one transaction; runs `work`; brings the reports of the years the change touched in step with the
 * data (new forum sections, statistics whose figures changed — in the name of `user`, who caused it); writes
 * every audit entry (the change's and the report's) with the same time and author; and commits. A thrown
 * problem (a 404, a refused rule, `stale(…)` for a version that moved on) rolls everything back.
 */

/** Who a change is made by: a logged-in person, or a named source without an account (the demo loader). */
export interface Actor {
  id: number | null;
  username: string;
}

export interface ChangeScope<U extends Actor = SessionUser> {
  /** Every read and write of the change goes through this transaction. */
  tx: Transaction<Database>;
  user: U;
  /** The change's time (ISO 8601): the same on every row and audit entry it writes. */
  now: string;
  /** The change's date (YYYY-MM-DD) in its organisation's time zone: what "today" is for its rules and its report. */
  today: string;
}

export interface Changed<R> {
  /** What the route answers with (read inside the transaction, so it is what was committed). */
  result: R;
  /** The audit entries of the change; the write path adds when and who. */
  audit?: AuditDraft[];
  /**
   * What else depends on the change: the reports of these years follow the data (see report-sync.ts). `kinds`
   * names the generated sections whose data the change can alter (a commitment: «Compromisos» and the next year's
   * «Seguimiento»); without it every generated section is read again — the safe default for a forum or a report,
   * whose titles and dates every section shows. Reading a section's data is what a write to a big year costs.
   */
  touched?: { years?: readonly (number | null | undefined)[]; kinds?: readonly GeneratedKind[] };
}

/**
 * The write path without a request (loading the demo, the public forms): `user` and `now` given, and the time zone of
 * `db`'s organisation (its "today"; Bogotá's when not said — the demo's).
 */
export async function applyChange<R, U extends Actor>(db: Kysely<Database>, user: U, now: string, work: (scope: ChangeScope<U>) => Promise<Changed<R>>, options: { timeZone?: string } = {}): Promise<R> {
  const today = todayIn(options.timeZone ?? defaultTimeZone, new Date(now));
  return db.transaction().execute(async (tx) => {
    // One change at a time, as on SQLite: on PostgreSQL the transaction first takes the write lock (engine.ts).
    await lockForWrite(tx);
    const done = await work({ tx, user, now, today });
    const audit = [...(done.audit ?? [])];
    const years = [...new Set(done.touched?.years ?? [])].filter((year): year is number => typeof year === 'number').sort((a, b) => a - b);
    for (const year of years) audit.push(...(await syncReport(tx, year, user, now, today, done.touched?.kinds)));
    for (const entry of audit) await writeAudit(tx, { at: now, userId: user.id, username: user.username, ...entry });
    return done.result;
  });
}

/** A request's change, made by its logged-in user (or by `as`, the account a login opens a session for). */
export function change<R>(c: Context<AppEnv>, work: (scope: ChangeScope) => Promise<Changed<R>>, options: { as?: SessionUser } = {}): Promise<R> {
  const deps = c.get('deps');
  return applyChange(deps.db, options.as ?? requireUser(c), requestTime(c), work, { timeZone: deps.timeZone });
}

/** The request's time from the injected clock, as stored (ISO 8601). */
export function requestTime(c: Context<AppEnv>): string {
  return c.get('deps').now().toISOString();
}

/**
 * The one answer to a stale version: 409, the person's version and the stored one in `detail`, and the stored
 * record in `current` (the client shows it and lets the person keep theirs or take it).
 */
export function stale(title: string, yours: number | undefined, current: { version: number }, options: { detail?: string } = {}): HttpProblem {
  const detail = options.detail ?? (yours === undefined ? undefined : versionMessages.staleDetail(yours, current.version));
  return new HttpProblem(409, title, { detail, current });
}

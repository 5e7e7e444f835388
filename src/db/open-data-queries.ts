import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** The last follow-up (latest date, then latest recorded) of each commitment of a year: the open data's last date and note. */
export async function lastFollowUpsOfYear(db: Db, year: number): Promise<Map<number, { date: string; note: string }>> {
  const rows = await db
    .selectFrom('commitment_follow_ups as u')
    .innerJoin('commitments as c', 'c.id', 'u.commitment_id')
    .select(['u.commitment_id', 'u.date', 'u.note'])
    .where('c.year', '=', year)
    .orderBy('u.commitment_id')
    .orderBy('u.date')
    .orderBy('u.id')
    .execute();
  const last = new Map<number, { date: string; note: string }>();
  for (const r of rows) last.set(r.commitment_id, { date: r.date, note: r.note });
  return last;
}

import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * A server secret kept in the database (settings table), made once by `make` and read back on every start: what it
 * signs (the citizen vote's cookie) stays valid across restarts. Two processes starting at once keep the first one.
 */
export async function keptSecret(db: Kysely<Database>, key: string, make: () => string): Promise<string> {
  const read = () => db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  const found = await read();
  if (found) return found.value;
  await db.insertInto('settings').values({ key, value: make(), version: 1 }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await read())!.value;
}

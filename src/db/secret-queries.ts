import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { firstOrganizationId, forOrganization } from './org-scope';

/**
 * A server secret kept in the database (settings table), made once by `make` and read back on every start: what it
 * signs (the citizen vote's cookie) stays valid across restarts. Two processes starting at once keep the first one.
 */
export async function keptSecret(root: Kysely<Database>, key: string, make: () => string): Promise<string> {
  // The installation's secrets are kept among the first organisation's settings (every installation has it).
  const db = forOrganization(root, firstOrganizationId);
  const read = () => db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  const found = await read();
  if (found) return found.value;
  await db.insertInto('settings').values({ key, value: make(), version: 1 }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await read())!.value;
}

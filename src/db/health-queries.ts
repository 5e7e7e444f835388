import type { Kysely } from 'kysely';
import { migrations } from './migrations';
import type { Database } from './schema';

/** Kysely's table of executed migrations (the Migrator's default name). */
const migrationTable = 'kysely_migration';

/**
 * The database answers, and which migrations of this code it has not run (`pending`) or has run without this code
 * knowing them (`unknown`: a newer version migrated it). One small read; throws when the database does not answer.
 */
export async function migrationState(db: Kysely<Database>): Promise<{ pending: string[]; unknown: string[] }> {
  const rows = await (db as unknown as Kysely<Record<typeof migrationTable, { name: string }>>).selectFrom(migrationTable).select('name').execute();
  const done = new Set(rows.map((r) => r.name));
  const known = Object.keys(migrations);
  return { pending: known.filter((name) => !done.has(name)), unknown: [...done].filter((name) => !(name in migrations)) };
}

import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';

/**
 * Wraps any better-sqlite3-shaped database (better-sqlite3 in Node, the sql.js adapter in the browser)
 * in Kysely. The driver itself is chosen by the entry point; nothing here is Node-only.
 */
export function createKysely(database: SqliteDatabase): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

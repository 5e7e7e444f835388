import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { createKysely } from './sqlite-database';
import { migrateToLatest } from './migrations';
import { withStatementCache } from './statement-cache';
import type { Database } from './schema';

/** Opens (creating when missing) a SQLite file, or `:memory:`, and migrates it. Node only. */
export async function openNodeDatabase(file: string): Promise<Kysely<Database>> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = createKysely(withStatementCache(sqlite));
  await migrateToLatest(db);
  return db;
}

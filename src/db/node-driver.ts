import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { createKysely } from './sqlite-database';
import { migrateToLatest } from './migrations';
import { withStatementCache } from './statement-cache';
import type { Database } from './schema';

export type Synchronous = 'FULL' | 'NORMAL';

/**
 * Opens (creating when missing) a SQLite file, or `:memory:`, and migrates it. Node only.
 * WAL with `synchronous = FULL`: every commit is on disk before it is acknowledged, so a power cut loses no
 * write the server answered (NORMAL may lose the last ones; the bench measures the cost: `npm run bench seguridad`).
 */
export async function openNodeDatabase(file: string, options: { synchronous?: Synchronous; migrate?: boolean } = {}): Promise<Kysely<Database>> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = openConnection(new BetterSqlite3(file), options);
  if (options.migrate ?? true) await migrateToLatest(db);
  return db;
}

/**
 * An in-memory database that starts as a copy of `image` (what `serializeNodeDatabase` returned): already migrated,
 * so opening it costs a copy rather than the migrations. Used by the tests to give every test its own database.
 */
export function openNodeDatabaseCopy(image: Buffer): Kysely<Database> {
  return openConnection(new BetterSqlite3(image));
}

/** The whole database as one buffer (SQLite's serialization), for `openNodeDatabaseCopy`. */
export function serializeNodeDatabase(db: Kysely<Database>): Buffer {
  const sqlite = connections.get(db);
  if (!sqlite) throw new Error('Esta base de datos no se abrió con openNodeDatabase.');
  return sqlite.serialize();
}

const connections = new WeakMap<Kysely<Database>, BetterSqlite3.Database>();

function openConnection(sqlite: BetterSqlite3.Database, options: { synchronous?: Synchronous } = {}): Kysely<Database> {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = createKysely(withStatementCache(sqlite));
  connections.set(db, sqlite);
  return db;
}

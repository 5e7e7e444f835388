import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../db/migrations';
import { openNodeDatabase } from '../db/node-driver';
import { isPostgresUrl, openPostgresDatabase } from '../db/pg-driver';
import type { Database } from '../db/schema';

/**
 * `npm run migrate`: brings the database (DATABASE_URL on PostgreSQL, else the SQLite file FOROS_DB) to this version's
 * schema and exits, without starting the server — for a deployment that migrates as its own step before it starts
 * (or replaces) the server processes. The server still migrates on start, so this step is optional; both take the
 * same lock (PostgreSQL's advisory lock, SQLite's write lock), so running it beside starting servers is safe.
 */
export async function migrateDatabase(target: { databaseUrl?: string; dbFile: string }): Promise<{ applied: string[]; where: string }> {
  let db: Kysely<Database>;
  let where: string;
  if (target.databaseUrl) {
    db = await openPostgresDatabase(target.databaseUrl, { poolSize: 1, migrate: false });
    const url = new URL(target.databaseUrl);
    where = `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } else {
    db = await openNodeDatabase(target.dbFile, { migrate: false });
    where = `SQLite ${resolve(target.dbFile)}`;
  }
  try {
    return { applied: await migrateToLatest(db), where };
  } finally {
    await db.destroy();
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    console.error('DATABASE_URL no válida: debe empezar por postgres:// o postgresql:// (sin ella se usa el archivo SQLite de FOROS_DB).');
    process.exit(2);
  }
  try {
    const { applied, where } = await migrateDatabase({ databaseUrl, dbFile: process.env.FOROS_DB ?? './data/foros.sqlite' });
    console.log(applied.length === 0 ? `${where}: ya estaba al día; ninguna migración pendiente.` : `${where}: ${applied.length} migración(es) aplicada(s): ${applied.join(', ')}.`);
  } catch (error) {
    console.error(`No se pudo migrar la base de datos: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

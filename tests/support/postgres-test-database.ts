import pg from 'pg';
import type { Kysely } from 'kysely';
import { onTestFinished } from 'vitest';
import { openPostgresDatabase } from '../../src/db/pg-driver';
import type { Database } from '../../src/db/schema';

/**
 * The API and db suites on PostgreSQL (vitest project `postgres`, `TEST_DATABASE_URL` = a server where this user
 * may create databases). Every test worker makes its own database, and every `createTestApi` its own schema in it,
 * cloned from a template schema (migrated and bootstrapped once per worker): files and workers never share tables,
 * and a clone costs one round trip of `create table … (like …)` + `insert … select` (a new database per test, copied
 * from a template database, took 0.5–1 s).
 */
export const postgresTestUrl = process.env.TEST_DATABASE_URL;

let worker: Promise<{ url: string; admin: pg.Pool }> | undefined;
let counter = 0;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function workerDatabase() {
  worker ??= (async () => {
    if (!postgresTestUrl) throw new Error('TEST_DATABASE_URL no está definida: las pruebas sobre PostgreSQL necesitan un servidor.');
    const name = `foros_test_${process.env.FOROS_TEST_RUN ?? 'r0'}_${process.pid}_${Date.now().toString(36)}`;
    const server = new pg.Client({ connectionString: postgresTestUrl });
    await server.connect();
    await server.query(`create database ${name}`);
    await server.end();
    const url = withDatabase(postgresTestUrl, name);
    const admin = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000 });
    admin.on('error', () => {});
    await admin.query('create extension if not exists pg_trgm');
    return { url, admin };
  })();
  return worker;
}

/** Table copies, identities, foreign keys: the SQL that clones schema `from` into `{dst}`, read from the catalog. */
async function cloneScript(admin: pg.Pool, from: string): Promise<string> {
  const client = await admin.connect();
  try {
    await client.query(`set search_path to ${from}`);
    const tables = (await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = $1 order by tablename`, [from])).rows.map((r) => r.name);
    const identities = (
      await client.query<{ table: string; column: string; seq: string }>(
        `select table_name as table, column_name as column, pg_get_serial_sequence(quote_ident($1) || '.' || quote_ident(table_name), column_name) as seq
         from information_schema.columns where table_schema = $1 and is_identity = 'YES'`,
        [from],
      )
    ).rows;
    const foreignKeys = (
      await client.query<{ table: string; name: string; def: string }>(
        `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as def
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and k.contype = 'f'`,
        [from],
      )
    ).rows;
    const parts = ['create schema "{dst}";', 'set search_path to "{dst}", public;'];
    for (const t of tables) parts.push(`create table "${t}" (like ${from}."${t}" including all);`, `insert into "${t}" overriding system value select * from ${from}."${t}";`);
    for (const i of identities) {
      const state = (await client.query<{ last_value: number; is_called: boolean }>(`select last_value, is_called from ${i.seq}`)).rows[0];
      parts.push(`select setval(pg_get_serial_sequence('"${i.table}"', '${i.column}'), ${state.last_value}, ${state.is_called});`);
    }
    for (const k of foreignKeys) parts.push(`alter table "${k.table}" add constraint "${k.name}" ${k.def};`);
    return parts.join('\n');
  } finally {
    client.release();
  }
}

const templates = new Map<string, Promise<string>>();

/**
 * A fresh database for one test: a schema cloned from the template `key` (built by `build` on first use in this
 * worker). Dropped when the test ends (a database made outside a test lives until the worker's database goes).
 */
export async function freshPostgresDatabase(key: string, build: (db: Kysely<Database>) => Promise<void>): Promise<Kysely<Database>> {
  const { url, admin } = await workerDatabase();
  let script = templates.get(key);
  if (!script) {
    script = (async () => {
      const schema = `tpl_${key.replace(/\W/g, '_')}`;
      await admin.query(`create schema ${schema}`);
      const db = await openPostgresDatabase(url, { schema, poolSize: 2 });
      await build(db);
      await db.destroy();
      return cloneScript(admin, schema);
    })();
    templates.set(key, script);
  }
  const schema = `t${++counter}`;
  await admin.query((await script).replaceAll('{dst}', schema));
  const db = await openPostgresDatabase(url, { schema, migrate: false, poolSize: 4, idleTimeoutMillis: 1000 });
  try {
    onTestFinished(async () => {
      await db.destroy();
      await admin.query(`drop schema ${schema} cascade`);
    });
  } catch {
    // Made outside a test (beforeAll): kept until the worker's database is dropped by the global teardown.
  }
  return db;
}

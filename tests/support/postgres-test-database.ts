import pg from 'pg';
import type { Kysely } from 'kysely';
import { onTestFinished } from 'vitest';
import { openPostgresDatabase, openPostgresPool, postgresDatabaseOnPool } from '../../src/db/pg-driver';
import type { Database } from '../../src/db/schema';

/**
 * The API and db suites on PostgreSQL (vitest project `postgres`, `TEST_DATABASE_URL` = a server where this user
 * may create databases). Every test worker makes its own database, and every `createTestApi` gets a schema of its own
 * in it holding the rows of a template schema (migrated and bootstrapped once per worker): files and workers never
 * share tables. A finished test's schema is reset and lent to a later test of the same worker (see
 * `freshPostgresDatabase`); a new one is a clone of the template (`create table … (like …)` + `insert … select`; a new
 * database per test, copied from a template database, took 0.5–1 s).
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

/** What one template gives its test schemas: the SQL that makes a new one (`{dst}`) and the SQL that resets a used one. */
interface Template {
  /** Creates schema `{dst}`: table copies (`like … including all`) with the template's rows, identities, foreign keys. */
  clone: string;
  /** Run in a used schema (first on its search_path): every table emptied, the template's rows and identity counters back. */
  reset: string;
}

/** Table copies, identities, foreign keys: read from the catalog of schema `from`. */
async function templateScripts(admin: pg.Pool, from: string): Promise<Template> {
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
      await client.query<{ table: string; name: string; def: string; parent: string }>(
        `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as def, p.relname as parent
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace join pg_class p on p.oid = k.confrelid
         where n.nspname = $1 and k.contype = 'f'`,
        [from],
      )
    ).rows;
    const filled = new Set<string>();
    for (const t of tables) if ((await client.query(`select 1 from ${from}."${t}" limit 1`)).rowCount) filled.add(t);
    const setvals: string[] = [];
    for (const i of identities) {
      const state = (await client.query<{ last_value: number; is_called: boolean }>(`select last_value, is_called from ${i.seq}`)).rows[0];
      setvals.push(`select setval(pg_get_serial_sequence('"${i.table}"', '${i.column}'), ${state.last_value}, ${state.is_called});`);
    }
    const clone = ['create schema "{dst}";', 'set search_path to "{dst}", public;'];
    for (const t of tables) clone.push(`create table "${t}" (like ${from}."${t}" including all);`, `insert into "${t}" overriding system value select * from ${from}."${t}";`);
    clone.push(...setvals);
    for (const k of foreignKeys) clone.push(`alter table "${k.table}" add constraint "${k.name}" ${k.def};`);
    // Parents before children (a table referencing itself is filled in one statement, which its own key allows).
    const order: string[] = [];
    const placed = new Set<string>();
    while (order.length < tables.length) {
      const ready = tables.filter((t) => !placed.has(t) && foreignKeys.every((k) => k.table !== t || k.parent === t || placed.has(k.parent)));
      if (ready.length === 0) throw new Error(`Las tablas de ${from} se referencian en ciclo: no hay orden para reponerlas.`);
      for (const t of ready) {
        placed.add(t);
        order.push(t);
      }
    }
    // TRUNCATE rather than DELETE: the tables get new, empty files, so rows lie in the order they are inserted, as in a
    // new schema (after a DELETE a vacuum lets new rows fill the old ones' places, and a query without ORDER BY could
    // see another order from one run to the next). It costs more (≈ 80–130 ms at load 10, a DELETE 10–30 ms).
    const reset = [
      `truncate table ${tables.map((t) => `"${t}"`).join(', ')};`,
      ...order.filter((t) => filled.has(t)).map((t) => `insert into "${t}" overriding system value select * from ${from}."${t}";`),
      ...setvals,
    ];
    return { clone: clone.join('\n'), reset: reset.join('\n') };
  } finally {
    client.release();
  }
}

/**
 * What a schema's tables, columns, indexes, constraints and triggers are, without its name: a test that changes them
 * (one drops a foreign key) leaves a schema no later test may be given.
 */
const shapeQuery = `select md5(
  coalesce((select string_agg(format('%s.%s:%s:%s:%s', c.relname, a.attname, a.atttypid, a.attnotnull, a.atthasdef), ',' order by c.relname, a.attnum)
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = $1 and a.attnum > 0 and not a.attisdropped), '')
  || '|' || coalesce((select string_agg(format('%s:%s:%s', t.relname, k.conname, pg_get_constraintdef(k.oid, true)), ',' order by t.relname, k.conname)
    from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace where n.nspname = $1), '')
  || '|' || (select count(*) from pg_trigger g join pg_class t on t.oid = g.tgrelid join pg_namespace n on n.oid = t.relnamespace where n.nspname = $1)
) as shape`;

/** A test schema and its own pool, whose warm connections go with the schema from one test to the next. */
interface Slot {
  schema: string;
  pool: pg.Pool;
  shape: string;
}

const templates = new Map<string, Promise<Template>>();
/** Schemas a finished test gave back, per template: the next test resets one instead of cloning a new one. */
const free = new Map<string, Slot[]>();

async function newSlot(admin: pg.Pool, url: string, template: Template): Promise<Slot> {
  const schema = `t${++counter}`;
  await admin.query(template.clone.replaceAll('{dst}', schema));
  const pool = openPostgresPool(url, { schema, poolSize: 4, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
  const shape = (await pool.query<{ shape: string }>(shapeQuery, [schema])).rows[0].shape;
  return { schema, pool, shape };
}

/**
 * A fresh database for one test: a schema with the rows of the template `key` (built by `build` on first use in this
 * worker). When the test ends, the schema goes back to this worker's free list — unless a connection is still busy or
 * the test changed its tables — and the next test gets it with every table emptied (TRUNCATE) and the template's rows
 * (and identity counters) put back: one round trip of ≈ 100 ms where a new schema (`create table … like …` for every
 * table) and cold connections reading the catalog again cost ≈ 200 + 150 ms. A database made outside a test (beforeAll) is never
 * given back; it lives until the worker's database is dropped by the global teardown.
 */
export async function freshPostgresDatabase(key: string, build: (db: Kysely<Database>) => Promise<void>): Promise<Kysely<Database>> {
  const { url, admin } = await workerDatabase();
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const schema = `tpl_${key.replace(/\W/g, '_')}`;
      await admin.query(`create schema ${schema}`);
      const db = await openPostgresDatabase(url, { schema, poolSize: 2 });
      await build(db);
      await db.destroy();
      return templateScripts(admin, schema);
    })();
    templates.set(key, template);
  }
  const scripts = await template;
  const used = free.get(key)?.pop();
  const slot = used ?? (await newSlot(admin, url, scripts));
  if (used) await used.pool.query(scripts.reset);
  const db = postgresDatabaseOnPool(slot.pool, { keepPool: true });
  try {
    onTestFinished(async () => {
      await db.destroy();
      const idle = slot.pool.totalCount === slot.pool.idleCount && slot.pool.waitingCount === 0;
      if (idle && (await slot.pool.query<{ shape: string }>(shapeQuery, [slot.schema])).rows[0].shape === slot.shape) {
        const list = free.get(key) ?? [];
        list.push(slot);
        free.set(key, list);
        return;
      }
      await slot.pool.end();
      await admin.query(`drop schema ${slot.schema} cascade`);
    });
  } catch {
    // Made outside a test (beforeAll): kept until the worker's database is dropped by the global teardown.
  }
  return db;
}

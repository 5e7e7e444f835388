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

/** What one template gives its test schemas: the SQL that makes a new one (`{dst}`) and what resets a used one. */
interface Template {
  /** Creates schema `{dst}`: table copies (`like … including all`) with the template's rows, identities, foreign keys. */
  clone: string;
  /**
   * Run in a used schema (first on its search_path), given the transaction that last filled each filled table: one row
   * per table, `written` when the test may have changed it — an empty table whose file has grown (any row ever
   * inserted, even rolled back, extends it), or a filled one whose rows are not exactly the ones that transaction put
   * there (a count that differs, or a row version written later: an update or an insert).
   */
  written: (filledBy: Map<string, string>) => string;
  /** The tables the template has rows in. */
  filled: Set<string>;
  /** The SQL that empties `tables` (the written ones and every table referring to them) and puts back their template rows and every identity counter. */
  reset: (tables: Set<string>) => string;
  /** Each table and the tables whose foreign keys refer to it (they must be emptied with it). */
  children: Map<string, string[]>;
}

/** Ends a clone or a reset: the id of its transaction (as a row's `xmin` shows it) is the last result. */
const transactionId = `select (pg_current_xact_id()::text::numeric % 4294967296)::text as xid;`;

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
    // see another order from one run to the next). Only the tables the test wrote (and those referring to them): a
    // TRUNCATE of all ~60 tables, each a new file for the table and its indexes and catalog changes every connection
    // then reads again, was most of the PostgreSQL server's work in this step; a test writes a handful.
    clone.push(transactionId);
    const counts = new Map<string, number>();
    for (const t of filled) counts.set(t, Number((await client.query<{ n: string }>(`select count(*) as n from ${from}."${t}"`)).rows[0].n));
    const written = (filledBy: Map<string, string>) =>
      tables
        .map((t) =>
          filled.has(t)
            ? `select '${t}' as name, (count(*) <> ${counts.get(t)} or coalesce(bool_or(xmin::text <> '${filledBy.get(t)}'), false)) as written from "${t}"`
            : `select '${t}' as name, pg_relation_size('"${t}"') > 0 as written`,
        )
        .join('\nunion all\n');
    const children = new Map<string, string[]>(tables.map((t) => [t, foreignKeys.filter((k) => k.parent === t && k.table !== t).map((k) => k.table)]));
    const reset = (emptied: Set<string>) =>
      [
        ...(emptied.size > 0 ? [`truncate table ${[...emptied].map((t) => `"${t}"`).join(', ')};`] : []),
        ...order.filter((t) => filled.has(t) && emptied.has(t)).map((t) => `insert into "${t}" overriding system value select * from ${from}."${t}";`),
        ...setvals,
        transactionId,
      ].join('\n');
    return { clone: clone.join('\n'), written, filled, reset, children };
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
  /** For each table the template has rows in, the transaction that last put them there (the clone or a reset). */
  filledBy: Map<string, string>;
}

const templates = new Map<string, Promise<Template>>();
/** Schemas a finished test gave back, per template: the next test resets one instead of cloning a new one. */
const free = new Map<string, Slot[]>();

async function newSlot(admin: pg.Pool, url: string, template: Template): Promise<Slot> {
  const schema = `t${++counter}`;
  const xid = lastXid(await admin.query(template.clone.replaceAll('{dst}', schema)));
  const pool = openPostgresPool(url, { schema, poolSize: 4, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
  const shape = (await pool.query<{ shape: string }>(shapeQuery, [schema])).rows[0].shape;
  return { schema, pool, shape, filledBy: new Map([...template.filled].map((t) => [t, xid])) };
}

/** The transaction id a clone or reset script ends with (node-postgres answers a multi-statement query with one result per statement). */
function lastXid(results: unknown): string {
  const last = (Array.isArray(results) ? results.at(-1) : results) as pg.QueryResult<{ xid: string }>;
  return last.rows[0].xid;
}

/** Empties what the last test wrote in `slot` (and every table referring to it) and puts the template's rows back. */
async function resetSlot(slot: Slot, template: Template) {
  const written = (await slot.pool.query<{ name: string; written: boolean }>(template.written(slot.filledBy))).rows.filter((r) => r.written).map((r) => r.name);
  const emptied = new Set<string>();
  const pending = [...written];
  while (pending.length > 0) {
    const table = pending.pop()!;
    if (emptied.has(table)) continue;
    emptied.add(table);
    pending.push(...(template.children.get(table) ?? []));
  }
  const xid = lastXid(await slot.pool.query(template.reset(emptied)));
  for (const table of emptied) if (template.filled.has(table)) slot.filledBy.set(table, xid);
}

/**
 * A fresh database for one test: a schema with the rows of the template `key` (built by `build` on first use in this
 * worker). When the test ends, the schema goes back to this worker's free list — unless a connection is still busy or
 * the test changed its tables — and the next test gets it with the tables the last test wrote emptied (TRUNCATE) and the
 * template's rows (and identity counters) put back: two round trips of a few ms where a new schema (`create table … like …` for every
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
  if (used) await resetSlot(used, scripts);
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

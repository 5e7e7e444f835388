import pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import { migrateToLatest } from './migrations';
import { postgresPlugins } from './engine';
import type { Database } from './schema';

/** PostgreSQL's type ids whose values the app reads as numbers (pg hands them over as strings by default). */
const int8 = 20;
const numeric = 1700;

/**
 * The store's values come back from PostgreSQL in the shapes SQLite gives them, so the API sees the same records
 * whichever engine it runs on: `count(*)`, `sum()` and every id or integer column (bigint, see engine.ts) as
 * numbers — they stay far below 2^53 — and `avg()`/numeric as numbers. Dates are stored as ISO text on both
 * engines, so no timestamp parsing is involved. Per pool, not pg's global table.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') => {
    if (id === int8 || id === numeric) return (value: string) => Number(value);
    return pg.types.getTypeParser(id, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresOptions {
  /** Connections kept by this process (`DATABASE_POOL_SIZE`, default 10). */
  poolSize?: number;
  /** Run the migrations before answering (default true; `npm run migrate` and the tests' template may skip it). */
  migrate?: boolean;
  /** Close idle connections after this many milliseconds (default 10 s). */
  idleTimeoutMillis?: number;
  /** The schema the tables live in (default: the server's search_path, normally `public`); the tests give each test its own. */
  schema?: string;
}

/**
 * PostgreSQL's text cannot hold U+0000 (SQLite's can): a NUL typed or pasted into any field would make the write
 * fail with a 500. The app neutralises control characters on every export anyway; here NUL is dropped from every
 * text parameter before it reaches the server, so the write succeeds with the text otherwise as typed.
 */
function withoutNulCharacters(pool: pg.Pool): PostgresPool {
  const clean = (value: unknown) => (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);
  return {
    connect: async () => {
      const client = await pool.connect();
      return {
        query: ((text: string, values?: readonly unknown[]) => client.query(text, values?.map(clean))) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

/** Whether a `DATABASE_URL` names a PostgreSQL server. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/** A connection pool on a PostgreSQL database with the store's type parsers (and `schema` first on its search_path). Node only. */
export function openPostgresPool(url: string, options: Omit<PostgresOptions, 'migrate'> & { allowExitOnIdle?: boolean } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
    allowExitOnIdle: options.allowExitOnIdle,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  });
  // An idle connection the server drops (restart, failover) must not bring the process down; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/**
 * The store over an open pool. `destroy()` ends the pool unless `keepPool` (the tests lend one pool, and its warm
 * connections, to one test after another; the store still refuses every query once destroyed).
 */
export function postgresDatabaseOnPool(pool: pg.Pool, options: { keepPool?: boolean } = {}): Kysely<Database> {
  const lent = options.keepPool ? ({ connect: () => pool.connect(), end: async () => {} } as unknown as pg.Pool) : pool;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: withoutNulCharacters(lent) }), plugins: postgresPlugins() });
}

/** Opens a pool on a PostgreSQL database and (unless told otherwise) migrates it. Node only. */
export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<Kysely<Database>> {
  const db = postgresDatabaseOnPool(openPostgresPool(url, options));
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(db, { schema: options.schema });
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return db;
}

import pg from 'pg';

/**
 * The `postgres` project's global setup: checks that TEST_DATABASE_URL answers before any file runs (a clear
 * message instead of every test failing), and at the end drops the databases the workers made.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  // This run's databases are named after it, so two runs on one server never drop each other's.
  const run = `r${process.pid}`;
  process.env.FOROS_TEST_RUN = run;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`PostgreSQL no responde en TEST_DATABASE_URL (${(error as Error).message}).`);
  } finally {
    await client.end().catch(() => {});
  }
  return async () => {
    const server = new pg.Client({ connectionString: url });
    await server.connect();
    const { rows } = await server.query<{ datname: string }>(`select datname from pg_database where datname like 'foros\\_test\\_' || $1 || '\\_%'`, [run]);
    for (const { datname } of rows) await server.query(`drop database if exists ${datname} with (force)`);
    await server.end();
  };
}

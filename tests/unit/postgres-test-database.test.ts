import { describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { validForum } from '../support/api-assertions';
import { createTestApi } from '../support/test-api';

/**
 * The PostgreSQL test databases (project `postgres` only): a schema a finished test gives back is lent to the next
 * test holding exactly what a new one holds — every row of every table and every identity counter — and a schema
 * whose tables a test changed is never lent again.
 */

/** Every row of every table of the connection's schema, and where each identity counter stands. */
async function contents(db: Kysely<Database>) {
  const tables = (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db)).rows;
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) rows[name] = (await sql`select * from ${sql.table(name)} order by ${sql.table(name)}::text`.execute(db)).rows;
  const counters = (await sql`select sequencename, last_value from pg_sequences where schemaname = current_schema() order by sequencename`.execute(db)).rows;
  return { rows, counters };
}

const schemaOf = async (db: Kysely<Database>) => (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema;

describe('PostgreSQL test schemas lent from one test to the next', () => {
  let fresh: Awaited<ReturnType<typeof contents>>;
  let firstSchema = '';
  let changedSchema = '';

  it('a first test writes to its schema', async () => {
    const { db, call, login } = await createTestApi();
    fresh = await contents(db);
    expect(Object.keys(fresh.rows).length).toBeGreaterThan(10);
    firstSchema = await schemaOf(db);
    const admin = await login('admin');
    expect((await call('POST', '/api/forums', { cookie: admin, body: validForum() })).status).toBe(201);
    expect(await contents(db)).not.toEqual(fresh);
  });

  it('the next test gets the same schema back with the template’s rows and counters only', async () => {
    const { db, call, login } = await createTestApi();
    expect(await schemaOf(db)).toBe(firstSchema);
    expect(await contents(db)).toEqual(fresh);
    // The counters go on from the template's: the first forum made gets the id a new schema gives it.
    const admin = await login('admin');
    const created = (await (await call('POST', '/api/forums', { cookie: admin, body: validForum() })).json()) as { id: number };
    const again = await createTestApi();
    const other = (await (await again.call('POST', '/api/forums', { cookie: await again.login('admin'), body: validForum() })).json()) as { id: number };
    expect(created.id).toBe(other.id);
    changedSchema = await schemaOf(db);
    // This test changes its tables: its schema must not be lent again.
    await sql`create index forums_title_probe on forums (title)`.execute(db);
  });

  it('a schema whose tables a test changed is dropped, never lent again', async () => {
    const { db } = await createTestApi();
    const { db: second } = await createTestApi();
    expect(await schemaOf(db)).not.toBe(changedSchema);
    expect(await schemaOf(second)).not.toBe(changedSchema);
    const left = (await sql<{ n: number }>`select count(*) as n from pg_namespace where nspname = ${changedSchema}`.execute(db)).rows[0].n;
    expect(left).toBe(0);
    expect(await contents(db)).toEqual(fresh);
    expect(await contents(second)).toEqual(fresh);
  });
});

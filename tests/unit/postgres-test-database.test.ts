import { describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { validForum } from '../support/api-assertions';
import { createTestApi } from '../support/test-api';

/**
 * The PostgreSQL test databases (project `postgres` only): a schema a finished test gives back is lent to the next
 * test holding exactly what a new one holds — every row of every table and every identity counter — and a schema
 * whose tables a test changed is never lent again. Only the tables a test wrote are emptied and filled again, so the
 * tests below write in every way a test can: inserts, updates and deletes of the template's rows, a rolled-back insert.
 */

/**
 * Every row of every table of the connection's schema, in the order a query without ORDER BY reads them (the order a
 * new schema's rows come in, which a test could come to rely on), and where each identity counter stands.
 */
async function contents(db: Kysely<Database>) {
  const tables = (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db)).rows;
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) rows[name] = (await sql`select * from ${sql.table(name)}`.execute(db)).rows;
  const counters = (await sql`select sequencename, last_value from pg_sequences where schemaname = current_schema() order by sequencename`.execute(db)).rows;
  return { rows, counters };
}

const schemaOf = async (db: Kysely<Database>) => (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema;

describe('PostgreSQL test schemas lent from one test to the next', () => {
  let fresh: Awaited<ReturnType<typeof contents>>;
  let firstSchema = '';
  let changedSchema = '';
  let writtenSchemas: string[] = [];

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
    writtenSchemas = [await schemaOf(db), await schemaOf(again.db)];
    // The template's own rows changed and removed, and a row inserted and rolled back: all must come back as they were.
    expect(fresh.rows.users.length).toBeGreaterThan(1);
    expect(fresh.rows.kysely_migration.length).toBeGreaterThan(1);
    expect(fresh.rows.sessions).toEqual([]);
    await sql`update users set display_name = 'Cambiado por la prueba' where username = 'admin'`.execute(db);
    await sql`delete from kysely_migration where name = (select min(name) from kysely_migration)`.execute(db);
    await sql`delete from sessions`.execute(db);
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into sessions (token_hash, user_id, created_at, expires_at) select 'deshecha', min(id), '2026-01-01', '2026-01-02' from users`.execute(trx);
        throw new Error('deshacer');
      })
      .catch((error: Error) => expect(error.message).toBe('deshacer'));
  });

  it('after updates, deletes and a rolled-back insert, the next test gets the template’s rows back, in their order', async () => {
    const { db } = await createTestApi();
    expect(writtenSchemas).toContain(await schemaOf(db));
    expect(await contents(db)).toEqual(fresh);
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

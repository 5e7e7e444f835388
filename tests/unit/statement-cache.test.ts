import BetterSqlite3 from 'better-sqlite3';
import type { ColumnType, Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '../../src/db/sqlite-database';
import { withStatementCache } from '../../src/db/statement-cache';

function counted() {
  const sqlite = new BetterSqlite3(':memory:');
  const prepared: string[] = [];
  const database = {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      prepared.push(sql);
      return sqlite.prepare(sql);
    },
  };
  return { database, prepared };
}

/** The test's own table, not the app's schema. */
type TestDb = Kysely<{ t: { id: number; name: ColumnType<string, string | undefined, string> } }>;
const testDb = (db: unknown) => db as TestDb;

describe('prepared-statement cache (src/db/statement-cache.ts)', () => {
  it('prepares a statement once and runs it again with other parameters', async () => {
    const { database, prepared } = counted();
    const db = createKysely(withStatementCache(database));
    await db.schema.createTable('t').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').execute();
    for (const [id, name] of [
      [1, 'uno'],
      [2, 'dos'],
      [3, 'tres'],
    ] as const) {
      await testDb(db).insertInto('t').values({ id, name }).execute();
    }
    const names: string[] = [];
    for (const id of [1, 2, 3, 2]) names.push((await testDb(db).selectFrom('t').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name);
    expect(names).toEqual(['uno', 'dos', 'tres', 'dos']);
    expect(prepared.filter((sql) => sql.startsWith('select')).length).toBe(1);
    expect(prepared.filter((sql) => sql.startsWith('insert')).length).toBe(1);
    await db.destroy();
  });

  it('keeps at most `max` statements, preparing an evicted one again when needed', async () => {
    const { database, prepared } = counted();
    const cache = withStatementCache(database, 2);
    for (const sql of ['select 1', 'select 2', 'select 3', 'select 1']) expect(cache.prepare(sql).all([])).toHaveLength(1);
    expect(cache.cachedStatements()).toBe(2);
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 1']);
    cache.close();
  });

  it('works inside transactions and sees the schema change of a migration', async () => {
    const { database } = counted();
    const db = createKysely(withStatementCache(database));
    await db.schema.createTable('t').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
    const count = async () => Number((await testDb(db).selectFrom('t').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await db.transaction().execute(async (tx) => {
      await testDb(tx).insertInto('t').values({ id: 1 }).execute();
    });
    expect(await count()).toBe(1);
    await db.schema.alterTable('t').addColumn('name', 'text').execute();
    await testDb(db).insertInto('t').values({ id: 2 }).execute();
    expect(await count()).toBe(2);
    await db.destroy();
  });
});

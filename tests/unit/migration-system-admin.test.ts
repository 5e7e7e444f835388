import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrations } from '../../src/db/migrations';
import type { Database } from '../../src/db/schema';

/** A database as the version before issue 15 left it (migrated up to 0023), with these accounts. */
async function previousVersion(accounts: { id: number; username: string; role: string; active: number; createdAt: string }[]) {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
  await sql`PRAGMA foreign_keys = ON`.execute(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo('0023_postgres_forum_search')).error).toBeUndefined();
  for (const a of accounts) {
    await sql`insert into users (id, username, display_name, role, active, password_hash, created_at) values (${a.id}, ${a.username}, ${a.username}, ${a.role}, ${a.active}, 'x', ${a.createdAt})`.execute(db);
  }
  return db;
}

const roles = async (db: Kysely<Database>) => (await db.selectFrom('users').select(['username', 'role']).orderBy('id').execute()).map((u) => `${u.username}:${u.role}`);

describe('migration 0025: the system administrator', () => {
  it('promotes the oldest active admin (the account the installation started with) and nobody else', async () => {
    const db = await previousVersion([
      { id: 1, username: 'antigua', role: 'admin', active: 0, createdAt: '2021-01-01T00:00:00.000Z' },
      { id: 2, username: 'editora', role: 'editor', active: 1, createdAt: '2021-02-01T00:00:00.000Z' },
      { id: 3, username: 'admin', role: 'admin', active: 1, createdAt: '2022-01-01T00:00:00.000Z' },
      { id: 4, username: 'jefa', role: 'admin', active: 1, createdAt: '2023-01-01T00:00:00.000Z' },
    ]);
    await migrateToLatest(db);
    expect(await roles(db)).toEqual(['antigua:admin', 'editora:editor', 'admin:sysadmin', 'jefa:admin']);
    await db.destroy();
  });

  it('on a database without accounts changes nothing (the bootstrap makes the first one a sysadmin)', async () => {
    const db = await previousVersion([]);
    await migrateToLatest(db);
    expect(await roles(db)).toEqual([]);
    await db.destroy();
  });
});

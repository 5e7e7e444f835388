import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/api/bootstrap';
import { migrations } from '../../src/db/migrations';
import { openNodeDatabase } from '../../src/db/node-driver';
import { openPostgresDatabase } from '../../src/db/pg-driver';
import { migrateDatabase } from '../../src/server/migrate';
import { postgresTestUrl } from '../support/postgres-test-database';
import { testEngine } from '../support/test-api';

/**
 * A new installation's first start, on the engine of the project (SQLite file / a new PostgreSQL database):
 * `npm run migrate` applies every migration once, then nothing; two processes starting at once create the first
 * account once (the second finds it under the write lock instead of failing on a duplicate).
 */
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An empty database of the project's engine: where `npm run migrate` and the server are pointed. */
async function emptyDatabase(): Promise<{ databaseUrl?: string; dbFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'foros-first-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dbFile = join(dir, 'datos', 'foros.sqlite');
  if (testEngine !== 'postgres') return { dbFile };
  const name = `foros_first_start_${process.pid}_${Date.now().toString(36)}`;
  const server = new pg.Client({ connectionString: postgresTestUrl });
  await server.connect();
  await server.query(`create database ${name}`);
  cleanups.push(async () => {
    await server.query(`drop database if exists ${name} with (force)`);
    await server.end();
  });
  const url = new URL(postgresTestUrl!);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), dbFile };
}

const open = (target: { databaseUrl?: string; dbFile: string }) => (target.databaseUrl ? openPostgresDatabase(target.databaseUrl, { poolSize: 4 }) : openNodeDatabase(target.dbFile));

describe('first start of a new installation', () => {
  it('npm run migrate creates the whole schema, and applies nothing the second time', async () => {
    const target = await emptyDatabase();
    const first = await migrateDatabase(target);
    expect(first.applied).toEqual(Object.keys(migrations));
    expect(first.where).toMatch(testEngine === 'postgres' ? /^PostgreSQL 127\.0\.0\.1:\d+\/foros_first_start_/ : /^SQLite .*foros\.sqlite$/);
    expect((await migrateDatabase(target)).applied).toEqual([]);
    const db = await open(target);
    try {
      // Migrated only: no account and no demo yet (that is the server's first start).
      expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('forums').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('two processes starting together on the new database create the first accounts and the demo once', async () => {
    const target = await emptyDatabase();
    // PostgreSQL: two pools, as two processes have. SQLite: one connection for both (two connections in one process
    // would block each other's thread); both still read «no account» before either writes, as two processes would.
    const a = await open(target);
    const b = testEngine === 'postgres' ? await open(target) : a;
    cleanups.push(() => a.destroy());
    if (b !== a) cleanups.push(() => b.destroy());
    const options = { demo: true, adminPassword: 'Primera-Puesta-En-Marcha-9', passwordIterations: 1000 };
    const [first, second] = await Promise.all([bootstrap(a, options), bootstrap(b, options)]);
    // One of them made the accounts; the other made nothing and did not fail.
    expect([first.length, second.length].sort()).toEqual([0, 3]);
    expect((await a.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username)).toEqual(['admin', 'editora', 'revisor']);
    expect(await b.selectFrom('forums').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 3 });
  });
});

describe('a database migrated by a newer version', () => {
  it('is refused in Spanish, naming the unknown migration, and left as it was', async () => {
    const target = await emptyDatabase();
    await migrateDatabase(target);
    const db = await open(target);
    try {
      await db.insertInto('kysely_migration' as never).values({ name: '9999_de_una_version_futura', timestamp: new Date().toISOString() } as never).execute();
    } finally {
      await db.destroy();
    }
    await expect(migrateDatabase(target)).rejects.toThrow('La base de datos ya tiene la migración 9999_de_una_version_futura, que esta versión de Foros no conoce: la migró una versión más nueva.');
  });
});

import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations';
import { migrateDatabase } from '../../src/server/migrate';

/** `npm run migrate`: the schema without starting the server — every migration once, then nothing to do. */
describe('npm run migrate', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the whole schema on a new SQLite file, and applies nothing the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foros-migrate-'));
    dirs.push(dir);
    const dbFile = join(dir, 'datos', 'foros.sqlite');
    const first = await migrateDatabase({ dbFile });
    expect(first.applied).toEqual(Object.keys(migrations));
    expect(first.where).toContain(dbFile);
    const second = await migrateDatabase({ dbFile });
    expect(second.applied).toEqual([]);
    const file = new BetterSqlite3(dbFile, { readonly: true });
    try {
      const tables = (file.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['users', 'forums', 'reports', 'published_reports']));
      // Migrated only: no account and no demo were created (that is the server's first start).
      expect(file.prepare('select count(*) as n from users').get()).toEqual({ n: 0 });
    } finally {
      file.close();
    }
  });
});

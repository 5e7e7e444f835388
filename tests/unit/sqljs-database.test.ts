import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { sql } from 'kysely';
import { openSqlJsDatabase, SqlJsDatabase } from '../../src/db/sqljs-database';
import { createKysely } from '../../src/db/sqlite-database';
import { migrateToLatest } from '../../src/db/migrations';
import { getForum, insertForum, listForums, updateForum, deleteForum } from '../../src/db/forum-queries';
import { demoForums2022 } from '../../src/db/demo-2022';
import { bootstrap } from '../../src/api/bootstrap';

// In Node, sql.js finds its wasm next to its own file (default locateFile).
const sqlJs = initSqlJs();

describe('sql.js adapter (the store of the mock mode)', () => {
  it('runs the real migrations', async () => {
    const db = await openSqlJsDatabase(await sqlJs);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['audit_log', 'forum_questions', 'forums', 'sessions', 'users']));
    // Migrating again is a no-op.
    await migrateToLatest(db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(fk.rows[0].foreign_keys).toBe(1);
    await db.destroy();
  });

  it('inserts, lists, reads and updates a forum with the version check, like better-sqlite3', async () => {
    const db = await openSqlJsDatabase(await sqlJs);
    const input = demoForums2022[0];
    const now = '2022-07-01T10:00:00.000Z';
    const id = await insertForum(db, input, 'editora', now);
    const other = await insertForum(db, demoForums2022[1], 'editora', now);
    expect(id).toBe(1);
    expect(other).toBe(2);

    const page = await listForums(db, { sort: 'date' });
    expect(page.total).toBe(2);
    expect(page.items.map((f) => f.id)).toEqual([1, 2]);
    expect(page.items[0]).toMatchObject({ title: input.title, version: 1, questionCount: input.questions.length });
    expect((await listForums(db, { q: 'politicas' })).items.map((f) => f.id)).toContain(1);

    const stored = await getForum(db, id);
    expect(stored).toMatchObject({ id, title: input.title, version: 1, createdBy: 'editora', questions: input.questions });

    const changed = { ...input, title: 'Título cambiado' };
    expect(await updateForum(db, id, 1, changed, 'admin', '2022-07-02T10:00:00.000Z')).toBe(true);
    // A second writer holding version 1 is refused: 0 rows updated must come back as 0, not as a leftover count.
    expect(await updateForum(db, id, 1, { ...input, title: 'Otro' }, 'revisor', '2022-07-03T10:00:00.000Z')).toBe(false);
    const updated = await getForum(db, id);
    expect(updated).toMatchObject({ title: 'Título cambiado', version: 2, updatedBy: 'admin', questions: input.questions });

    expect(await deleteForum(db, other)).toBe(true);
    expect(await deleteForum(db, other)).toBe(false);
    expect((await listForums(db, {})).total).toBe(1);
    await db.destroy();
  });

  it('rolls back a failed transaction and reports insert ids and changes', async () => {
    const database = new SqlJsDatabase(new (await sqlJs).Database());
    const db = createKysely(database);
    await migrateToLatest(db);
    await expect(
      db.transaction().execute(async (tx) => {
        await insertForum(tx, demoForums2022[0], 'x', 'now');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await listForums(db, {})).total).toBe(0);

    const create = database.prepare('create table t (id integer primary key, v text)');
    expect(create.reader).toBe(false);
    // DDL reports 0 changes (not the count left over from the migration's writes).
    expect(create.run([]).changes).toBe(0);
    const insert = database.prepare('insert into t (v) values (?), (?)');
    expect(insert.run(['a', true])).toEqual({ changes: 2, lastInsertRowid: 2 });
    // true is bound as 1 (column v has text affinity, so it comes back as '1'); 0n as 0.
    const select = database.prepare('select id, v from t where id > ?');
    expect(select.reader).toBe(true);
    expect(select.all([0n])).toEqual([{ id: 1, v: 'a' }, { id: 2, v: '1' }]);
    expect([...select.iterate([1])]).toEqual([{ id: 2, v: '1' }]);
    expect(database.prepare('insert into t (v) values (?) returning id').reader).toBe(true);
    await db.destroy();
  });

  it('runs the demo bootstrap used by the mock mode with the fixed demo password', async () => {
    const db = await openSqlJsDatabase(await sqlJs);
    const accounts = await bootstrap(db, { demo: true, adminPassword: 'demo-foros-2022', demoPassword: 'demo-foros-2022', passwordIterations: 1000 });
    expect(accounts.map((a) => [a.username, a.password, a.generated])).toEqual([
      ['admin', 'demo-foros-2022', false],
      ['editora', 'demo-foros-2022', false],
      ['revisor', 'demo-foros-2022', false],
    ]);
    expect((await listForums(db, {})).total).toBe(3);
    await db.destroy();
  });
});

describe('sql.js adapter: saving the file (the static demo)', () => {
  it('exports the file, which reopens with the same data; the open database keeps working with its foreign keys on', async () => {
    const { openSqlJs } = await import('../../src/db/sqljs-database');
    const { db, file } = await openSqlJs(await sqlJs);
    const first = await insertForum(db, demoForums2022[0], 'editora', '2022-07-01T10:00:00.000Z');
    const bytes = await db.connection().execute(async () => file.exportBytes());

    // After the export: the next insert gets the next id, and foreign keys are still enforced.
    const second = await insertForum(db, demoForums2022[1], 'editora', '2022-07-01T10:00:00.000Z');
    expect([first, second]).toEqual([1, 2]);
    expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0].foreign_keys).toBe(1);
    await expect(sql`insert into forum_questions (forum_id, position, text, channel, asked_by, answered, answered_by, answer_summary) values (999, 0, 'x', 'chat', '', 0, '', '')`.execute(db)).rejects.toThrow(/FOREIGN KEY/);

    // The saved file has what was there when it was saved.
    const reopened = await openSqlJsDatabase(await sqlJs, bytes);
    expect((await listForums(reopened, { sort: 'date' })).items.map((f) => f.title)).toEqual([demoForums2022[0].title]);
    await reopened.destroy();
    await db.destroy();
  });
});

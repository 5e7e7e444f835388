import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrations } from '../../src/db/migrations';
import type { Database } from '../../src/db/schema';

describe('migration 0016: commitments.question_id becomes a foreign key', () => {
  it('keeps every commitment and its follow-ups, clears a reference to a question already gone, and sets it null when the question is deleted', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    await sql`PRAGMA foreign_keys = ON`.execute(db);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('0015_forum_questions_asked_by_cleared');
    expect(before.error).toBeUndefined();
    const now = '2022-07-01T00:00:00.000Z';
    await sql`insert into forums (id, title, theme, search_text, year, date, time, duration_minutes, platform, stream_url, status, objective, place, moderator, details, version, created_at, updated_at, created_by, updated_by)
      values (1, 'Foro', 'Tema', 'foro', 2022, '2022-06-22', null, null, 'facebook_live', '', 'held', '', '', '', '{}', 1, ${now}, ${now}, 'demo', 'demo')`.execute(db);
    await sql`insert into forum_questions (id, forum_id, position, text, channel, asked_by, answered, answered_by, answer_summary) values (10, 1, 0, '¿Pregunta?', 'live_chat', '', 0, '', '')`.execute(db);
    const commitment = (id: number, questionId: number | null) =>
      sql`insert into commitments (id, forum_id, question_id, year, text, area, person, due_date, status, cancel_reason, progress, version, created_at, updated_at, created_by, updated_by)
        values (${id}, 1, ${questionId}, 2022, ${`Compromiso ${id}`}, 'Área', '', '2022-12-31', 'in_progress', '', 40, 2, ${now}, ${now}, 'demo', 'demo')`.execute(db);
    await commitment(7, 10);
    await commitment(8, 999);
    await sql`insert into commitment_follow_ups (commitment_id, date, note, progress, evidence_url, created_at, created_by) values (7, '2022-07-01', 'Avance', 40, '', ${now}, 'demo')`.execute(db);

    await migrateToLatest(db);
    const rows = await db.selectFrom('commitments').select(['id', 'question_id', 'text', 'progress']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 7, question_id: 10, text: 'Compromiso 7', progress: 40 },
      { id: 8, question_id: null, text: 'Compromiso 8', progress: 40 },
    ]);
    expect(await db.selectFrom('commitment_follow_ups').select(['commitment_id', 'note']).execute()).toEqual([{ commitment_id: 7, note: 'Avance' }]);
    const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'commitments'`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['commitments_year_due', 'commitments_forum', 'commitments_status_due', 'commitments_question']));

    await db.deleteFrom('forum_questions').where('id', '=', 10).execute();
    expect((await db.selectFrom('commitments').select('question_id').where('id', '=', 7).executeTakeFirstOrThrow()).question_id).toBeNull();
    // The next commitment does not reuse an id.
    const { id } = await db
      .insertInto('commitments')
      .values({ forum_id: 1, question_id: null, year: 2022, text: 'Nuevo', area: 'Área', person: '', due_date: '2022-12-31', status: 'pending', cancel_reason: '', progress: 0, version: 1, created_at: now, updated_at: now, created_by: 'demo', updated_by: 'demo' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(id).toBe(9);
    await db.destroy();
  });
});

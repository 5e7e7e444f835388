import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema';

/** Migrations live in code (no file system), so the same list runs in Node and in the browser. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('forums')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('date', 'text')
        .addColumn('time', 'text')
        .addColumn('duration_minutes', 'integer')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('stream_url', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('objective', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('moderator', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('forums_year_date').on('forums').columns(['year', 'date']).execute();
      await db.schema.createIndex('forums_date').on('forums').columns(['date', 'id']).execute();
      // The list's usual shape (year + status filters, newest first) is served by one index, in order; the rowid tail gives the id tie-break.
      await db.schema.createIndex('forums_year_status_date').on('forums').columns(['year', 'status', 'date']).execute();
      await db.schema.createIndex('forums_status').on('forums').column('status').execute();
      await db.schema.createIndex('forums_platform').on('forums').column('platform').execute();
      await db.schema
        .createTable('forum_questions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('forum_id', 'integer', (c) => c.notNull().references('forums.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('asked_by', 'text', (c) => c.notNull())
        .addColumn('answered', 'integer', (c) => c.notNull())
        .addColumn('answered_by', 'text', (c) => c.notNull())
        .addColumn('answer_summary', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('forum_questions_forum').on('forum_questions').columns(['forum_id', 'position']).execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'integer')
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    },
  },
  '0002_metrics': {
    async up(db: Kysely<any>) {
      // One row per forum that has metrics; the three snapshots as JSON (null = not taken). Goes with its forum.
      await db.schema
        .createTable('forum_metrics')
        .addColumn('forum_id', 'integer', (c) => c.primaryKey().references('forums.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('post_card', 'text')
        .addColumn('live_summary', 'text')
        .addColumn('since_publication', 'text')
        .addColumn('acknowledged_warnings', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('updated_at', 'text')
        .addColumn('updated_by', 'text')
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  await sql`PRAGMA foreign_keys = ON`.execute(db);
  const migrator = new Migrator({ db, provider });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

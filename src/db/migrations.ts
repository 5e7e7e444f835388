import { Migrator, sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely';

type ColumnBuilder = ColumnDefinitionBuilder;
import type { Database } from './schema';
import { SqliteDdlForPostgres, engineOf } from './engine';
import { defaultOrganizationName, defaultTimeZone, slugify } from '../domain/organization';

/** Migrations live in code (no file system), so the same list runs in Node and in the browser. */
/**
 * A migration runs against the schema as it was at its step, not as schema.ts types it today: Kysely's documented
 * type for migrations is the untyped database.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MigrationDb = Kysely<any>;

export const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: MigrationDb) {
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
    async up(db: MigrationDb) {
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
  '0003_consultations': {
    async up(db: MigrationDb) {
      // A year's citizen consultation: candidate topics and the value groups' responses (no personal data is stored).
      await db.schema
        .createTable('consultations')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('open_date', 'text', (c) => c.notNull())
        .addColumn('close_date', 'text', (c) => c.notNull())
        .addColumn('channels', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('consultations_year').on('consultations').column('year').execute();
      await db.schema
        .createTable('consultation_topics')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('proposing_team', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('consultation_topics_consultation').on('consultation_topics').columns(['consultation_id', 'position']).execute();
      await db.schema
        .createTable('consultation_responses')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
        .addColumn('value_group_kind', 'text', (c) => c.notNull())
        .addColumn('value_group', 'text', (c) => c.notNull())
        .addColumn('topic_ids', 'text', (c) => c.notNull())
        .addColumn('proposed_topic', 'text', (c) => c.notNull())
        .addColumn('questions', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('late', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('consultation_responses_consultation').on('consultation_responses').columns(['consultation_id', 'date']).execute();
      // A forum created from a chosen topic points back at it (null for every other forum).
      await db.schema.alterTable('forums').addColumn('consultation_id', 'integer').execute();
      await db.schema.alterTable('forums').addColumn('consultation_topic_id', 'integer').execute();
      await db.schema.createIndex('forums_consultation').on('forums').columns(['consultation_id', 'consultation_topic_id']).execute();
    },
  },
  '0004_reports': {
    async up(db: MigrationDb) {
      // The yearly report, its sections (rich text as ProseMirror JSON), every saved revision and the review comments.
      await db.schema
        .createTable('reports')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('strategy', 'text', (c) => c.notNull())
        .addColumn('prepared_by', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('report_sections')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('year', 'integer', (c) => c.notNull().references('reports.year').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        // No foreign key: a forum section keeps its text when its forum is deleted.
        .addColumn('forum_id', 'integer')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('recommendations', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('last_edited_by', 'text')
        .addColumn('last_edited_at', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('reviewed_by', 'text')
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('approved_statistics_hash', 'text')
        .execute();
      await db.schema.createIndex('report_sections_year').on('report_sections').columns(['year', 'position']).execute();
      await db.schema.createIndex('report_sections_forum').on('report_sections').columns(['year', 'forum_id']).execute();
      await db.schema
        .createTable('section_revisions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('section_id', 'integer', (c) => c.notNull().references('report_sections.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('recommendations', 'text', (c) => c.notNull())
        .addColumn('edited_by', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('section_revisions_section').on('section_revisions').columns(['section_id', 'number']).unique().execute();
      await db.schema
        .createTable('section_comments')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('section_id', 'integer', (c) => c.notNull().references('report_sections.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('section_comments.id').onDelete('cascade'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('quote', 'text')
        .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('resolved_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('section_comments_section').on('section_comments').columns(['section_id', 'id']).execute();
      await db.schema
        .createTable('report_removed_forums')
        .addColumn('year', 'integer', (c) => c.notNull().references('reports.year').onDelete('cascade'))
        .addColumn('forum_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_removed_forums_pk', ['year', 'forum_id'])
        .execute();
    },
  },
  '0005_forum_search_index': {
    // A search without filters reads search_text from this index instead of every forum row (the rows
    // carry long JSON); sorting by title (search_text) walks it in order.
    async up(db) {
      await db.schema.createIndex('forums_search').on('forums').column('search_text').execute();
    },
  },
  '0006_security_login_sessions_imports': {
    async up(db: MigrationDb) {
      // Failed-login counters, kept across restarts (src/api/rate-limit.ts); expired rows are pruned by expires_at.
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'integer', (c) => c.notNull())
        .addColumn('next_slot', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_expires').on('login_attempts').column('expires_at').execute();
      // The idle timeout reads the session's last request.
      await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
      // A big import writes its rows in short chunks, invisible until one short commit deletes its pending row.
      await db.schema
        .createTable('consultation_pending_imports')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('consultation_id', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('first_id', 'integer')
        .execute();
      await db.schema.alterTable('consultation_responses').addColumn('import_batch', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '0007_section_statistics_hash': {
    // Four eyes on generated content: a statistics section remembers the figures its generated part was last
    // recorded with, so a write that changes them names its author as the section's last editor (who then
    // cannot approve it), whatever the section's state. An approved section starts from its approved figures.
    async up(db: MigrationDb) {
      await db.schema.alterTable('report_sections').addColumn('statistics_hash', 'text').execute();
      await sql`update report_sections set statistics_hash = approved_statistics_hash where kind = 'statistics'`.execute(db);
    },
  },
  '0008_consultation_note': {
    // A note shown with the consultation (e.g. that the 2022 demo's responses are illustrative).
    async up(db) {
      await db.schema.alterTable('consultations').addColumn('note', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
  },
  '0009_questions': {
    // Each question from the public becomes a case with a legal deadline (Ley 1755) and, with consent, the
    // asker's personal data (Ley 1581); areas answer them; the terms and the retention are settings.
    async up(db: MigrationDb) {
      await db.schema
        .createTable('areas')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      const add = (name: string, type: 'text' | 'integer', build?: (c: ColumnBuilder) => ColumnBuilder) =>
        db.schema.alterTable('forum_questions').addColumn(name, type, build ?? ((c) => c)).execute();
      await add('received_at', 'text');
      await add('type', 'text', (c) => c.notNull().defaultTo('peticion'));
      await add('due_date', 'text');
      await add('area_id', 'integer', (c) => c.references('areas.id').onDelete('set null'));
      await add('assignee', 'text', (c) => c.notNull().defaultTo(''));
      await add('status', 'text', (c) => c.notNull().defaultTo('recibida'));
      await add('answer', 'text');
      await add('answered_at', 'text');
      await add('answer_channel', 'text');
      await add('publishable', 'integer', (c) => c.notNull().defaultTo(0));
      await add('answered_live', 'integer', (c) => c.notNull().defaultTo(0));
      await add('asker_name', 'text', (c) => c.notNull().defaultTo(''));
      await add('asker_contact', 'text', (c) => c.notNull().defaultTo(''));
      await add('consent_text', 'text', (c) => c.notNull().defaultTo(''));
      await add('consent_at', 'text');
      await add('anonymised_at', 'text');
      await add('year', 'integer');
      await add('case_version', 'integer', (c) => c.notNull().defaultTo(1));
      await add('updated_at', 'text');
      await add('updated_by', 'text');
      // Existing questions: received on their forum's date, answered ones already answered (live).
      await sql`update forum_questions set year = (select year from forums where forums.id = forum_questions.forum_id),
        received_at = (select coalesce(date, year || '-01-01') || 'T' || coalesce(time, '00:00') from forums where forums.id = forum_questions.forum_id)`.execute(db);
      await sql`update forum_questions set status = 'respondida', answered_live = 1, answered_at = substr(received_at, 1, 10), answer_channel = 'live' where answered = 1`.execute(db);
      // The list's filters and its sort by due date: one index per filter, each ending in the sort column.
      await db.schema.createIndex('forum_questions_due').on('forum_questions').columns(['due_date', 'id']).execute();
      await db.schema.createIndex('forum_questions_status_due').on('forum_questions').columns(['status', 'due_date']).execute();
      await db.schema.createIndex('forum_questions_year_status_due').on('forum_questions').columns(['year', 'status', 'due_date']).execute();
      await db.schema.createIndex('forum_questions_area_due').on('forum_questions').columns(['area_id', 'due_date']).execute();
      await db.schema.createIndex('forum_questions_forum_due').on('forum_questions').columns(['forum_id', 'due_date']).execute();
      await db.schema.createIndex('forum_questions_consent').on('forum_questions').column('consent_at').execute();
    },
  },
  '0010_evaluation_responses': {
    // A forum's evaluation survey: five scores 1–5 (null: not answered), an open comment, the value group. No personal data.
    async up(db: MigrationDb) {
      await db.schema
        .createTable('evaluation_responses')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('forum_id', 'integer', (c) => c.notNull().references('forums.id').onDelete('cascade'))
        .addColumn('clarity', 'integer')
        .addColumn('usefulness', 'integer')
        .addColumn('participation', 'integer')
        .addColumn('answers', 'integer')
        .addColumn('format', 'integer')
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('value_group', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('evaluation_responses_forum').on('evaluation_responses').columns(['forum_id', 'id']).execute();
    },
  },
  '0011_commitments': {
    // Commitments made in a forum (or answering one of its questions) and their dated follow-ups. The area is text
    // (compared without case or accents) until the areas of 0009 are referenced.
    async up(db: MigrationDb) {
      await db.schema
        .createTable('commitments')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('forum_id', 'integer', (c) => c.notNull().references('forums.id').onDelete('cascade'))
        .addColumn('question_id', 'integer')
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('cancel_reason', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull())
        .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('commitments_year_due').on('commitments').columns(['year', 'due_date']).execute();
      await db.schema.createIndex('commitments_forum').on('commitments').column('forum_id').execute();
      await db.schema.createIndex('commitments_status_due').on('commitments').columns(['status', 'due_date']).execute();
      await db.schema
        .createTable('commitment_follow_ups')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('commitment_id', 'integer', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull())
        .addColumn('evidence_url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('commitment_follow_ups_commitment').on('commitment_follow_ups').columns(['commitment_id', 'date']).execute();
    },
  },
  '0012_publication': {
    // The public «Participa» pages (issue 14): what the office publishes of each year, and the frozen versions of
    // the year's report it published (the snapshot as stored is what the public reads; its SHA-256 is of these bytes).
    async up(db: MigrationDb) {
      await db.schema
        .createTable('publication_settings')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('published_reports')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('published_reports_year_number').on('published_reports').columns(['year', 'number']).unique().execute();
    },
  },
  '0013_vote_locality': {
    // The citizen's vote (issue 14): the optional locality a voter gives, kept beside the response.
    async up(db: MigrationDb) {
      await db.schema.alterTable('consultation_responses').addColumn('locality', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
  },
  '0014_question_list_year_due': {
    // «Preguntas» filtered by year alone, in due-date order: read along (year, due_date) instead of sorting the
    // year's cases (10,000 a year: ≈ 40 ms → ≈ 1 ms), the index (year, status, due_date) serving only year + status.
    async up(db: MigrationDb) {
      await db.schema.createIndex('forum_questions_year_due').on('forum_questions').columns(['year', 'due_date']).execute();
    },
  },
  '0015_forum_questions_asked_by_cleared': {
    // Ley 1581 de 2012: the forum form's free-text «Quién preguntó» kept names without consent. The form no longer has
    // it and the forum no longer returns it; the names already typed there had no consent notice, so they are
    // cleared (the question's case keeps a name and contact only with consent: asker_name, asker_contact, consent_*).
    // The column stays (always '') so older rows and drivers need no rebuild.
    async up(db: MigrationDb) {
      await sql`update forum_questions set asked_by = '' where asked_by <> ''`.execute(db);
    },
  },
  '0016_commitment_question_fk': {
    // A commitment's question is a foreign key (a removed question leaves the commitment without one, ON DELETE SET
    // NULL). SQLite cannot add a constraint to a column: the table is rebuilt as SQLite documents it (foreign keys off,
    // new table from the stored definition with the reference added, rows copied, old dropped, new renamed, indexes
    // again), in one transaction. Built from the stored definition so columns a later branch adds are kept.
    async up(db: MigrationDb) {
      if (engineOf(db) === 'postgres') {
        // PostgreSQL adds the constraint to the column as it is, in the migration's own transaction (once).
        const has = await sql`select 1 from pg_constraint where conname = 'commitments_question_fk' and conrelid = cast('commitments' as regclass)`.execute(db);
        if (has.rows.length > 0) return;
        await sql`update commitments set question_id = null where question_id is not null and question_id not in (select id from forum_questions)`.execute(db);
        await sql`alter table commitments add constraint commitments_question_fk foreign key (question_id) references forum_questions (id) on delete set null`.execute(db);
        await sql`create index if not exists commitments_question on commitments (question_id)`.execute(db);
        return;
      }
      const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'commitments'`.execute(db);
      const definition = table.rows[0]?.sql;
      if (!definition || /"question_id"[^,]*references/i.test(definition)) return;
      const rebuilt = definition
        .replace(/^create table\s+"?commitments"?/i, 'create table "commitments_rebuilt"')
        .replace(/"question_id" integer/i, '"question_id" integer references "forum_questions" ("id") on delete set null');
      if (!/references "forum_questions"/.test(rebuilt)) throw new Error('0016: no se encontró la columna question_id de commitments.');
      const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'commitments' and sql is not null`.execute(db);
      const sequence = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'commitments'`.execute(db);
      await sql`PRAGMA foreign_keys = OFF`.execute(db);
      await sql`begin`.execute(db);
      try {
        await sql.raw(rebuilt).execute(db);
        // A question already gone: the commitment stays, without it.
        await sql`update commitments set question_id = null where question_id is not null and question_id not in (select id from forum_questions)`.execute(db);
        await sql`insert into commitments_rebuilt select * from commitments`.execute(db);
        await sql`drop table commitments`.execute(db);
        await sql`alter table commitments_rebuilt rename to commitments`.execute(db);
        for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
        await sql`create index if not exists commitments_question on commitments (question_id)`.execute(db);
        const seq = sequence.rows[0]?.seq;
        if (seq != null) await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = 'commitments'`.execute(db);
        const broken = await sql`PRAGMA foreign_key_check(commitments)`.execute(db);
        if (broken.rows.length > 0) throw new Error('0016: quedaron compromisos con referencias rotas.');
        await sql`commit`.execute(db);
      } catch (error) {
        await sql`rollback`.execute(db);
        throw error;
      } finally {
        await sql`PRAGMA foreign_keys = ON`.execute(db);
      }
    },
  },
  '0017_report_removed_sections': {
    // The generated sections (issue 13) someone removed from a year's report on purpose: the report sync adds a
    // missing one to a report that predates it, but not one that was removed (like report_removed_forums).
    async up(db: MigrationDb) {
      await db.schema
        .createTable('report_removed_sections')
        .addColumn('year', 'integer', (c) => c.notNull().references('reports.year').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_removed_sections_pk', ['year', 'kind'])
        .execute();
    },
  },
  '0018_citizen_questions': {
    // Questions citizens send from the public page (issue 14): a moderation queue apart from the forums' questions
    // (a forum's form rewrites those), so nothing waiting is seen anywhere until the office accepts it. Personal
    // data only with the consent notice's text and time, as in forum_questions.
    async up(db: MigrationDb) {
      await db.schema
        .createTable('citizen_questions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('forum_id', 'integer', (c) => c.notNull().references('forums.id').onDelete('cascade'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('asker_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('asker_contact', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('consent_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('consent_at', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('question_id', 'integer')
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('moderated_at', 'text')
        .addColumn('moderated_by', 'text')
        .execute();
      await db.schema.createIndex('citizen_questions_status').on('citizen_questions').columns(['status', 'id']).execute();
      await db.schema.createIndex('citizen_questions_forum').on('citizen_questions').column('forum_id').execute();
    },
  },
  '0021_rate_counters': {
    // Issue 15, several server processes: the request limits (writes per account, the public routes per address)
    // counted in the database instead of each process's memory. One row per key and fixed window; times in ms
    // (bigint: they do not fit PostgreSQL's integer). Expired rows are pruned by `expires_at`.
    async up(db: MigrationDb) {
      await db.schema
        .createTable('rate_counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_counters_expires').on('rate_counters').column('expires_at').execute();
    },
  },
  '0023_postgres_forum_search': {
    // The forum search is `search_text like '%palabra%'` (search_text: title and theme, lower-case, without accents,
    // written by the app on both engines, so «Política» finds «politica» on either). SQLite reads it from its index
    // on search_text (0005); PostgreSQL gets a trigram index (pg_trgm, trusted since PostgreSQL 13 and in Debian's
    // postgresql package), which serves a LIKE with a leading wildcard. Nothing to do on SQLite.
    async up(db: MigrationDb) {
      if (engineOf(db) !== 'postgres') return;
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`create index if not exists forums_search_trgm on forums using gin (search_text gin_trgm_ops)`.execute(db);
    },
  },
  '0024_organizations': {
    // Issue 15, many entities on one installation: the organisations, and `organization_id` on every table that holds
    // an organisation's data (org-scope.ts scopes every query by it). An existing database's data all becomes
    // organisation 1, named after the entity its public pages name (else «Mi entidad»); an empty one gets the same
    // organisation 1, which the bootstrap's admin and demo belong to. Keys that were unique per installation become
    // unique per organisation: a report, its removed forums and sections and the publication settings per (organisation,
    // year), a setting per (organisation, key), an area's name, a published version's number. Usernames stay unique
    // across the installation (login is by username). sessions, login_attempts and rate_counters stay global.
    async up(db: MigrationDb) {
      const postgres = engineOf(db) === 'postgres';
      await db.schema
        .createTable('organizations')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('acronym', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('nit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo(defaultTimeZone))
        .addColumn('logo', 'text')
        .addColumn('colors', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // The entity the latest published year names, else the default.
      const published = await db.selectFrom('publication_settings').select('settings').orderBy('year', 'desc').execute();
      let name = defaultOrganizationName;
      for (const row of published) {
        try {
          const entity = (JSON.parse(row.settings) as { entityName?: unknown }).entityName;
          if (typeof entity === 'string' && entity.trim()) {
            name = entity.trim();
            break;
          }
        } catch {
          // A setting that does not parse names no entity.
        }
      }
      await db.insertInto('organizations').values({ id: 1, name, slug: slugify(name), created_at: new Date().toISOString() }).execute();
      if (postgres) await sql`select setval(pg_get_serial_sequence('organizations', 'id'), 1)`.execute(db);

      // Every existing row belongs to organisation 1. SQLite adds a NOT NULL column only with a default, and one with
      // a REFERENCES clause only with foreign keys off (as 0016, outside a transaction of Kysely's).
      if (!postgres) await sql`PRAGMA foreign_keys = OFF`.execute(db);
      try {
        if (!postgres) await sql`begin`.execute(db);
        for (const table of organizationTables0024) {
          await db.schema
            .alterTable(table)
            .addColumn('organization_id', 'integer', (c) => c.notNull().defaultTo(1).references('organizations.id'))
            .execute();
        }
        if (postgres) await perOrganizationKeysPostgres(db);
        else await perOrganizationKeysSqlite(db);
        await db.schema.dropIndex('published_reports_year_number').execute();
        await db.schema.createIndex('published_reports_year_number').on('published_reports').columns(['organization_id', 'year', 'number']).unique().execute();
        // The staff lists read one organisation's rows: its forums and questions by the lists' usual orders.
        await db.schema.createIndex('forums_organization_date').on('forums').columns(['organization_id', 'date', 'id']).execute();
        await db.schema.createIndex('forums_organization_year_status_date').on('forums').columns(['organization_id', 'year', 'status', 'date']).execute();
        await db.schema.createIndex('forum_questions_organization_due').on('forum_questions').columns(['organization_id', 'due_date', 'id']).execute();
        await db.schema.createIndex('users_organization').on('users').columns(['organization_id', 'username']).execute();
        await db.schema.createIndex('audit_log_organization').on('audit_log').columns(['organization_id', 'id']).execute();
        if (!postgres) {
          const broken = await sql`PRAGMA foreign_key_check`.execute(db);
          if (broken.rows.length > 0) throw new Error('0024: quedaron filas con referencias rotas.');
          await sql`commit`.execute(db);
        }
      } catch (error) {
        if (!postgres) await sql`rollback`.execute(db);
        throw error;
      } finally {
        if (!postgres) await sql`PRAGMA foreign_keys = ON`.execute(db);
      }
    },
  },
  '0025_system_admin': {
    // Issue 15: the system administrator (role `sysadmin`), above an organisation's `admin`. The account the
    // installation started with — the oldest active admin (of organisation 1, the office the data was made by) —
    // becomes it, so an upgraded installation has someone who can create organisations. A fresh database has no
    // accounts yet: the bootstrap creates its first one as sysadmin.
    async up(db: MigrationDb) {
      const first = await db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .where('organization_id', '=', 1)
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (first) await db.updateTable('users').set({ role: 'sysadmin' }).where('id', '=', first.id).execute();
    },
  },
  '0026_forum_questions_organization_forum': {
    // A forum's questions, scoped: `organization_id = ? and forum_id = ?` (the forum list's question count runs it once
    // per row). With only 0024's (organization_id, due_date, id) and 0009's (forum_id, due_date), SQLite without
    // statistics saw two one-column matches and took the organisation's — every question of the office read for
    // every forum of the page (the list of 10,000 forums and 50,000 questions went from 13 ms to 300 ms).
    // Two equal columns win the tie on both engines.
    async up(db: MigrationDb) {
      await db.schema.createIndex('forum_questions_organization_forum').on('forum_questions').columns(['organization_id', 'forum_id', 'due_date']).execute();
    },
  },
  '0027_forums_organization_search': {
    // A search without filters, scoped: `search_text like ? and organization_id = ?`. 0005's index on search_text has
    // no organisation, so SQLite walked the organisation's date index and read every forum row (long JSON) to test
    // the text: 36 ms for the count of 10,000 forums, 60 ms for a page sorted by title; with (organization_id,
    // search_text) the count reads the index alone (7 ms) and the page 5 ms.
    async up(db: MigrationDb) {
      await db.schema.createIndex('forums_organization_search').on('forums').columns(['organization_id', 'search_text']).execute();
    },
  },
  '0028_organization_logos': {
    // Issue 15: an organisation's uploaded logo (PNG, JPEG or WebP, at most 256 KB; organization-logo.ts). Its own
    // table, one row per organisation, scoped like the organisation's other data (org-scope.ts), so the organisations
    // list never reads the image. The bytes are base64 text: the same column and driver behaviour on SQLite, sql.js
    // and PostgreSQL. `organizations.logo` (text since 0024, never written until now) holds the logo's SHA-256, or
    // null: the session and the lists know whether there is a logo, and its address, without reading the image.
    async up(db: MigrationDb) {
      await db.schema
        .createTable('organization_logos')
        .addColumn('organization_id', 'integer', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.updateTable('organizations').set({ logo: null }).execute();
    },
  },
  '0029_commitments_organization': {
    // The commitments list, scoped: `c.organization_id = ?` joined to `f.organization_id = ?`. 0024 gave commitments
    // no organisation index, so on SQLite without statistics the unfiltered list and the search walked every forum
    // of the office (by 0027's forums index) and sorted the commitments found in a temporary B-tree; the list of
    // areas scanned the table. An organisation index alone would tie with 0013's one-column indexes and win over
    // (year, due_date) — so each filter gets its own, organisation first and due date last: the page is read in the
    // list's order (due date, id) and stops at its 50 rows; the count and the areas read one index.
    async up(db: MigrationDb) {
      await db.schema.createIndex('commitments_organization_due').on('commitments').columns(['organization_id', 'due_date', 'id']).execute();
      await db.schema.createIndex('commitments_organization_year_due').on('commitments').columns(['organization_id', 'year', 'due_date']).execute();
      await db.schema.createIndex('commitments_organization_status_due').on('commitments').columns(['organization_id', 'status', 'due_date']).execute();
      await db.schema.createIndex('commitments_organization_forum_due').on('commitments').columns(['organization_id', 'forum_id', 'due_date']).execute();
      await db.schema.createIndex('commitments_organization_area').on('commitments').columns(['organization_id', 'area']).execute();
    },
  },
  '0030_chart_images': {
    // Issue 12: the charts' PNGs of the Word export, kept in the database (chart-image-queries.ts), so that the first
    // export after a restart, or on another server process, finds them drawn. `blob` is `bytea` on PostgreSQL (engine.ts).
    async up(db: MigrationDb) {
      await db.schema
        .createTable('chart_images')
        .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('png', 'blob', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('used_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('chart_images_pk', ['organization_id', 'key'])
        .execute();
      // Eviction walks an organisation's images from the most recently used.
      await db.schema.createIndex('chart_images_organization_used').on('chart_images').columns(['organization_id', 'used_at']).execute();
    },
  },
};

/** The tables of an organisation's data as of 0024 (a later table that holds such data adds its own column). */
const organizationTables0024 = [
  'users',
  'forums',
  'forum_questions',
  'areas',
  'settings',
  'audit_log',
  'forum_metrics',
  'consultations',
  'consultation_topics',
  'consultation_responses',
  'reports',
  'report_sections',
  'section_revisions',
  'section_comments',
  'report_removed_forums',
  'report_removed_sections',
  'consultation_pending_imports',
  'evaluation_responses',
  'commitments',
  'commitment_follow_ups',
  'publication_settings',
  'published_reports',
  'citizen_questions',
];

/** 0024 on PostgreSQL: the per-installation keys become per-organisation keys, constraint by constraint. */
async function perOrganizationKeysPostgres(db: MigrationDb) {
  const constraints = async (table: string, type: 'p' | 'u' | 'f', references?: string) => {
    const { rows } = await sql<{ name: string }>`select conname as name from pg_constraint
      where conrelid = cast(${table} as regclass) and contype = ${type} ${references ? sql`and confrelid = cast(${references} as regclass)` : sql``}`.execute(db);
    return rows.map((r) => r.name);
  };
  const drop = async (table: string, names: string[]) => {
    for (const name of names) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db);
  };
  const children = ['report_sections', 'report_removed_forums', 'report_removed_sections'];
  for (const child of children) await drop(child, await constraints(child, 'f', 'reports'));
  await drop('reports', await constraints('reports', 'p'));
  await sql`alter table reports add constraint reports_pk primary key (organization_id, year)`.execute(db);
  await drop('report_removed_forums', await constraints('report_removed_forums', 'p'));
  await sql`alter table report_removed_forums add constraint report_removed_forums_pk primary key (organization_id, year, forum_id)`.execute(db);
  await drop('report_removed_sections', await constraints('report_removed_sections', 'p'));
  await sql`alter table report_removed_sections add constraint report_removed_sections_pk primary key (organization_id, year, kind)`.execute(db);
  for (const child of children) {
    await sql`alter table ${sql.table(child)} add constraint ${sql.id(`${child}_report_fk`)} foreign key (organization_id, year) references reports (organization_id, year) on delete cascade`.execute(db);
  }
  await drop('publication_settings', await constraints('publication_settings', 'p'));
  await sql`alter table publication_settings add constraint publication_settings_pk primary key (organization_id, year)`.execute(db);
  await drop('settings', await constraints('settings', 'p'));
  await sql`alter table settings add constraint settings_pk primary key (organization_id, key)`.execute(db);
  await drop('areas', await constraints('areas', 'u'));
  await sql`alter table areas add constraint areas_organization_name unique (organization_id, name)`.execute(db);
}

/**
 * 0024 on SQLite, which cannot change a table's keys: each table is rebuilt as SQLite documents it (as 0016), from its
 * stored definition with the keys edited — new table, rows copied, old dropped, new renamed, its indexes again.
 */
async function perOrganizationKeysSqlite(db: MigrationDb) {
  const yearFk = /"year" integer not null references "reports" \("year"\) on delete cascade/i;
  const reportFk = 'foreign key ("organization_id", "year") references "reports" ("organization_id", "year") on delete cascade';
  const rebuilds: [string, [RegExp, string][], string[]][] = [
    ['reports', [[/"year" integer primary key/i, '"year" integer not null']], ['constraint "reports_pk" primary key ("organization_id", "year")']],
    ['report_sections', [[yearFk, '"year" integer not null']], [reportFk]],
    [
      'report_removed_forums',
      [
        [yearFk, '"year" integer not null'],
        [/primary key \("year", "forum_id"\)/i, 'primary key ("organization_id", "year", "forum_id")'],
      ],
      [reportFk],
    ],
    [
      'report_removed_sections',
      [
        [yearFk, '"year" integer not null'],
        [/primary key \("year", "kind"\)/i, 'primary key ("organization_id", "year", "kind")'],
      ],
      [reportFk],
    ],
    ['publication_settings', [[/"year" integer primary key/i, '"year" integer not null']], ['constraint "publication_settings_pk" primary key ("organization_id", "year")']],
    ['settings', [[/"key" text primary key/i, '"key" text not null']], ['constraint "settings_pk" primary key ("organization_id", "key")']],
    ['areas', [[/"name" text not null unique/i, '"name" text not null']], ['constraint "areas_organization_name" unique ("organization_id", "name")']],
  ];
  for (const [table, edits, constraints] of rebuilds) {
    const stored = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
    let definition = stored.rows[0]?.sql;
    if (!definition) throw new Error(`0024: no se encontró la tabla ${table}.`);
    for (const [from, to] of edits) {
      if (!from.test(definition)) throw new Error(`0024: la definición de ${table} no es la esperada (${from}).`);
      definition = definition.replace(from, to);
    }
    definition = definition.replace(new RegExp(`^create table\\s+"?${table}"?`, 'i'), `create table "${table}_rebuilt"`).replace(/\)\s*$/, `, ${constraints.join(', ')})`);
    const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
    const sequence = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db);
    await sql.raw(definition).execute(db);
    await sql`insert into ${sql.table(`${table}_rebuilt`)} select * from ${sql.table(table)}`.execute(db);
    await sql`drop table ${sql.table(table)}`.execute(db);
    await sql`alter table ${sql.table(`${table}_rebuilt`)} rename to ${sql.table(table)}`.execute(db);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
    const seq = sequence.rows[0]?.seq;
    if (seq != null) await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = ${table}`.execute(db);
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** The database was migrated by a newer version of Foros (a migration this one does not know): nothing was changed. */
export class NewerSchemaError extends Error {
  constructor(readonly migration: string) {
    super(`La base de datos ya tiene la migración ${migration}, que esta versión de Foros no conoce: la migró una versión más nueva. Use esa versión (o una posterior); no se cambió nada.`);
  }
}

/** Brings the database to the latest schema; throws with the failing migration's error. Answers the migrations it applied. */
export async function migrateToLatest(db: Kysely<Database>, options: { schema?: string } = {}): Promise<string[]> {
  const postgres = engineOf(db) === 'postgres';
  if (!postgres) await sql`PRAGMA foreign_keys = ON`.execute(db);
  // PostgreSQL: the same migrations with their DDL in PostgreSQL's words (engine.ts), all in one transaction and under
  // Kysely's advisory lock, so several processes starting at once migrate once.
  // A schema other than the default (the tests' own) keeps Kysely's migration tables there too.
  const migrator = new Migrator({ db: postgres ? db.withPlugin(new SqliteDdlForPostgres()) : db, provider, ...(options.schema ? { migrationTableSchema: options.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const newer = error instanceof Error ? /previously executed migration (\S+) is missing/.exec(error.message) : null;
  if (newer) throw new NewerSchemaError(newer[1]);
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

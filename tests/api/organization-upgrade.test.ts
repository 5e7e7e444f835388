import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { migrateToLatest, migrations } from '../../src/db/migrations';
import { SqliteDdlForPostgres, engineOf, tableNames } from '../../src/db/engine';
import { openPostgresDatabase } from '../../src/db/pg-driver';
import { postgresTestUrl } from '../support/postgres-test-database';
import { createApi } from '../../src/api/create-api';
import { forOrganization, organizationTables } from '../../src/db/org-scope';
import type { Database } from '../../src/db/schema';
import { fastIterations, freshTestDatabase, testEngine, testOrigin, testPassword } from '../support/test-api';

/**
 * An empty database of the suite's engine migrated only to 0023 (the previous version's schema), and how to migrate
 * it the rest of the way: in-memory SQLite, or a schema of its own on the PostgreSQL server (dropped after the test).
 */
async function previousVersionDatabase(): Promise<{ old: Kysely<Database>; migrate: () => Promise<void> }> {
  const provider = { getMigrations: async () => migrations };
  if (testEngine === 'postgres') {
    const schema = `upgrade_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const old = await openPostgresDatabase(postgresTestUrl!, { schema, poolSize: 2, migrate: false });
    onTestFinished(async () => {
      await old.destroy();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    });
    const migrator = new Migrator({ db: old.withPlugin(new SqliteDdlForPostgres()), provider, migrationTableSchema: schema });
    expect((await migrator.migrateTo('0023_postgres_forum_search')).error).toBeUndefined();
    return { old, migrate: () => migrateToLatest(old, { schema }).then(() => undefined) };
  }
  const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
  onTestFinished(() => old.destroy());
  await sql`PRAGMA foreign_keys = ON`.execute(old);
  expect((await new Migrator({ db: old, provider }).migrateTo('0023_postgres_forum_search')).error).toBeUndefined();
  return { old, migrate: () => migrateToLatest(old).then(() => undefined) };
}

/** The tables in an order where every row's references are copied before it. */
const copyOrder = [
  'users', 'sessions', 'areas', 'settings', 'consultations', 'consultation_topics', 'consultation_pending_imports', 'consultation_responses', 'forums', 'forum_questions',
  'forum_metrics', 'evaluation_responses', 'commitments', 'commitment_follow_ups', 'reports', 'report_sections', 'section_revisions', 'section_comments',
  'report_removed_forums', 'report_removed_sections', 'publication_settings', 'published_reports', 'citizen_questions', 'audit_log', 'login_attempts', 'rate_counters',
];

/** Every row of every table (but Kysely's bookkeeping), in a stable order, without `drop` columns. */
async function dump(db: Kysely<Database>, tables: string[], drop: string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))))).sort();
  }
  return out;
}

/**
 * Migration 0024 on a database made by the previous version: the 2022 demo (with its illustrative commitments and
 * evaluations, a question case, the published report) written by this version, copied row by row into a database
 * migrated only to 0023 (the previous version's schema), then migrated: all of it is organisation 1's, nothing lost.
 */
describe('migration 0024: an existing single-office database becomes organisation 1', () => {
  it('keeps every row of every table, in organisation 1 named after the published entity, and the app works on it', async () => {
    const current = await freshTestDatabase(true, true);
    const { old, migrate } = await previousVersionDatabase();
    const oldTables = await tableNames(old);
    expect(oldTables).not.toContain('organizations');
    expect([...oldTables].sort()).toEqual([...copyOrder].sort());
    // The previous version's rows: this version's demo without organization_id.
    for (const table of copyOrder) {
      const columns = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} limit 1`.execute(current)).rows[0];
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} ${columns && 'id' in columns ? sql`order by id` : sql``}`.execute(current);
      for (const row of rows) {
        const { organization_id: _org, ...values } = row;
        await old.insertInto(table as never).values(values as never).execute();
      }
      // PostgreSQL: the identity goes on after the copied ids (as SQLite's autoincrement does by itself).
      if (engineOf(old) === 'postgres' && columns && 'id' in columns) await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(old);
    }
    const before = await dump(old, oldTables);
    expect(before.forums!.length).toBeGreaterThan(0);
    expect(before.commitments!.length).toBeGreaterThan(0);
    expect(before.published_reports!.length).toBeGreaterThan(0);

    await migrate();

    // Nothing lost, nothing changed but the new column, every row in organisation 1.
    expect(await dump(old, oldTables, ['organization_id'])).toEqual(before);
    for (const table of organizationTables) {
      const { rows } = await sql<{ organization_id: number }>`select distinct organization_id from ${sql.table(table)}`.execute(old);
      expect(rows.map((r) => r.organization_id).filter((o) => o !== 1), table).toEqual([]);
    }
    const organizations = await old.selectFrom('organizations').selectAll().execute();
    expect(organizations).toHaveLength(1);
    expect(organizations[0]).toMatchObject({ id: 1, name: 'Instituto Distrital para la Protección de la Niñez y la Juventud — IDIPRON', time_zone: 'America/Bogota', active: 1 });
    expect(organizations[0]!.slug).toMatch(/^instituto-distrital-para-la-proteccion-de-la-ninez/);
    if (engineOf(old) === 'sqlite') expect(await sql`PRAGMA foreign_key_check`.execute(old).then((r) => r.rows)).toEqual([]);

    // The app on the upgraded database: the demo's accounts log in and see their data; a new report year works.
    const app = createApi({ db: old, passwordIterations: fastIterations });
    const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: testOrigin }, body: JSON.stringify({ username: 'editora', password: testPassword }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const session = (await (await app.request('/api/session', { headers: { cookie } })).json()) as { organization: { id: number } };
    expect(session.organization.id).toBe(1);
    const forums = (await (await app.request('/api/forums?year=2022', { headers: { cookie } })).json()) as { total: number };
    expect(forums.total).toBe(before.forums!.filter((f) => JSON.parse(f).year === 2022).length);
    expect((await app.request('/api/reports/2022', { headers: { cookie } })).status).toBe(200);
    expect((await app.request('/api/public/years/2022')).status).toBe(200);
    // The unique keys now per organisation: a second organisation saves the same year's settings.
    await old.insertInto('organizations').values({ name: 'Otra', slug: 'otra', created_at: '2026-12-01T00:00:00.000Z' }).execute();
    const other = forOrganization(old, 2);
    await other.insertInto('publication_settings').values({ year: 2022, settings: '{}', version: 1, updated_at: 'x', updated_by: 'x' }).execute();
    await other.insertInto('reports').values({ year: 2022, title: 'Informe', entity: 'Otra', strategy: '', prepared_by: '{}', version: 1, created_at: 'x', updated_at: 'x', created_by: 'x', updated_by: 'x' }).execute();
    expect(await old.selectFrom('reports').select('organization_id').where('year', '=', 2022).execute()).toHaveLength(2);
  });

  it('an empty database gets organisation 1, «Mi entidad», which a first start’s admin belongs to', async () => {
    const { old, migrate } = await previousVersionDatabase();
    await migrate();
    expect(await old.selectFrom('organizations').select(['id', 'name', 'slug']).execute()).toEqual([{ id: 1, name: 'Mi entidad', slug: 'mi-entidad' }]);
  });
});

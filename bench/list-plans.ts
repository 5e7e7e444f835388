/**
 * The staff lists' SQLite plans and timings on one office with many rows (issue 15, Task B of the logo branch):
 * `npx tsx bench/list-plans.ts [--optimize]`. Builds a fresh SQLite file (10,000 forums, 50,000 questions, 5,000
 * commitments, 20,000 consultation responses, 50,000 audit entries, metrics for every forum), runs each list through
 * the app's own query functions in organisation 1's scope, prints EXPLAIN QUERY PLAN of every statement it ran and
 * the minimum and median of 25 runs (the minimum is the figure least disturbed by a busy machine). With --optimize, `PRAGMA optimize` (with analysis_limit) runs first, as a server could at
 * start. Not part of `npm run bench`: a diagnostic.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest } from '../src/db/migrations';
import { forOrganization } from '../src/db/org-scope';
import { listQuestions } from '../src/db/question-queries';
import { listCommitments } from '../src/db/commitment-queries';
import { listResponses } from '../src/db/consultation-queries';
import { auditFor } from '../src/db/audit-queries';
import { listYearMetrics } from '../src/db/metrics-queries';
import { listForums } from '../src/db/forum-queries';
import type { Database } from '../src/db/schema';

const optimize = process.argv.includes('--optimize');
const dir = mkdtempSync(join(tmpdir(), 'foros-plans-'));
const sqlite = new BetterSqlite3(join(dir, 'plans.sqlite'));
sqlite.pragma('journal_mode = WAL');
const statements: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void statements.push(event.query) });

type Column = { name: string; type: string; notnull: number; dflt_value: unknown; pk: number };

/** Inserts `n` rows into `table`: every NOT NULL column without a default gets a neutral value, `values` the rest (SQL over `i`, 1..n). */
function fill(table: string, n: number, values: Record<string, string>) {
  const columns = (sqlite.prepare(`select * from pragma_table_info(?)`).all(table) as Column[]).filter((c) => !c.pk || c.name in values);
  const names: string[] = [];
  const exprs: string[] = [];
  for (const c of columns) {
    if (c.name in values) {
      names.push(c.name);
      exprs.push(values[c.name]!);
    } else if (c.notnull && c.dflt_value === null) {
      names.push(c.name);
      exprs.push(/int/i.test(c.type) ? '0' : /details|snapshot|settings|data|content|scores|channels|topics|value_group|counts|post_card|live_summary|since|value_groups|topic_ids|questions/i.test(c.name) ? `'{}'` : `''`);
    }
  }
  sqlite.exec(`with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ${n}) insert into ${table} (${names.join(', ')}) select ${exprs.join(', ')} from seq`);
}

const years = 'case i % 5 when 0 then 2022 when 1 then 2023 when 2 then 2024 when 3 then 2025 else 2026 end';
const date = `printf('%d-%02d-%02d', ${years}, 1 + i % 12, 1 + i % 28)`;

async function main() {
  await migrateToLatest(db);
  const now = "'2026-12-01T10:00:00.000Z'";
  fill('areas', 10, { id: 'i', name: "'Área ' || i" });
  fill('forums', 10_000, { id: 'i', title: "'Foro ' || i", theme: "'Tema'", search_text: "'foro ' || i || ' tema suba'", year: years, date, status: "case i % 3 when 0 then 'held' when 1 then 'planned' else 'cancelled' end", platform: "'youtube'", details: "'{}'", version: '1', created_at: now, updated_at: now });
  fill('forum_questions', 50_000, {
    id: 'i',
    forum_id: '1 + (i * 7) % 10000',
    position: 'i',
    text: "'Pregunta ' || i",
    year: years,
    status: "case i % 4 when 0 then 'recibida' when 1 then 'asignada' when 2 then 'respondida' else 'publicada' end",
    area_id: '1 + i % 10',
    due_date: `case when i % 10 = 0 then null else ${date} end`,
    received_at: date,
  });
  fill('commitments', 5_000, { id: 'i', forum_id: '1 + i % 10000', year: years, text: "'Compromiso ' || i", area: "'Área ' || (1 + i % 10)", due_date: date, status: "case i % 3 when 0 then 'pending' when 1 then 'in_progress' else 'done' end", progress: '0', version: '1', created_at: now, updated_at: now });
  fill('consultations', 1, { id: '1', year: '2026', title: "'Consulta'", channels: "'[]'", version: '1', created_at: now, updated_at: now });
  fill('consultation_responses', 20_000, { id: 'i', consultation_id: '1', date, channel: "case i % 2 when 0 then 'web' else 'email' end", value_group_kind: "'unspecified'", topics: "'[]'" });
  fill('audit_log', 50_000, { id: 'i', at: now, username: "'editora'", action: "'update'", entity: "case i % 2 when 0 then 'forum' else 'question' end", entity_id: '1 + i % 10000', changes: "'[]'" });
  fill('forum_metrics', 10_000, { forum_id: 'i', version: '1' });
  // --index "create index …": a candidate index, to compare plans and timings before adding it in a migration.
  for (let k = 0; k < process.argv.length; k++) if (process.argv[k] === '--index') sqlite.exec(process.argv[k + 1]!);
  if (optimize) {
    const t = performance.now();
    sqlite.pragma('analysis_limit = 400');
    sqlite.pragma('optimize = 0x10002');
    console.log(`PRAGMA optimize: ${(performance.now() - t).toFixed(1)} ms`);
  }

  const office = forOrganization(db, 1);
  const today = '2026-06-15';
  const cases: [string, () => Promise<unknown>][] = [
    ['questions, no filter', () => listQuestions(office, {}, today)],
    ['questions by year', () => listQuestions(office, { year: 2024 }, today)],
    ['questions by status', () => listQuestions(office, { status: 'asignada' }, today)],
    ['questions by year + status', () => listQuestions(office, { year: 2024, status: 'asignada' }, today)],
    ['questions by area', () => listQuestions(office, { areaId: 3 }, today)],
    ['questions by forum', () => listQuestions(office, { forumId: 77 }, today)],
    ['questions overdue', () => listQuestions(office, { due: 'overdue' }, today)],
    ['commitments, no filter', () => listCommitments(office, {}, today)],
    ['commitments by year', () => listCommitments(office, { year: 2024 }, today)],
    ['commitments by status', () => listCommitments(office, { status: 'done' }, today)],
    ['commitments by forum', () => listCommitments(office, { forumId: 77 }, today)],
    ['commitments search', () => listCommitments(office, { q: 'compromiso 12' }, today)],
    ['consultation responses', () => listResponses(office, 1, {})],
    ['consultation responses by channel', () => listResponses(office, 1, { channel: 'web' })],
    ['audit of a forum', () => auditFor(office, 'forum', 78)],
    ['metrics of a year', () => listYearMetrics(office, 2024)],
    ['forums by year + status (0026/0027)', () => listForums(office, { year: 2024, status: 'held', page: 1, pageSize: 20, sort: '-date' })],
  ];
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  for (const [name, run] of cases.filter(([n]) => !only || n.includes(only))) {
    statements.length = 0;
    await run();
    const ran = [...statements];
    const times: number[] = [];
    for (let k = 0; k < 25; k++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`\n## ${name}: min ${times[0]!.toFixed(2)} ms, median ${times[12]!.toFixed(2)} ms`);
    for (const s of ran) {
      if (!/^\s*select/i.test(s.sql) || s.sql.includes('pragma_data_version')) continue;
      const plan = (sqlite.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
      console.log(`  ${s.sql.slice(0, 140).replace(/\s+/g, ' ')}…\n    ${plan.join('\n    ')}`);
    }
  }
}

try {
  await main();
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

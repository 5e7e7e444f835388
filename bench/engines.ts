import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type KyselyPlugin } from 'kysely';
import { postgresPlugins } from '../src/db/engine';
import { forumStatuses, type ForumListQuery } from '../src/domain/forum';
import { listForums } from '../src/db/forum-queries';
import { forOrganization } from '../src/db/org-scope';
import { openPostgresDatabase } from '../src/db/pg-driver';
import type { Database } from '../src/db/schema';
import { startServer } from '../src/server/start-server';
import { benchYears, searchWords } from './seed-data';
import { seed } from './forums';
import { benchAdminPassword, benchIterations, benchReadsPerMinute, createWorkspace, login, startBenchServer } from './server';
import { createRandom, summarize, timed } from './stats';
import { ms, times, type ReportRow } from './report';
import { httpGet, keepAliveAgent, load, startSourceServer } from './processes';

/**
 * `npm run bench motores` (run it as `scripts/with-postgres.sh npm run bench motores`, or with TEST_DATABASE_URL set):
 * the forum list — search + year + status + page — over HTTP on SQLite and on PostgreSQL side by side, on the same
 * 100,000 forums of 100 organisations (1,000 each, interleaved: organisation k holds every hundredth forum), asked
 * by an account of organisation 1 (so the answer is one organisation's page among 100), each beside
 * the same two statements (count + page) the API ran, on the bare driver (better-sqlite3 prepared once; one pg
 * client). Both servers run in this process (src/server/start-server.ts), one request at a time.
 */
export const engineBenchForums = Number(process.env.BENCH_ENGINE_FORUMS ?? 100_000);

const section = 'Motores: lista de foros';

/** Organisations the forums are spread over (forum id i belongs to organisation 1 + (i - 1) mod n). */
export const engineBenchOrganizations = Number(process.env.BENCH_ENGINE_ORGANIZATIONS ?? 100);

/** Makes organisations 2…n and deals the seeded forums (and their questions) out to them, on the SQLite file. */
function spreadOverOrganizations(dbFile: string, organizations: number): void {
  const sqlite = new BetterSqlite3(dbFile);
  try {
    sqlite.transaction(() => {
      const insert = sqlite.prepare("insert into organizations (id, name, acronym, nit, slug, time_zone, colors, active, created_at, version) values (?, ?, '', '', ?, 'America/Bogota', '{}', 1, ?, 1)");
      for (let id = 2; id <= organizations; id++) insert.run(id, `Entidad de prueba ${id}`, `entidad-${id}`, new Date().toISOString());
      sqlite.prepare('update forums set organization_id = 1 + ((id - 1) % ?)').run(organizations);
      sqlite.prepare('update forum_questions set organization_id = (select f.organization_id from forums f where f.id = forum_questions.forum_id)').run();
    })();
    sqlite.prepare('analyze').run();
  } finally {
    sqlite.close();
  }
}

/** The rows of SQLite's forums and questions copied into PostgreSQL with their ids (multi-row inserts). */
async function copyToPostgres(dbFile: string, pgDb: Kysely<Database>): Promise<void> {
  const sqlite = new BetterSqlite3(dbFile, { readonly: true });
  try {
    // The trigram index is built once after the rows (faster than kept up to date row by row), as a restore would.
    await sql`drop index forums_search_trgm`.execute(pgDb);
    for (const table of ['organizations', 'forums', 'forum_questions'] as const) {
      // Organisation 1 is PostgreSQL's own (its migration made it); the others are copied with their ids.
      const rows = sqlite.prepare(`select * from ${table} ${table === 'organizations' ? 'where id > 1' : ''} order by id`).all() as Record<string, unknown>[];
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0] ?? {}).length || 1;
      const chunk = Math.floor(60_000 / columns);
      for (let i = 0; i < rows.length; i += chunk) await pgDb.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
      await sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`).execute(pgDb);
    }
    await sql`create index forums_search_trgm on forums using gin (search_text gin_trgm_ops)`.execute(pgDb);
    await sql`analyze`.execute(pgDb);
  } finally {
    sqlite.close();
  }
}

/** The SQL the API's list runs for a query, per engine, recorded from the query function itself. */
async function recordList(dialect: SqliteDialect | PostgresDialect, query: ForumListQuery, plugins: KyselyPlugin[] = []): Promise<{ sql: string; parameters: unknown[] }[]> {
  const log: { sql: string; parameters: unknown[] }[] = [];
  const db = new Kysely<Database>({ dialect, plugins, log: (event) => void log.push({ sql: event.query.sql, parameters: [...event.query.parameters] }) });
  // As the API runs it for the bench's account: scoped to organisation 1.
  await listForums(forOrganization(db, 1), query);
  return log;
}

function queryOf(path: string): ForumListQuery {
  const p = new URL(path, 'http://x').searchParams;
  return { q: p.get('q') ?? undefined, year: Number(p.get('year')), status: p.get('status') as ForumListQuery['status'], page: Number(p.get('page')), pageSize: 20, sort: '-date' };
}

export async function benchEngines(forums = engineBenchForums): Promise<ReportRow[]> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return [{ section, measure: 'PostgreSQL', value: 'sin servidor: defina TEST_DATABASE_URL o use scripts/with-postgres.sh', ok: false }];
  const rows: ReportRow[] = [];
  const workspace = createWorkspace();
  const stops: Array<() => Promise<unknown> | unknown> = [];
  const database = `foros_bench_${process.pid}`;
  const server = new pg.Client({ connectionString: url });
  await server.connect();
  try {
    const seeded = await seed(workspace.dbFile, forums);
    spreadOverOrganizations(workspace.dbFile, engineBenchOrganizations);
    rows.push({ section, measure: `SQLite: carga de ${forums.toLocaleString('es-CO')} foros + ${seeded.questions.toLocaleString('es-CO')} preguntas en ${engineBenchOrganizations} organizaciones`, value: ms(seeded.ms) });
    await server.query(`drop database if exists ${database}`);
    await server.query(`create database ${database}`);
    stops.push(() => server.query(`drop database if exists ${database} with (force)`));
    const pgUrl = new URL(url);
    pgUrl.pathname = `/${database}`;
    const pgDb = await openPostgresDatabase(pgUrl.toString(), { poolSize: 2 });
    const copied = await timed(() => copyToPostgres(workspace.dbFile, pgDb));
    await pgDb.destroy();
    rows.push({ section, measure: 'PostgreSQL: copia de los mismos foros y preguntas (inserciones de varias filas) + analyze', value: ms(copied.ms) });

    const sqliteServer = await startBenchServer(workspace.dbFile);
    stops.push(sqliteServer.close);
    const pgServer = await startServer({ port: 0, dbFile: '', databaseUrl: pgUrl.toString(), demo: false, adminPassword: benchAdminPassword, passwordIterations: benchIterations, logLevel: 'warn', readsPerMinute: Number(benchReadsPerMinute) });
    stops.push(pgServer.close);
    const cookies = { sqlite: await login(sqliteServer.url), postgres: await login(pgServer.url) };

    // Non-empty pages of search + year + status, the same URLs on both; both engines must answer the same bytes.
    const r = createRandom(15);
    const agent = keepAliveAgent(1);
    const paths: string[] = [];
    for (let tries = 0; paths.length < 100; tries++) {
      if (tries > 20_000) throw new Error(`Solo ${paths.length} páginas no vacías de búsqueda + vigencia + estado en la organización 1.`);
      const path = `/api/forums?${new URLSearchParams({ q: r.pick(searchWords), year: String(r.pick(benchYears)), status: r.pick(forumStatuses), page: String(r.int(1, 2)), pageSize: '20', sort: '-date' })}`;
      const a = await httpGet(sqliteServer.url + path, { cookie: cookies.sqlite }, agent);
      if ((JSON.parse(a.body) as { items: unknown[] }).items.length === 0) continue;
      const b = await httpGet(pgServer.url + path, { cookie: cookies.postgres }, agent);
      if (a.body !== b.body) throw new Error(`SQLite y PostgreSQL no responden lo mismo en ${path}:\n${a.body.slice(0, 300)}\n${b.body.slice(0, 300)}`);
      paths.push(path);
    }

    // The bare statements per engine.
    const sqliteFile = new BetterSqlite3(workspace.dbFile, { readonly: true });
    stops.push(() => sqliteFile.close());
    const pgPool = new pg.Pool({ connectionString: pgUrl.toString(), max: 1 });
    stops.push(() => pgPool.end());
    const pgClient = await pgPool.connect();
    stops.push(() => pgClient.release());
    const recorded = {
      sqlite: new Map<string, { sql: string; parameters: unknown[] }[]>(),
      postgres: new Map<string, { sql: string; parameters: unknown[] }[]>(),
    };
    const recordingPool = new pg.Pool({ connectionString: pgUrl.toString(), max: 2 });
    for (const path of paths) {
      recorded.sqlite.set(path, await recordList(new SqliteDialect({ database: sqliteFile }), queryOf(path)));
      recorded.postgres.set(path, await recordList(new PostgresDialect({ pool: recordingPool }), queryOf(path), postgresPlugins()));
    }
    await recordingPool.end().catch(() => {});
    const prepared = new Map<string, BetterSqlite3.Statement>();
    const bare = {
      sqlite: async (path: string) => {
        for (const s of recorded.sqlite.get(path)!) {
          let st = prepared.get(s.sql);
          if (!st) prepared.set(s.sql, (st = sqliteFile.prepare(s.sql)));
          st.all(s.parameters);
        }
      },
      postgres: async (path: string) => {
        for (const s of recorded.postgres.get(path)!) await pgClient.query(s.sql, s.parameters);
      },
    };

    const warmup = 30;
    const requests = Number(process.env.BENCH_ENGINE_REQUESTS ?? 400);
    for (const engine of ['sqlite', 'postgres'] as const) {
      const base = engine === 'sqlite' ? sqliteServer.url : pgServer.url;
      const apiSamples: number[] = [];
      const bareSamples: number[] = [];
      for (let i = 0; i < warmup + requests; i++) {
        const path = paths[i % paths.length];
        const t0 = performance.now();
        const { status } = await httpGet(base + path, { cookie: cookies[engine] }, agent);
        const t1 = performance.now();
        if (status !== 200) throw new Error(`HTTP ${status} en ${path} (${engine})`);
        await bare[engine](path);
        const t2 = performance.now();
        if (i >= warmup) {
          apiSamples.push(t1 - t0);
          bareSamples.push(t2 - t1);
        }
      }
      const [api, sql] = [summarize(apiSamples), summarize(bareSamples)];
      const ratio = api.p95 / sql.p95;
      rows.push({
        section,
        measure: `${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: búsqueda + vigencia + estado + página, HTTP p95 (p50) de ${api.count}`,
        value: `${ms(api.p95)} (${ms(api.p50)})`,
        baseline: `consulta sola: ${ms(sql.p95)} (${ms(sql.p50)})`,
        ratio: times(ratio),
        target: '≤ 20 ms y ≤ 3×',
        ok: api.p95 <= 20 && ratio <= 3,
      });
    }
    agent.destroy();

    // Scaling out: two server processes (`npm start`'s server from source, as a deployment runs `npm run serve` twice)
    // on the same PostgreSQL database behind a round-robin «balancer», 200 clients (each its own keep-alive connection)
    // for 30 s, half list pages and half forum details, one session made on the in-process server (sessions live in
    // the database, so it works on both).
    const clients = Number(process.env.BENCH_ENGINE_CLIENTS ?? 200);
    const seconds = Number(process.env.BENCH_ENGINE_SECONDS ?? 30);
    // Forums of organisation 1 (ids 1, 101, 201, …): the account's own.
    const details = paths.flatMap((path) => [path, `/api/forums/${1 + engineBenchOrganizations * r.int(0, Math.floor(forums / engineBenchOrganizations) - 1)}`]);
    const processes = await Promise.all([0, 1].map(() => startSourceServer('', { DATABASE_URL: pgUrl.toString(), DATABASE_POOL_SIZE: '20' })));
    for (const child of processes) stops.push(child.stop);
    const result = await load(processes.map((p) => p.origin), details, { cookie: cookies.postgres }, clients, seconds * 1000);
    if (result.errors > 0) console.error(`Errores con dos procesos:\n${result.failures.join('\n')}`);
    rows.push({
      section,
      measure: `PostgreSQL, 2 procesos, ${clients} clientes ${seconds} s (lista + detalle): respuestas/s, p95 (p50), errores`,
      value: `${Math.round(result.perSecond).toLocaleString('es-CO')}/s, ${ms(result.latency.p95)} (${ms(result.latency.p50)}), ${result.errors} errores de ${(result.latency.count + result.errors).toLocaleString('es-CO')}`,
      target: '0 errores',
      ok: result.errors === 0,
    });
  } finally {
    for (const stop of stops.reverse()) await stop();
    await server.end().catch(() => {});
    workspace.cleanup();
  }
  return rows;
}

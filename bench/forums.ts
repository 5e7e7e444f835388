import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { forumStatuses } from '../src/domain/forum';
import { insertForum } from '../src/db/forum-queries';
import type { Database } from '../src/db/schema';
import { createApi } from '../src/api/create-api';
import { findSessionUser } from '../src/db/user-queries';
import { benchYears, makeForum, searchWords } from './seed-data';
import { benchAdminPassword, benchReadsPerMinute, createWorkspace, login, startBenchServer, withDatabase } from './server';
import { createRandom, summarize, timed, type LatencySummary } from './stats';
import { ms, times, type ReportRow } from './report';
import { httpGet, keepAliveAgent, startChild, throughput } from './processes';
import { createMinimalServer } from './baselines/minimal-server.mjs';

/**
 * `npm run bench foros`: the forum list and detail of the real server (dist-server/, as `npm start` runs it) beside
 * two baselines measured in the same run on the same database:
 * - latency (the server in this process, over HTTP): the same SQL statements the API ran for each URL (recorded from the API itself, session lookup
 *   included), on bare better-sqlite3 with statements prepared once;
 * - throughput under concurrent clients (each server a child process): a minimal node:http server (bench/baselines/minimal-server.mjs) running
 *   that SQL and answering the same JSON bytes (checked here).
 * The list is measured on non-empty pages; the empty-page latency is reported apart.
 */
export interface ForumBenchOptions {
  forums: number;
  warmup: number;
  requests: number;
  clients: number;
  throughputMs: number;
  rounds: number;
}

export const defaultForumBench: ForumBenchOptions = { forums: 10_000, warmup: 50, requests: 500, clients: 20, throughputMs: 4000, rounds: 3 };

interface Statement {
  sql: string;
  parameters: unknown[];
}
export interface Entry {
  kind: 'list' | 'detail';
  statements: Statement[];
  body: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function seed(dbFile: string, count: number): Promise<{ ms: number; questions: number }> {
  const random = createRandom(2022);
  const seeded = await timed(() =>
    withDatabase(dbFile, (db) =>
      db.transaction().execute(async (tx) => {
        const now = new Date().toISOString();
        let questions = 0;
        for (let i = 0; i < count; i++) {
          const forum = makeForum(i, random);
          questions += forum.questions.length;
          await insertForum(tx, forum, 'bench', now);
        }
        return questions;
      }),
    ),
  );
  return { ms: seeded.ms, questions: seeded.value };
}

/**
 * Runs each URL through the API in this process on a Kysely that logs its SQL: the statements and the body. The
 * session lookup (which the API, too, runs on every request: auth.ts) is recorded once and put first in every entry,
 * so the baselines check the session in the database on every request as well.
 */
export async function createRecorder(dbFile: string, cookie: string) {
  let log: Statement[] = [];
  const sqlite = new BetterSqlite3(dbFile);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void log.push({ sql: event.query.sql, parameters: [...event.query.parameters] }) });
  const app = createApi({ db, readsPerMinute: Number(benchReadsPerMinute) });
  const token = cookie.split('=')[1];
  await findSessionUser(db, createHash('sha256').update(token).digest('hex'), new Date().toISOString(), new Date(Date.now() - 8 * 3600_000).toISOString());
  const session = log[0];
  return {
    session,
    record: async (path: string, kind: Entry['kind']): Promise<Entry> => {
      const res = await app.request(path, { headers: { cookie } });
      log = [];
      const again = await app.request(path, { headers: { cookie } });
      const body = await again.text();
      if (res.status !== 200 || again.status !== 200) throw new Error(`HTTP ${again.status} al grabar ${path}: ${body}`);
      // The session's lookup (and its touch, once a minute) are left out: the baseline checks the session itself.
      const statements = log.filter((s) => !s.sql.includes('"sessions"'));
      return { kind, statements: [session, ...statements], body };
    },
    close: () => db.destroy(),
  };
}

/** The recorded statements on bare better-sqlite3 (prepared once, like a hand-written server would). */
export function createBareRunner(dbFile: string) {
  const sqlite = new BetterSqlite3(dbFile, { readonly: true });
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    run: (entry: Entry, sessionParameters: (p: unknown[]) => unknown[]) =>
      entry.statements.map((s, i) => {
        let statement = prepared.get(s.sql);
        if (!statement) prepared.set(s.sql, (statement = sqlite.prepare(s.sql)));
        return statement.all(i === 0 ? sessionParameters(s.parameters) : s.parameters);
      }),
    close: () => sqlite.close(),
  };
}

/** Sequential requests, alternating API over HTTP and the same SQL on bare better-sqlite3, per URL. */
export async function latency(
  server: { url: string },
  paths: string[],
  entries: Record<string, Entry>,
  cookie: string,
  bare: ReturnType<typeof createBareRunner>,
  options: ForumBenchOptions,
  minimal?: { url: string },
) {
  const agent = keepAliveAgent(1);
  const apiSamples: number[] = [];
  const bareSamples: number[] = [];
  const minimalSamples: number[] = [];
  const sessionParameters = (p: unknown[]) => [p[0], new Date().toISOString(), ...p.slice(2)];
  for (let i = 0; i < options.warmup + options.requests; i++) {
    const path = paths[i % paths.length];
    const apiStart = performance.now();
    const { status } = await httpGet(server.url + path, { cookie }, agent);
    const apiMs = performance.now() - apiStart;
    if (status !== 200) throw new Error(`HTTP ${status} en ${path}`);
    const bareStart = performance.now();
    bare.run(entries[path], sessionParameters);
    const bareMs = performance.now() - bareStart;
    let minimalMs = 0;
    if (minimal) {
      const minimalStart = performance.now();
      const answer = await httpGet(minimal.url + path, { cookie }, agent);
      minimalMs = performance.now() - minimalStart;
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status} del servidor mínimo en ${path}`);
    }
    if (i >= options.warmup) {
      apiSamples.push(apiMs);
      bareSamples.push(bareMs);
      if (minimal) minimalSamples.push(minimalMs);
    }
  }
  agent.destroy();
  return { api: summarize(apiSamples), bare: summarize(bareSamples), minimal: minimal ? summarize(minimalSamples) : undefined };
}

function latencyRow(section: string, label: string, s: { api: LatencySummary; bare: LatencySummary; minimal?: LatencySummary }, target?: number): ReportRow {
  const ratio = s.api.p95 / s.bare.p95;
  // The HTTP floor beside it: the minimal node:http server with the same SQL and JSON, in this process too.
  const floor = s.minimal ? `; servidor mínimo (HTTP, misma SQL y JSON): ${ms(s.minimal.p95)} (${ms(s.minimal.p50)}), Foros = ${times(s.api.p95 / s.minimal.p95)}` : '';
  return {
    section,
    measure: `${label}: p95 (p50) de ${s.api.count}`,
    value: `${ms(s.api.p95)} (${ms(s.api.p50)})`,
    baseline: `SQL sola: ${ms(s.bare.p95)} (${ms(s.bare.p50)})${floor}`,
    ratio: times(ratio),
    target: target === undefined ? undefined : `≤ ${target}×`,
    ok: target === undefined ? undefined : ratio <= target,
  };
}

export async function benchForums(options: ForumBenchOptions = defaultForumBench): Promise<ReportRow[]> {
  const section = 'Foros (API)';
  const workspace = createWorkspace();
  const rows: ReportRow[] = [];
  const stops: Array<() => Promise<unknown> | unknown> = [];
  try {
    const seeded = await seed(workspace.dbFile, options.forums);
    rows.push({ section, measure: `Carga de ${options.forums.toLocaleString('es-CO')} foros + ${seeded.questions.toLocaleString('es-CO')} preguntas (1 transacción)`, value: ms(seeded.ms) });

    const server = await startChild(process.execPath, [process.env.BENCH_SERVER ?? 'dist-server/main.mjs'], { PORT: '0', HOST: '127.0.0.1', FOROS_DB: workspace.dbFile, FOROS_DEMO: '0', FOROS_ADMIN_PASSWORD: benchAdminPassword, FOROS_READS_PER_MINUTE: benchReadsPerMinute });
    stops.push(server.stop);
    const cookie = await login(server.url);

    // The workload: URLs with the statements the API ran for each, and its answer.
    const recorder = await createRecorder(workspace.dbFile, cookie);
    stops.push(recorder.close);
    const entries: Record<string, Entry> = {};
    const r = createRandom(7);
    const listPaths: string[] = [];
    const emptyPaths: string[] = [];
    const listQuery = (page: number, q: string, year: number, status: string) => `/api/forums?${new URLSearchParams({ q, year: String(year), status, page: String(page), pageSize: '20', sort: '-date' })}`;
    while (listPaths.length < 200) {
      const [q, year, status] = [r.pick(searchWords), r.pick(benchYears), r.pick(forumStatuses)];
      for (const page of [2, 1]) {
        const path = listQuery(page, q, year, status);
        const entry = await recorder.record(path, 'list');
        entries[path] = entry;
        if ((JSON.parse(entry.body) as { items: unknown[] }).items.length > 0) {
          listPaths.push(path);
          break;
        }
        if (emptyPaths.length < 200) emptyPaths.push(path);
      }
    }
    const searchPaths: string[] = [];
    for (let i = 0; i < 200; i++) {
      const path = `/api/forums?${new URLSearchParams({ q: r.pick(searchWords), page: String(r.int(1, 5)), pageSize: '20', sort: r.pick(['-date', 'title', '-updatedAt']) })}`;
      entries[path] = await recorder.record(path, 'list');
      searchPaths.push(path);
    }
    const unfilteredPaths: string[] = [];
    for (let i = 0; i < 200; i++) {
      const path = `/api/forums?${new URLSearchParams({ page: String(r.int(1, 500)), pageSize: '20', sort: '-date' })}`;
      entries[path] = await recorder.record(path, 'list');
      unfilteredPaths.push(path);
    }
    const detailPaths: string[] = [];
    for (let i = 0; i < 200; i++) {
      const path = `/api/forums/${r.int(1, options.forums)}`;
      entries[path] = await recorder.record(path, 'detail');
      detailPaths.push(path);
    }
    const sessionStatement = recorder.session;

    const workloadFile = join(workspace.dir, 'workload.json');
    writeFileSync(workloadFile, JSON.stringify({ sessionSql: sessionStatement.sql, sessionParameters: sessionStatement.parameters, entries }));
    const minimal = await startChild(process.execPath, ['bench/baselines/minimal-server.mjs', workspace.dbFile, workloadFile]);
    stops.push(minimal.stop);

    // The baseline must answer the same bytes as the API, or the comparison means nothing.
    const agent = keepAliveAgent(1);
    for (const path of [...listPaths.slice(0, 20), ...detailPaths.slice(0, 20)]) {
      const [api, base] = [await httpGet(server.url + path, { cookie }, agent), await httpGet(minimal.url + path, { cookie }, agent)];
      if (api.body !== base.body) throw new Error(`El servidor mínimo no responde lo mismo que la API en ${path}:\n${api.status} ${api.body.slice(0, 300)}\n${base.status} ${base.body.slice(0, 300)}`);
    }
    agent.destroy();

    // Latency: the same server code in this process (src/server/start-server.ts), so a sequential request does not
    // wait for the scheduler to switch processes on a busy machine; the bare SQL runs in this process too.
    const local = await startBenchServer(workspace.dbFile);
    stops.push(local.close);
    const bare = createBareRunner(workspace.dbFile);
    stops.push(bare.close);
    const localMinimal = createMinimalServer(workspace.dbFile, JSON.parse(readFileSync(workloadFile, 'utf8')));
    await new Promise<void>((ready) => localMinimal.listen(0, '127.0.0.1', () => ready()));
    stops.push(() => new Promise((done) => localMinimal.close(done)));
    const localMinimalUrl = { url: `http://127.0.0.1:${(localMinimal.address() as AddressInfo).port}` };
    rows.push(latencyRow(section, 'Lista (búsqueda + filtro + página, páginas con resultados)', await latency(local, listPaths, entries, cookie, bare, options, localMinimalUrl), 3));
    rows.push(latencyRow(section, 'Detalle /api/forums/:id (id al azar)', await latency(local, detailPaths, entries, cookie, bare, options, localMinimalUrl), 5));
    rows.push(latencyRow(section, 'Lista, páginas vacías (aparte)', await latency(local, emptyPaths, entries, cookie, bare, options)));
    rows.push(latencyRow(section, 'Lista, solo búsqueda (orden variable)', await latency(local, searchPaths, entries, cookie, bare, options)));
    rows.push(latencyRow(section, 'Lista sin filtro, páginas 1–500', await latency(local, unfilteredPaths, entries, cookie, bare, options)));

    // Throughput: rounds alternate which server goes first; the median of the rounds.
    for (const [label, paths] of [
      ['Lista', listPaths],
      ['Detalle', detailPaths],
    ] as const) {
      await throughput(server.url, paths, { cookie }, options.clients, 1000);
      await throughput(minimal.url, paths, { cookie }, options.clients, 1000);
      const apiRuns: number[] = [];
      const baseRuns: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const order = round % 2 === 0 ? ([server, minimal] as const) : ([minimal, server] as const);
        for (const target of order) (target === server ? apiRuns : baseRuns).push(await throughput(target.url, paths, { cookie }, options.clients, options.throughputMs));
      }
      const [api, base] = [median(apiRuns), median(baseRuns)];
      rows.push({
        section,
        measure: `${label} con ${options.clients} clientes simultáneos: respuestas/s (mediana de ${options.rounds})`,
        value: api.toFixed(0),
        baseline: `servidor mínimo: ${base.toFixed(0)}`,
        ratio: times(api / base),
        target: '≥ 0.9×',
        ok: api / base >= 0.9,
      });
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
    workspace.cleanup();
  }
  return rows;
}

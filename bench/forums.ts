import { forumStatuses } from '../src/domain/forum';
import { insertForum } from '../src/db/forum-queries';
import { benchYears, makeForum, searchWords } from './seed-data';
import { createWorkspace, login, startBenchServer, withDatabase } from './server';
import { createRandom, summarize, timed, type LatencySummary } from './stats';
import { ms, type ReportRow } from './report';

export interface ForumBenchOptions {
  forums: number;
  warmup: number;
  listRequests: number;
  detailRequests: number;
  /** p95 target for the list request, in ms. */
  listTargetP95: number;
}

export const defaultForumBench: ForumBenchOptions = { forums: 10_000, warmup: 50, listRequests: 500, detailRequests: 500, listTargetP95: 20 };

/** Sequential GETs over real HTTP; returns each request's latency (body fully read). */
async function measure(urls: () => string, cookie: string, warmup: number, count: number): Promise<{ summary: LatencySummary; lastBody: unknown }> {
  let lastBody: unknown = null;
  const once = async () => {
    const res = await fetch(urls(), { headers: { cookie } });
    const body: unknown = await res.json();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
    return body;
  };
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const { ms: elapsed, value } = await timed(once);
    samples.push(elapsed);
    lastBody = value;
  }
  return { summary: summarize(samples), lastBody };
}

const latencyRows = (section: string, label: string, s: LatencySummary, targetP95?: number): ReportRow[] => [
  {
    section,
    measure: `${label}: p50 / p95 / máx (n=${s.count})`,
    value: `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`,
    target: targetP95 === undefined ? undefined : `p95 ≤ ${targetP95} ms`,
    ok: targetP95 === undefined ? undefined : s.p95 <= targetP95,
  },
];

/** Seeds a temporary database, serves it with the real server and times the forum list and detail over HTTP. */
export async function benchForums(options: ForumBenchOptions = defaultForumBench): Promise<ReportRow[]> {
  const section = 'Foros (API)';
  const workspace = createWorkspace();
  const rows: ReportRow[] = [];
  try {
    const random = createRandom(2022);
    const seeded = await timed(() =>
      withDatabase(workspace.dbFile, (db) =>
        db.transaction().execute(async (tx) => {
          const now = new Date().toISOString();
          let questions = 0;
          for (let i = 0; i < options.forums; i++) {
            const forum = makeForum(i, random);
            questions += forum.questions.length;
            await insertForum(tx, forum, 'bench', now);
          }
          return questions;
        }),
      ),
    );
    rows.push({ section, measure: `Carga de ${options.forums.toLocaleString('es-CO')} foros + ${seeded.value.toLocaleString('es-CO')} preguntas (1 transacción)`, value: ms(seeded.ms) });

    const server = await startBenchServer(workspace.dbFile);
    try {
      const cookie = await login(server.url);
      const r = createRandom(7);

      const list = await measure(
        () => {
          const params = new URLSearchParams({
            q: r.pick(searchWords),
            year: String(r.pick(benchYears)),
            status: r.pick(forumStatuses),
            page: '2',
            pageSize: '20',
            sort: '-date',
          });
          return `${server.url}/api/forums?${params}`;
        },
        cookie,
        options.warmup,
        options.listRequests,
      );
      rows.push(...latencyRows(section, 'Lista (búsqueda + filtro + página)', list.summary, options.listTargetP95));

      const searchOnly = await measure(
        () => `${server.url}/api/forums?${new URLSearchParams({ q: r.pick(searchWords), page: String(r.int(1, 5)), pageSize: '20', sort: r.pick(['-date', 'title', '-updatedAt']) })}`,
        cookie,
        options.warmup,
        options.listRequests,
      );
      rows.push(...latencyRows(section, 'Lista (solo búsqueda, orden variable)', searchOnly.summary));

      const unfiltered = await measure(
        () => `${server.url}/api/forums?${new URLSearchParams({ page: String(r.int(1, 500)), pageSize: '20', sort: '-date' })}`,
        cookie,
        options.warmup,
        options.listRequests,
      );
      rows.push(...latencyRows(section, 'Lista (sin filtro, página 1–500)', unfiltered.summary));

      const detail = await measure(() => `${server.url}/api/forums/${r.int(1, options.forums)}`, cookie, options.warmup, options.detailRequests);
      rows.push(...latencyRows(section, 'Detalle /api/forums/:id (id al azar)', detail.summary));
    } finally {
      await server.close();
    }
  } finally {
    workspace.cleanup();
  }
  return rows;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Agent, request } from 'node:http';
import { bogotaToday } from '../src/domain/bogota-date';
import { benchAdminPassword, createWorkspace } from './server';
import { summarize, type LatencySummary } from './stats';
import { ms, times, type ReportRow } from './report';
import { startSourceServer } from './processes';

/**
 * `npm run bench participa-votos` (issue 14): citizens vote in the consultation from many addresses while a person
 * of the office uses the app.
 *
 * The server runs the 2022 demo as its own process (its event loop is not the bench's), with its real settings:
 * the socket's address is the client's (no FOROS_TRUST_PROXY), the forms' minimum time-to-submit is the default
 * 3 s. The office's steps go through the API: a consultation of the current year, open, published and open to
 * votes on the public page.
 *
 * Each vote is a citizen without JavaScript: a new browser (an empty cookie jar), from its own address on
 * 127.0.0.0/8 (each socket bound to 127.1.x.y), that loads `/participa/<year>`, reads the form's signed stamp and
 * topics out of the HTML, waits the minimum time as a person reads, and submits the HTML form
 * (application/x-www-form-urlencoded, with the Origin a browser sends). The server answers 303 to the thanks page
 * (`resultado=ok`) or to the reason it refused. Votes start at a fixed rate (open loop: a slow answer does not slow
 * the arrivals) for the run's length. One citizen in 50 submits again from the same browser (its cookie): that
 * must be refused and not counted. Addresses are reused round robin: at 200/s for 60 s each of the 2,000 sends 6
 * votes, and the 40 whose citizens also try a second vote send 12 — within the per-address limit (30 at once, then
 * one every 20 s: voteLimits.perAddress), which refused 40 of them under the old 10-a-minute window.
 *
 * Meanwhile the office's person, logged in, reads the forum list, the 2022 report and a forum (a few requests a
 * second over one kept-alive connection). At the end the tally (through the API) must equal the accepted votes,
 * in total and per topic.
 *
 * The baseline (same run, first): the same citizens against a minimal node:http server that answers the real page's
 * bytes and a 303 to every vote — what the machine and the load generator cost by themselves.
 *
 * FOROS_BENCH_VOTE_SECONDS shortens the run for a quick try (default 60, the issue's); FOROS_BENCH_VOTE_RATE
 * changes the rate (default 200 a second).
 */

export interface VoteLoadOptions {
  seconds: number;
  perSecond: number;
  addresses: number;
  adminPerSecond: number;
  /** The server's minimum time-to-submit (the citizen waits it, and a little more, before sending). */
  readMs: number;
}

const envNumber = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} no válido: «${raw}»`);
  return value;
};

export const defaultVoteLoad = (): VoteLoadOptions => ({
  seconds: envNumber('FOROS_BENCH_VOTE_SECONDS', 60),
  perSecond: envNumber('FOROS_BENCH_VOTE_RATE', 200),
  addresses: 2_000,
  adminPerSecond: 5,
  readMs: 3_050,
});

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One request on its own connection from `localAddress` (a browser of its own), or on `agent`. */
function send(port: number, method: string, path: string, o: { headers?: Record<string, string>; body?: string; localAddress?: string; agent?: Agent } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: o.headers, localAddress: o.localAddress, agent: o.agent ?? false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

interface ChildServer {
  port: number;
  /** CPU seconds (user + system) the server process has used so far (Linux /proc; NaN elsewhere). */
  cpuSeconds: () => number;
  origin: string;
  stop: () => Promise<void>;
}

/** The server as `npm start` runs it (from source here), with the 2022 demo, on a free port of 127.0.0.1. */
async function startChildServer(dbFile: string): Promise<ChildServer> {
  // FOROS_BENCH_VOTE_PROFILE=<dir>: the server writes a CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.FOROS_BENCH_VOTE_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.FOROS_BENCH_VOTE_PROFILE] : [];
  const server = await startSourceServer(dbFile, { FOROS_DEMO: '1', FOROS_TRUST_PROXY: '0' }, profile);
  return { ...server, cpuSeconds: () => cpuSecondsOf(server.pid) };
}

/** CPU seconds (user + system) process `pid` has used (Linux /proc; NaN elsewhere). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const cookieOf = (answer: Answer) => {
  const raw = answer.headers['set-cookie'];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map((c) => c.split(';')[0]).join('; ');
};

/** 127.1.x.y, y in 1…254: `count` distinct loopback addresses. */
export function loopbackAddresses(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `127.1.${Math.floor(i / 254)}.${(i % 254) + 1}`);
}

/** The office's steps through the API: the year's consultation, open, published and open to votes. */
async function openConsultation(server: ChildServer, cookie: string, year: number): Promise<{ id: number; topicIds: number[] }> {
  const json = { 'content-type': 'application/json', origin: server.origin, cookie };
  const today = bogotaToday(new Date());
  const created = await send(server.port, 'POST', '/api/consultations', {
    headers: json,
    body: JSON.stringify({
      year,
      title: `Consulta ciudadana ${year}`,
      openDate: `${year}-01-01`,
      closeDate: today > `${year}-12-30` ? today : `${year}-12-31`,
      channels: ['web', 'foros'],
      status: 'open',
      note: '',
      topics: ['Políticas públicas de juventud', 'Modelo Integrado de Planeación y Gestión', 'Causas ciudadanas', 'Entornos protectores'].map((title) => ({ title, description: '', proposingTeam: '' })),
    }),
  });
  if (created.status !== 201) throw new Error(`No se pudo crear la consulta: ${created.status} ${created.body}`);
  const id = (JSON.parse(created.body) as { id: number }).id;
  const full = JSON.parse((await send(server.port, 'GET', `/api/consultations/${id}`, { headers: { cookie } })).body) as { topics: { id: number }[] };
  const state = JSON.parse((await send(server.port, 'GET', `/api/publication/${year}`, { headers: { cookie } })).body) as { settings: { show: Record<string, boolean> }; version: number };
  const put = await send(server.port, 'PUT', `/api/publication/${year}`, {
    headers: json,
    body: JSON.stringify({ ...state.settings, entityName: 'Entidad de prueba', consultationOpen: true, show: { ...state.settings.show, calendar: true, consultation: true }, version: state.version }),
  });
  if (put.status !== 200) throw new Error(`No se pudo publicar la consulta: ${put.status} ${put.body}`);
  return { id, topicIds: full.topics.map((t) => t.id) };
}

async function login(server: ChildServer): Promise<string> {
  const res = await send(server.port, 'POST', '/api/session', {
    headers: { 'content-type': 'application/json', origin: server.origin },
    body: JSON.stringify({ username: 'admin', password: benchAdminPassword }),
    localAddress: '127.0.0.1',
  });
  if (res.status !== 200) throw new Error(`No se pudo iniciar sesión: ${res.status} ${res.body}`);
  return cookieOf(res);
}

interface Tally {
  totalResponses: number;
  byTopic: { topicId: number; votes: number; byChannel: Record<string, number> }[];
  byChannel: Record<string, number>;
  webBursts?: unknown[];
}

const sleep = (msToWait: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, msToWait)));

/** Where the citizens vote: the real server, or the minimal one of the baseline. */
interface VoteTarget {
  port: number;
  origin: string;
  pagePath: string;
  votePath: string;
  topicIds: number[];
}

interface CitizenRun {
  votes: number[];
  pages: number[];
  accepted: number;
  expected: Map<number, number>;
  secondTries: number;
  secondRefused: number;
  errors: Map<string, number>;
  lateStarts: number;
  /** Seconds to start every vote; seconds until the last answer. */
  sentIn: number;
  wall: number;
}

/** Starts `seconds × perSecond` citizens at a fixed rate (open loop) against `target`, and waits for all. */
async function citizensVote(target: VoteTarget, options: VoteLoadOptions): Promise<CitizenRun> {
  const addresses = loopbackAddresses(options.addresses);
  const run: CitizenRun = { votes: [], pages: [], accepted: 0, expected: new Map(), secondTries: 0, secondRefused: 0, errors: new Map(), lateStarts: 0, sentIn: 0, wall: 0 };
  const error = (what: string) => run.errors.set(what, (run.errors.get(what) ?? 0) + 1);

  /** Loads the page and sends the form once from this browser (`jar`); the Location's `resultado`. */
  async function submit(localAddress: string, jar: string, choice: number[]): Promise<{ result: string; jar: string } | null> {
    let start = performance.now();
    const page = await send(target.port, 'GET', target.pagePath, { localAddress, headers: jar ? { cookie: jar } : {} });
    run.pages.push(performance.now() - start);
    const token = /name="formToken" value="([^"]+)"/.exec(page.body)?.[1];
    if (page.status !== 200 || !token || !page.body.includes(`action="${target.votePath}"`)) {
      error(`página ${page.status}${token ? '' : ' sin formulario'}`);
      return null;
    }
    await sleep(options.readMs);
    const form = new URLSearchParams();
    for (const id of choice) form.append('topicIds', String(id));
    form.append('proposedTopic', '');
    form.append('valueGroupKind', 'external');
    form.append('valueGroup', 'Ciudadanía');
    form.append('locality', 'Ciudad Bolívar');
    form.append('website', '');
    form.append('formToken', token);
    start = performance.now();
    const answer = await send(target.port, 'POST', target.votePath, {
      localAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: target.origin, ...(jar ? { cookie: jar } : {}) },
      body: form.toString(),
    });
    run.votes.push(performance.now() - start);
    const result = /resultado=(\w+)/.exec(String(answer.headers.location ?? ''))?.[1];
    if (answer.status !== 303 || !result) {
      error(`voto HTTP ${answer.status}`);
      return null;
    }
    return { result, jar: [jar, cookieOf(answer)].filter(Boolean).join('; ') };
  }

  async function citizen(k: number): Promise<void> {
    const localAddress = addresses[k % addresses.length]!;
    const topics = target.topicIds;
    // Deterministic choices: one or two of the topics.
    const choice = k % 3 === 0 ? [topics[k % topics.length]!, topics[(k + 1) % topics.length]!] : [topics[k % topics.length]!];
    try {
      const first = await submit(localAddress, '', choice);
      if (!first) return;
      if (first.result !== 'ok') return void error(`voto rechazado: ${first.result}`);
      run.accepted++;
      for (const id of choice) run.expected.set(id, (run.expected.get(id) ?? 0) + 1);
      if (k % 50 === 0) {
        run.secondTries++;
        const again = await submit(localAddress, first.jar, choice);
        if (again?.result === 'twice') run.secondRefused++;
        else if (again) error(`segundo voto del mismo navegador: ${again.result}`);
      }
    } catch (e) {
      error(`conexión: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  const total = Math.round(options.seconds * options.perSecond);
  const interval = 1000 / options.perSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = started + k * interval;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    else if (wait < -100) run.lateStarts++;
    inFlight.push(citizen(k));
  }
  run.sentIn = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  run.wall = (performance.now() - started) / 1000;
  return run;
}

/**
 * The baseline: a minimal node:http server (no framework, no database, no checks) that answers the page with the
 * real page's bytes and every vote with the same 303 and cookie. The same citizens against it, in the same run,
 * show what the machine and the load generator cost by themselves.
 */
const minimalServer = String.raw`
const { createServer } = require('node:http');
const page = Buffer.from(process.env.PAGE, 'base64');
const s = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
    return res.end(page);
  }
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const twice = /foros_voto_/.test(req.headers.cookie || '');
    res.writeHead(303, { location: process.env.RESULT + (twice ? 'twice' : 'ok'), ...(twice ? {} : { 'set-cookie': 'foros_voto_1=x.y; Path=/; HttpOnly' }), 'content-length': 0 });
    res.end();
  });
});
s.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => console.log('listo en http://localhost:' + s.address().port));
`;

async function startMinimalServer(page: string, resultPrefix: string): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', minimalServer], { env: { ...process.env, PAGE: Buffer.from(page).toString('base64'), RESULT: resultPrefix }, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const found = /listo en http:\/\/localhost:(\d+)/.exec(out);
      if (found) resolve(Number(found[1]));
    });
    child.on('exit', (code) => reject(new Error(`El servidor mínimo terminó (${code})`)));
  });
  child.stdout?.resume();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    cpuSeconds: () => cpuSecondsOf(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function benchParticipaVotes(options: VoteLoadOptions = defaultVoteLoad()): Promise<ReportRow[]> {
  const workspace = createWorkspace();
  const server = await startChildServer(workspace.dbFile);
  const section = 'participa-votos';
  try {
    const cookie = await login(server);
    const year = Number(bogotaToday(new Date()).slice(0, 4));
    const consultation = await openConsultation(server, cookie, year);
    const target: VoteTarget = { port: server.port, origin: server.origin, pagePath: `/participa/${year}`, votePath: `/api/public/years/${year}/consultation/votes`, topicIds: consultation.topicIds };

    // The baseline first, with the real page's bytes.
    const realPage = (await send(server.port, 'GET', target.pagePath, { localAddress: '127.0.0.1' })).body;
    const minimal = await startMinimalServer(realPage, `/participa/${year}/voto?resultado=`);
    let base: CitizenRun;
    let baseCpu: number;
    try {
      const before = minimal.cpuSeconds();
      base = await citizensVote({ ...target, port: minimal.port, origin: minimal.origin }, options);
      baseCpu = minimal.cpuSeconds() - before;
    } finally {
      await minimal.stop();
    }

    // The office's person meanwhile: forum list, the report, a forum, over one kept-alive connection.
    const adminAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const adminPaths = ['/api/forums?year=2022&page=1', '/api/reports/2022', '/api/forums?q=juventud', `/api/consultations/${consultation.id}`];
    const admin: number[] = [];
    let adminErrors = 0;
    let running = true;
    const office = (async () => {
      let i = 0;
      while (running) {
        const start = performance.now();
        try {
          const res = await send(server.port, 'GET', adminPaths[i++ % adminPaths.length]!, { headers: { cookie }, agent: adminAgent });
          if (res.status !== 200) adminErrors++;
        } catch {
          adminErrors++;
        }
        admin.push(performance.now() - start);
        await sleep(1000 / options.adminPerSecond - (performance.now() - start));
      }
    })();

    const load = loadavg()[0]!;
    const cpuBefore = server.cpuSeconds();
    const ownCpuBefore = process.cpuUsage();
    const run = await citizensVote(target, options);
    const serverCpu = server.cpuSeconds() - cpuBefore;
    const ownCpu = process.cpuUsage(ownCpuBefore);
    running = false;
    await office;
    adminAgent.destroy();

    const tally = JSON.parse((await send(server.port, 'GET', `/api/consultations/${consultation.id}/tally`, { headers: { cookie } })).body) as Tally;
    const topicsMatch = consultation.topicIds.every((id) => (tally.byTopic.find((t) => t.topicId === id)?.byChannel.foros ?? -1) === (run.expected.get(id) ?? 0));
    const counted = tally.totalResponses === run.accepted && tally.byChannel.foros === run.accepted && topicsMatch;
    const errorCount = (r: CitizenRun) => [...r.errors.values()].reduce((a, b) => a + b, 0);
    const errorText = (r: CitizenRun) => (errorCount(r) === 0 ? '0' : `${errorCount(r)}: ${[...r.errors].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    const total = Math.round(options.seconds * options.perSecond);
    const v = summarize(run.votes);
    const bv = summarize(base.votes);
    const a = summarize(admin);
    const p = summarize(run.pages);
    const bp = summarize(base.pages);
    const latency = (s: LatencySummary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;
    const perCitizen = (cpu: number, r: CitizenRun) => `${((cpu / Math.max(1, r.votes.length)) * 1000).toFixed(2)} ms`;
    return [
      { section, measure: `votos: ${total} en ${options.seconds} s (${options.perSecond}/s, enviados en ${run.sentIn.toFixed(1)} s) desde ${options.addresses} direcciones 127.1.x.y; carga al empezar ${load.toFixed(1)}`, value: `${run.accepted} aceptados`, baseline: `${base.accepted}`, target: `${total}`, ok: run.accepted === total },
      { section, measure: 'voto (POST del formulario → 303) p50 / p95 / máx.', value: latency(v), baseline: latency(bv), ratio: times(v.p95 / bv.p95), target: 'p95 ≤ 100 ms', ok: v.p95 <= 100 },
      { section, measure: 'errores (conexión, HTTP, rechazos de un primer voto)', value: errorText(run), baseline: errorText(base), target: '0', ok: errorCount(run) === 0 },
      { section, measure: 'conteo después (API) = votos aceptados, total y por tema', value: `${tally.totalResponses} = ${run.accepted}${topicsMatch ? ', temas iguales' : ', temas distintos'}`, target: '0 perdidos ni dobles', ok: counted },
      { section, measure: 'segundo voto del mismo navegador (1 de cada 50): rechazado', value: `${run.secondRefused} de ${run.secondTries}`, target: 'todos', ok: run.secondRefused === run.secondTries },
      { section, measure: 'página /participa/<año> cargada por cada votante p50 / p95 / máx.', value: latency(p), baseline: latency(bp), ratio: times(p.p95 / bp.p95) },
      { section, measure: `oficina (sesión iniciada: lista de foros, informe, foro, consulta; ${options.adminPerSecond}/s) p50 / p95 / máx., errores`, value: `${latency(a)}, ${adminErrors} errores (${a.count} peticiones)`, target: 'p95 ≤ 50 ms', ok: a.p95 <= 50 && adminErrors === 0 },
      { section, measure: 'CPU del servidor por votante (página + voto)', value: perCitizen(serverCpu, run), baseline: perCitizen(baseCpu, base) },
      { section, measure: 'CPU del servidor / del generador, tiempo de reloj', value: `${serverCpu.toFixed(1)} s / ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)} s en ${run.wall.toFixed(1)} s (${((serverCpu / run.wall) * 100).toFixed(0)} % de un núcleo el servidor)` },
      { section, measure: 'ráfagas señaladas en el conteo (la oficina puede descartarlas)', value: String(tally.webBursts?.length ?? 0) },
      { section, measure: 'votos que el generador empezó con más de 100 ms de retraso', value: String(run.lateStarts), baseline: String(base.lateStarts) },
    ];
  } finally {
    await server.stop();
    workspace.cleanup();
  }
}

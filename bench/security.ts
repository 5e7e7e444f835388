import { Agent, request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { createApi } from '../src/api/create-api';
import { bootstrap } from '../src/api/bootstrap';
import { openNodeDatabase, type Synchronous } from '../src/db/node-driver';
import { suggestMapping } from '../src/domain/consultation-import';
import { benchConsultation, googleFormsExport } from './consultations';
import { makeForum } from './seed-data';
import { benchAdminPassword, benchIterations, createWorkspace, withDatabase } from './server';
import { createRandom, summarize, type LatencySummary } from './stats';
import { ms, type ReportRow } from './report';
import { startSourceServer } from './processes';

/**
 * `npm run bench seguridad` (issue 9): the server under hostile traffic, as a separate process (its event loop is
 * not the bench's):
 * - 4 connections flood the login with hostile bodies (1 MB of nested arrays with its Content-Length, 4 KB of
 *   nesting, 1 MB sent in chunks) for 10 s while another user's GET /api/session is timed;
 * - the same with unknown user names from 250 addresses, over 50.000 live throttling counters;
 * - another user's requests while a 100.000-row consultation is imported (dry run, then saved);
 * - the cost of synchronous=FULL against NORMAL on a write (in this process, SQLite files).
 */

export interface SecurityBenchOptions {
  floodMs: number;
  connections: number;
  importRows: number;
  seededCounters: number;
  writes: number;
}

export const defaultSecurityBench: SecurityBenchOptions = { floodMs: 10_000, connections: 4, importRows: 100_000, seededCounters: 50_000, writes: 300 };

/** The server on the file, from source, demo off. */
const startChildServer = (dbFile: string) => startSourceServer(dbFile, { FOROS_DEMO: '0' });
type ChildServer = Awaited<ReturnType<typeof startChildServer>>;

interface Answer {
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
}

/** One request; `null` when the connection was cut (the server closed it while the body was still going). */
function send(port: number, method: string, path: string, options: { headers?: Record<string, string>; body?: Buffer; chunks?: Buffer[]; localAddress?: string; agent?: Agent | false } = {}): Promise<Answer | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: options.headers, localAddress: options.localAddress, agent: options.agent ?? false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), headers: res.headers }));
      res.on('error', () => resolve(null));
    });
    req.on('error', () => resolve(null));
    if (options.chunks) {
      const chunks = [...options.chunks];
      const next = () => {
        const chunk = chunks.shift();
        if (!chunk) return req.end();
        if (req.write(chunk)) setImmediate(next);
        else req.once('drain', next);
      };
      next();
    } else {
      req.end(options.body);
    }
  });
}

/** Another person using the app: GET /api/session every few ms over a kept-alive connection, until told to stop. */
function otherUser(port: number, cookie: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  let errors = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const start = performance.now();
      const res = await send(port, 'GET', '/api/session', { headers: { cookie }, agent });
      samples.push(performance.now() - start);
      if (!res || res.status !== 200) errors++;
      await new Promise((r) => setTimeout(r, 5));
    }
    agent.destroy();
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { summary: summarize(samples), errors };
    },
  };
}

async function loginCookie(server: ChildServer): Promise<string> {
  const body = Buffer.from(JSON.stringify({ username: 'admin', password: benchAdminPassword }));
  const res = await send(server.port, 'POST', '/api/session', {
    headers: { 'content-type': 'application/json', 'content-length': String(body.length), origin: server.origin },
    body,
    localAddress: '127.0.0.1',
  });
  if (!res || res.status !== 200) throw new Error(`No se pudo iniciar sesión: ${res?.status} ${res?.body}`);
  return String(res.headers['set-cookie']).split(';')[0];
}

const latency = (s: LatencySummary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;

/** Runs `attack` on `connections` loops for `durationMs` while another user is timed. */
async function flood(server: ChildServer, cookie: string, options: SecurityBenchOptions, attack: (loop: number, i: number) => Promise<Answer | null>) {
  const user = otherUser(server.port, cookie);
  const statuses = new Map<string, number>();
  const end = performance.now() + options.floodMs;
  await Promise.all(
    Array.from({ length: options.connections }, async (_, loop) => {
      for (let i = 0; performance.now() < end; i++) {
        const res = await attack(loop, i);
        const key = res ? String(res.status) : 'cortada';
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }),
  );
  const measured = await user.stop();
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  const byStatus = [...statuses.entries()].sort().map(([k, v]) => `${k}: ${v.toLocaleString('es-CO')}`).join(', ');
  return { ...measured, total, byStatus };
}

async function writeLatency(synchronous: Synchronous, writes: number): Promise<LatencySummary> {
  const workspace = createWorkspace();
  const db = await openNodeDatabase(workspace.dbFile, { synchronous });
  try {
    await bootstrap(db, { demo: false, adminPassword: benchAdminPassword, passwordIterations: benchIterations });
    const app = createApi({ db, passwordIterations: benchIterations, writesPerMinute: Number.MAX_SAFE_INTEGER });
    const headers = { 'content-type': 'application/json', origin: 'http://localhost' };
    const login = await app.request('/api/session', { method: 'POST', headers, body: JSON.stringify({ username: 'admin', password: benchAdminPassword }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const random = createRandom(15);
    const samples: number[] = [];
    for (let i = 0; i < writes + 20; i++) {
      const body = JSON.stringify(makeForum(i, random));
      const start = performance.now();
      const res = await app.request('/api/forums', { method: 'POST', headers: { ...headers, cookie }, body });
      if (res.status !== 201) throw new Error(`POST /api/forums: HTTP ${res.status} ${await res.text()}`);
      if (i >= 20) samples.push(performance.now() - start);
    }
    return summarize(samples);
  } finally {
    await db.destroy();
    workspace.cleanup();
  }
}

export async function benchSecurity(options: SecurityBenchOptions = defaultSecurityBench): Promise<ReportRow[]> {
  const section = 'Seguridad';
  const rows: ReportRow[] = [];
  const workspace = createWorkspace();
  const dbFile = join(workspace.dir, 'seguridad.sqlite');
  try {
    // 50.000 live throttling counters, as after a long flood of unknown names: each attempt still reads three by key.
    await withDatabase(dbFile, async (db) => {
      const now = Date.now();
      await db.transaction().execute(async (tx) => {
        for (let start = 0; start < options.seededCounters; start += 1000) {
          const values = Array.from({ length: Math.min(1000, options.seededCounters - start) }, (_, i) => ({
            key: `u|nombre-sembrado-${start + i}`,
            failures: 1,
            window_start: now,
            next_slot: 0,
            expires_at: now + 15 * 60_000,
          }));
          await tx.insertInto('login_attempts').values(values).execute();
        }
      });
    });
    const server = await startChildServer(dbFile);
    try {
      const cookie = await loginCookie(server);
      const json = { 'content-type': 'application/json', origin: server.origin };

      // Hostile bodies: the kinds that stalled the server before (issue 9, item 1).
      const nested1mb = Buffer.from('['.repeat(512 * 1024) + ']'.repeat(512 * 1024));
      const nested4kb = Buffer.from('['.repeat(2000) + ']'.repeat(2000));
      const chunk = Buffer.from('['.repeat(64 * 1024));
      const hostile = await flood(server, cookie, options, (loop, i) => {
        const kind = (loop + i) % 3;
        if (kind === 0) return send(server.port, 'POST', '/api/session', { headers: { ...json, 'content-length': String(nested1mb.length) }, body: nested1mb });
        if (kind === 1) return send(server.port, 'POST', '/api/session', { headers: { ...json, 'content-length': String(nested4kb.length) }, body: nested4kb });
        return send(server.port, 'POST', '/api/session', { headers: json, chunks: Array.from({ length: 16 }, () => chunk) });
      });
      rows.push({
        section,
        measure: `Login inundado ${options.floodMs / 1000} s desde ${options.connections} conexiones con cuerpos hostiles (1 MB anidado, 4 KB anidado, 1 MB en trozos): ${hostile.total.toLocaleString('es-CO')} peticiones (${hostile.byStatus})`,
        value: '—',
      });
      rows.push({
        section,
        measure: `  mientras tanto, GET /api/session de otra persona: p50 / p95 / máx (n=${hostile.summary.count}, errores ${hostile.errors})`,
        value: latency(hostile.summary),
        target: 'p95 ≤ 50 ms, 0 errores',
        ok: hostile.summary.p95 <= 50 && hostile.errors === 0,
      });

      // Unknown names from 250 addresses (password spraying), over 50.000 live counters.
      const random = createRandom(9);
      const unknown = await flood(server, cookie, options, (loop, i) => {
        const body = Buffer.from(JSON.stringify({ username: `desconocido-${loop}-${i}-${random.int(0, 1e9)}`, password: 'Primavera2024' }));
        return send(server.port, 'POST', '/api/session', { headers: { ...json, 'content-length': String(body.length) }, body, localAddress: `127.0.1.${1 + ((loop * 1000 + i) % 250)}` });
      });
      rows.push({
        section,
        measure: `Login inundado ${options.floodMs / 1000} s con nombres desconocidos desde 250 direcciones, ${options.seededCounters.toLocaleString('es-CO')} contadores vivos: ${unknown.total.toLocaleString('es-CO')} intentos (${unknown.byStatus})`,
        value: '—',
      });
      rows.push({
        section,
        measure: `  mientras tanto, GET /api/session de otra persona: p50 / p95 / máx (n=${unknown.summary.count}, errores ${unknown.errors})`,
        value: latency(unknown.summary),
        target: 'p95 ≤ 50 ms, 0 errores',
        ok: unknown.summary.p95 <= 50 && unknown.errors === 0,
      });

      // A 100.000-row consultation import (dry run, then saved) while another person works.
      const created = await send(server.port, 'POST', '/api/consultations', { headers: { ...json, cookie }, body: Buffer.from(JSON.stringify(benchConsultation)) });
      if (!created || created.status !== 201) throw new Error(`No se pudo crear la consulta: ${created?.status} ${created?.body}`);
      const consultationId = (JSON.parse(created.body) as { id: number }).id;
      const file = googleFormsExport(options.importRows);
      const importBody = Buffer.from(JSON.stringify({ ...file, mapping: suggestMapping(file.header), lateMode: 'mark', defaultChannel: 'web' }));
      const user = otherUser(server.port, cookie);
      await new Promise((r) => setTimeout(r, 200));
      const started = performance.now();
      const headers = { ...json, cookie, 'content-length': String(importBody.length) };
      const dry = await send(server.port, 'POST', `/api/consultations/${consultationId}/responses/import?dryRun=1`, { headers, body: importBody });
      const dryMs = performance.now() - started;
      const saved = await send(server.port, 'POST', `/api/consultations/${consultationId}/responses/import`, { headers, body: importBody });
      const importMs = performance.now() - started;
      const during = await user.stop();
      const savedOk = dry?.status === 200 && saved?.status === 200 && (JSON.parse(saved.body) as { accepted: number }).accepted === options.importRows;
      rows.push({
        section,
        measure: `Importación de ${options.importRows.toLocaleString('es-CO')} filas (${(importBody.length / 1e6).toFixed(1)} MB): revisión + guardado`,
        value: savedOk ? `${ms(dryMs)} + ${ms(importMs - dryMs)}` : `ERROR: HTTP ${dry?.status} / ${saved?.status} ${saved?.body.slice(0, 200)}`,
      });
      rows.push({
        section,
        measure: `  mientras tanto, GET /api/session de otra persona: p50 / p95 / máx (n=${during.summary.count}, errores ${during.errors})`,
        value: latency(during.summary),
        target: 'máx ≤ 100 ms',
        ok: savedOk && during.summary.max <= 100 && during.errors === 0,
      });
    } finally {
      await server.stop();
    }

    // The price of durability: each acknowledged write waits for the disk (synchronous=FULL) or not (NORMAL).
    const normal = await writeLatency('NORMAL', options.writes);
    const full = await writeLatency('FULL', options.writes);
    rows.push({ section, measure: `Escritura (POST /api/forums, SQLite en archivo, WAL) con synchronous=NORMAL: p50 / p95 / máx (n=${normal.count})`, value: latency(normal) });
    rows.push({
      section,
      measure: `  con synchronous=FULL (la del servidor): p50 / p95 / máx (n=${full.count}); costo en p50`,
      value: `${latency(full)}; +${ms(full.p50 - normal.p50)}`,
    });
  } finally {
    workspace.cleanup();
  }
  return rows;
}

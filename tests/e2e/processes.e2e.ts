import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtApp, builtServer } from './build-dirs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionMessages } from '../../src/api/session-routes';
import { voteMessages } from '../../src/api/public-vote';
import { healthMessages } from '../../src/api/health-routes';
import { validForum } from '../support/api-assertions';

/**
 * Several server processes on one database (issue 15): two real `npm run serve` processes (the bundle in
 * dist-server/, as operators run it) on one database behave as one — sessions, logouts, versions, the login
 * throttle and the citizen vote hold across them — and a process stops gracefully on SIGTERM. The database is a
 * parameter: a SQLite file in WAL always; PostgreSQL too when TEST_DATABASE_URL names a server (a fresh database
 * is made on it for this file and dropped at the end).
 */

interface Engine {
  name: string;
  /** The environment that points a server process at this engine's database; made once per engine. */
  prepare: (dir: string) => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;
}

const engines: Engine[] = [{ name: 'SQLite (un archivo en WAL)', prepare: async (dir) => ({ env: { FOROS_DB: join(dir, 'foros.sqlite') }, drop: async () => {} }) }];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  engines.push({
    name: 'PostgreSQL',
    prepare: async () => {
      // Loaded by name: `pg` is a dependency of the PostgreSQL engine (src/db), not of this test.
      const pgModule = 'pg';
      const { default: pg } = (await import(pgModule)) as { default: { Client: new (o: { connectionString: string }) => { connect(): Promise<void>; query(q: string): Promise<unknown>; end(): Promise<void> } } };
      const name = `foros_test_procesos_${process.pid}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      return {
        env: { DATABASE_URL: url.toString() },
        drop: async () => {
          const again = new pg.Client({ connectionString: postgresUrl });
          await again.connect();
          await again.query(`drop database if exists ${name} with (force)`);
          await again.end();
        },
      };
    },
  });
} else {
  console.warn('processes.e2e.ts: sin TEST_DATABASE_URL, las pruebas de varios procesos corren solo sobre SQLite.');
}

const adminPassword = 'Orquídea-Nevado-2026';

interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the output has a line matching `pattern` (what the process says, never a timer). */
  says: (pattern: RegExp) => Promise<void>;
}

/** Starts `node dist-server/main.mjs` (what `npm run serve` runs) and waits for the line with its address. */
function startProcess(name: string, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [builtServer], {
    env: { ...process.env, FOROS_DIST_DIR: builtApp, PORT: '0', HOST: '127.0.0.1', FOROS_DEMO: '1', FOROS_DEMO_EXAMPLES: '0', FOROS_ADMIN_PASSWORD: adminPassword, FOROS_LOG_LEVEL: 'warn', FOROS_PUBLIC_FORM_MIN_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners: (() => void)[] = [];
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const listener of [...listeners]) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const says = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          listeners.splice(listeners.indexOf(check), 1);
          resolve();
        }
      };
      listeners.push(check);
      void exited.then(({ code }) => reject(new Error(`${name} terminó (${code}) sin decir ${pattern}: ${output}`)));
      check();
    });
  return says(/listo en http:\/\/\S+/).then(() => ({ name, url: /listo en (http:\/\/\S+)/.exec(output)![1].replace('localhost', '127.0.0.1'), child, output: () => output, exited, says }));
}

/** A request from the app's own page (Origin on writes), with the session cookie when given. */
async function call(server: ServerProcess, method: string, path: string, options: { cookie?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (method !== 'GET') {
    headers.origin = server.url;
    headers['content-type'] = 'application/json';
  }
  return fetch(server.url + path, { method, headers, body: options.body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(options.body), redirect: 'manual' });
}

async function login(server: ServerProcess, username = 'admin', password = adminPassword) {
  const res = await call(server, 'POST', '/api/session', { body: { username, password } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The Bogotá year today: the consultation the vote goes to must be open now. */
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric' }).format(new Date()));

describe.each(engines)('two server processes on one database: $name', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'foros-procesos-'));
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    expect(existsSync(builtServer), `falta ${builtServer}: npm run build`).toBe(true);
    const prepared = await engine.prepare(dir);
    drop = prepared.drop;
    // The first start creates the database (migrations, accounts, the demo); the second finds it ready.
    a = await startProcess('A', prepared.env);
    b = await startProcess('B', prepared.env);
  });

  afterAll(async () => {
    for (const server of [a, b]) if (server && server.child.exitCode === null) server.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('both answer the health check; a session made on A works on B, and a logout on B ends it on A at once', async () => {
    for (const server of [a, b]) {
      const health = await call(server, 'GET', '/api/health');
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, message: healthMessages.ok });
    }
    const cookie = await login(a);
    expect(((await (await call(b, 'GET', '/api/session', { cookie })).json()) as { user: { username: string } }).user.username).toBe('admin');
    expect((await call(a, 'GET', '/api/forums', { cookie })).status).toBe(200);
    expect((await call(b, 'DELETE', '/api/session', { cookie })).status).toBe(204);
    expect((await call(a, 'GET', '/api/forums', { cookie })).status).toBe(401);
    expect((await call(b, 'GET', '/api/forums', { cookie })).status).toBe(401);
  });

  it('two saves of one forum from the same version, one through each process: the second is 409 with the first one\'s record', async () => {
    const cookie = await login(b);
    const created = await call(a, 'POST', '/api/forums', { cookie, body: validForum({ title: 'Foro entre procesos' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const first = await call(a, 'PUT', `/api/forums/${id}`, { cookie, body: { ...validForum({ title: 'Guardado en A' }), version: 1 } });
    expect(first.status).toBe(200);
    const second = await call(b, 'PUT', `/api/forums/${id}`, { cookie, body: { ...validForum({ title: 'Guardado en B' }), version: 1 } });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { current: { title: string; version: number } }).current).toMatchObject({ title: 'Guardado en A', version: 2 });
    // At the same moment, again from one version: exactly one is saved, the other gets 409 (never a 500).
    const both = await Promise.all([
      call(a, 'PUT', `/api/forums/${id}`, { cookie, body: { ...validForum({ title: 'A a la vez' }), version: 2 } }),
      call(b, 'PUT', `/api/forums/${id}`, { cookie, body: { ...validForum({ title: 'B a la vez' }), version: 2 } }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const stored = (await (await call(a, 'GET', `/api/forums/${id}`, { cookie })).json()) as { version: number };
    expect(stored.version).toBe(3);
  });

  it('the login throttle counts the failures made through both: the sixth attempt is refused on either', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await call(i % 2 === 0 ? a : b, 'POST', '/api/session', { body: { username: 'intruso', password: `clave-${i}` } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { title: string }).title).toBe(sessionMessages.wrong);
    }
    for (const server of [a, b]) {
      const refused = await call(server, 'POST', '/api/session', { body: { username: 'intruso', password: 'otra-clave' } });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { title: string }).title).toMatch(/^Demasiados intentos fallidos\. Espere 1[45] minutos/);
    }
  });

  it('a citizen votes through A; the same browser voting through B is refused, and the vote counts once', async () => {
    const cookie = await login(a);
    const consultation = await call(a, 'POST', '/api/consultations', {
      cookie,
      body: { year, title: `Consulta ${year}`, openDate: `${year}-01-01`, closeDate: `${year}-12-31`, channels: ['web', 'foros'], status: 'open', note: '', topics: [{ title: 'Vías', description: '', proposingTeam: '' }, { title: 'Salud', description: '', proposingTeam: '' }] },
    });
    expect(consultation.status, await consultation.clone().text()).toBe(201);
    const { id } = (await consultation.json()) as { id: number };
    const { topics } = (await (await call(a, 'GET', `/api/consultations/${id}`, { cookie })).json()) as { topics: { id: number }[] };
    const settings = (await (await call(b, 'GET', `/api/publication/${year}`, { cookie })).json()) as { settings: { show: Record<string, boolean> }; version: number };
    const published = await call(b, 'PUT', `/api/publication/${year}`, { cookie, body: { ...settings.settings, entityName: 'Entidad de prueba', consultationOpen: true, show: { ...settings.settings.show, consultation: true }, version: settings.version } });
    expect(published.status, await published.clone().text()).toBe(200);

    const vote = async (server: ServerProcess, voteCookie?: string) => {
      const { formToken } = (await (await call(server, 'GET', `/api/public/years/${year}/consultation/form-token`)).json()) as { formToken: string };
      return call(server, 'POST', `/api/public/years/${year}/consultation/votes`, { cookie: voteCookie, body: { topicIds: [topics[0].id], proposedTopic: '', valueGroupKind: 'external', valueGroup: 'Ciudadanía', locality: '', formToken } });
    };
    const first = await vote(a);
    expect(first.status).toBe(201);
    const voteCookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
    expect(voteCookie).toMatch(/^foros_voto_\d+=/);
    const again = await vote(b, voteCookie);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { title: string }).title).toBe(voteMessages.twice);
    for (const server of [a, b]) {
      const responses = (await (await call(server, 'GET', `/api/consultations/${id}/responses?channel=foros`, { cookie })).json()) as { total: number };
      expect(responses.total).toBe(1);
    }
  });

  it('SIGTERM: A stops accepting, finishes the request in flight, closes the database and exits 0; B goes on', async () => {
    const cookie = await login(b);
    const body = JSON.stringify(validForum({ title: 'Guardado durante la detención' }));
    const half = Math.floor(body.length / 2);
    // A save whose body is still on its way: the server has its headers (it answered 100 Continue), not its body.
    const port = Number(new URL(a.url).port);
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let continued!: () => void;
    const headersRead = new Promise<void>((resolve) => (continued = resolve));
    const answer = new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/forums', agent: false, headers: { cookie, origin: a.url, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }));
      });
      req.on('error', reject);
      req.on('continue', () => {
        req.write(body.slice(0, half));
        continued();
      });
      void stopped.then(() => req.end(body.slice(half)));
    });
    await headersRead;

    a.child.kill('SIGTERM');
    await a.says(/SIGTERM: Foros deja de aceptar conexiones y termina 1 petición en curso/);
    // A new connection is refused while the request in flight goes on.
    const refused = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => resolve(`HTTP ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    expect(refused).toBe('ECONNREFUSED');
    stop();
    const saved = await answer.catch((error: Error) => ({ status: 0, connection: undefined, text: `${error.message}\n${a.output()}` }));
    expect(saved.status, saved.text).toBe(201);
    expect(saved.connection).toBe('close');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(a.output()).toContain('Foros se detuvo.');
    // What A saved while stopping is there for B, and B goes on serving the same session.
    const { id } = JSON.parse(saved.text) as { id: number };
    const onB = await call(b, 'GET', `/api/forums/${id}`, { cookie });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { title: string }).title).toBe('Guardado durante la detención');
  });
});

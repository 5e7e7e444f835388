import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../src/api/create-api';
import type { ApiLogger } from '../../src/api/deps';
import type { AuditAction } from '../../src/domain/audit';
import { fromJson } from '../../src/db/json-column';
import { createTestApi, testOrigin, testPassword } from '../support/test-api';
import { expectProblem, validForum } from '../support/api-assertions';

/**
 * The server's shared defences (issue 9), each through the real app: body size and nesting, login throttling,
 * the same work for every login, sessions, same-origin writes, logs.
 */

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const wrong = { username: 'admin', password: 'no-es-la-contraseña' };
const right = { username: 'admin', password: testPassword };

/** Audit rows of these actions, oldest first. */
async function audit(db: Awaited<ReturnType<typeof createTestApi>>['db'], actions: AuditAction[]) {
  const rows = await db.selectFrom('audit_log').selectAll().where('action', 'in', actions).orderBy('id').execute();
  return rows.map((r) => ({ action: r.action, username: r.username, changes: fromJson(r.changes) }));
}

describe('item 1: body size and nesting, refused before parsing', () => {
  it('a deeply nested body to the login answers 400 without reaching JSON.parse', async () => {
    const { call } = await createTestApi();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const res = await call('POST', '/api/session', { rawBody: nested(1500) });
      const body = await expectProblem(res, 400);
      expect(body.title).toMatch(/anida demasiados niveles/);
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.startsWith('[[['))).toHaveLength(0);
    } finally {
      parse.mockRestore();
    }
  });

  it('a 1 MB body to the login is refused 413 from its Content-Length, unread', async () => {
    const { app } = await createTestApi();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(91));
        if (pulled >= 16) controller.close();
      },
    });
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024), origin: testOrigin },
      body,
      duplex: 'half',
    } as RequestInit);
    expect((await expectProblem(res, 413)).title).toMatch(/4 KB/);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('a body sent in chunks without Content-Length is cut off at the route\'s limit (413), and stops being read', async () => {
    const { app } = await createTestApi();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('{"username":"' + 'a'.repeat(1024)));
        if (pulled >= 1000) controller.close();
      },
    });
    const res = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: testOrigin }, body, duplex: 'half' } as RequestInit);
    expect((await expectProblem(res, 413)).title).toMatch(/4 KB/);
    expect(pulled).toBeLessThan(20);
  });

  it('a nested body on an ordinary JSON route and on the consultation import is 400, and nothing is saved', async () => {
    const { call, login, db } = await createTestApi();
    const editor = await login('editora');
    const before = await db.selectFrom('forums').select('id').execute();
    expect((await expectProblem(await call('POST', '/api/forums', { cookie: editor, rawBody: `{"title":${nested(100_000)}}` }), 400)).title).toMatch(/anida/);
    const created = await call('POST', '/api/consultations', {
      cookie: editor,
      body: { year: 2023, title: 'Consulta', openDate: '2023-03-01', closeDate: '2023-03-31', channels: ['web'], status: 'open', topics: [{ title: 'Salud', description: '', proposingTeam: '' }] },
    });
    const { id } = (await created.json()) as { id: number };
    const res = await call('POST', `/api/consultations/${id}/responses/import`, { cookie: editor, rawBody: `{"header":["a"],"rows":${nested(500_000)}}` });
    expect((await expectProblem(res, 400)).title).toMatch(/anida/);
    expect(await db.selectFrom('forums').select('id').execute()).toEqual(before);
  });

  it('64 levels are accepted (a deep but legitimate body reaches validation)', async () => {
    const { call, login } = await createTestApi();
    const editor = await login('editora');
    const res = await call('POST', '/api/forums', { cookie: editor, rawBody: `{"title":${nested(63)}}` });
    const body = await expectProblem(res, 400);
    expect(body.title).not.toMatch(/anida/);
  });
});

describe('items 2–3: login throttling per address + account, per address, per account; audited; kept in the database', () => {
  it('6 wrong attempts from 127.0.0.2 do not stop the right password from 127.0.0.3', async () => {
    const { call } = await createTestApi();
    for (let i = 0; i < 5; i++) expect((await call('POST', '/api/session', { body: wrong, address: '127.0.0.2' })).status).toBe(401);
    const sixth = await call('POST', '/api/session', { body: wrong, address: '127.0.0.2' });
    expect(sixth.status).toBe(429);
    // The pair is locked for the 15-minute window counted from the first failure (the five attempts took some seconds).
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect((await call('POST', '/api/session', { body: right, address: '127.0.0.3' })).status).toBe(200);
    // From 127.0.0.2 the pair stays locked, even with the right password.
    expect((await call('POST', '/api/session', { body: right, address: '127.0.0.2' })).status).toBe(429);
  });

  it('X-Forwarded-For is ignored unless FOROS_TRUST_PROXY says a proxy sets it', async () => {
    const untrusted = await createTestApi();
    for (let i = 0; i < 5; i++) await untrusted.call('POST', '/api/session', { body: wrong, address: '127.0.0.2', headers: { 'x-forwarded-for': `10.9.0.${i}` } });
    expect((await untrusted.call('POST', '/api/session', { body: wrong, address: '127.0.0.2', headers: { 'x-forwarded-for': '10.9.1.1' } })).status).toBe(429);

    const trusted = await createTestApi({ trustProxy: true });
    for (let i = 0; i < 5; i++) await trusted.call('POST', '/api/session', { body: wrong, address: '127.0.0.9', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect((await trusted.call('POST', '/api/session', { body: wrong, address: '127.0.0.9', headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(429);
    // The proxy's last entry is the client: another client behind the same proxy is not locked.
    expect((await trusted.call('POST', '/api/session', { body: right, address: '127.0.0.9', headers: { 'x-forwarded-for': 'made-up, 203.0.113.8' } })).status).toBe(200);
  });

  it('one address spraying many accounts is locked after 20 failures, for every account', async () => {
    const { call } = await createTestApi();
    for (let i = 0; i < 20; i++) expect((await call('POST', '/api/session', { body: { username: `persona${i}`, password: 'Primavera2024' }, address: '198.51.100.4' })).status).toBe(401);
    const locked = await call('POST', '/api/session', { body: right, address: '198.51.100.4' });
    expect((await expectProblem(locked, 429)).title).toMatch(/Demasiados intentos fallidos/);
    expect((await call('POST', '/api/session', { body: right, address: '198.51.100.5' })).status).toBe(200);
  });

  it('an account guessed from many addresses is slowed (the answer waits its turn), not locked: the owner still gets in', async () => {
    const waits: number[] = [];
    let clock = Date.parse('2026-03-01T12:00:00Z');
    const { call } = await createTestApi({ now: () => new Date(clock), sleep: async (ms) => void waits.push(ms) });
    for (let i = 0; i < 10; i++) expect((await call('POST', '/api/session', { body: wrong, address: `192.0.2.${i}` })).status).toBe(401);
    expect(waits).toEqual([]);
    expect((await call('POST', '/api/session', { body: wrong, address: '192.0.2.50' })).status).toBe(401);
    expect((await call('POST', '/api/session', { body: wrong, address: '192.0.2.51' })).status).toBe(401);
    expect(waits).toEqual([2000]);
    clock += 1000;
    expect((await call('POST', '/api/session', { body: right, address: '192.0.2.99' })).status).toBe(200);
    expect(waits).toEqual([2000, 3000]);
  });

  it('writes failed logins and the start of each lock to the audit log, with the address and never the password', async () => {
    const { call, db } = await createTestApi();
    for (let i = 0; i < 5; i++) await call('POST', '/api/session', { body: wrong, address: '127.0.0.2' });
    await call('POST', '/api/session', { body: wrong, address: '127.0.0.2' });
    await call('POST', '/api/session', { body: { username: 'nadie', password: 'x' }, address: '127.0.0.2' });
    const entries = await audit(db, ['login_failed', 'login_throttled']);
    expect(entries.filter((e) => e.action === 'login_failed')).toHaveLength(6);
    expect(entries[0]).toEqual({ action: 'login_failed', username: 'admin', changes: ['desde 127.0.0.2', 'contraseña incorrecta'] });
    expect(entries.at(-1)).toEqual({ action: 'login_failed', username: '(desconocida)', changes: ['desde 127.0.0.2', 'cuenta inexistente'] });
    const locks = entries.filter((e) => e.action === 'login_throttled');
    expect(locks).toHaveLength(1);
    expect(locks[0].changes.join(' ')).toMatch(/bloqueada desde esta dirección por 15 minutos/);
    const everything = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain(wrong.password);
  });

  it('the counters survive a restart (a new app over the same database)', async () => {
    const { call, db } = await createTestApi();
    for (let i = 0; i < 5; i++) await call('POST', '/api/session', { body: wrong, address: '127.0.0.2' });
    const restarted = createApi({ db, passwordIterations: 1000, connection: () => ({ remoteAddress: '127.0.0.2' }) });
    const res = await restarted.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin: testOrigin }, body: JSON.stringify(right) });
    expect(res.status).toBe(429);
  });

  it('keeps one row per live key and prunes expired ones as attempts come (bounded, whatever the number of names)', async () => {
    let clock = Date.parse('2026-03-01T12:00:00Z');
    const { call, db } = await createTestApi({ now: () => new Date(clock), loginLimits: { perAddress: 1000 } });
    for (let i = 0; i < 30; i++) await call('POST', '/api/session', { body: { username: `nombre${i}`, password: 'x' }, address: '127.0.0.2' });
    const count = async () => Number((await db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(1 + 30 * 2);
    clock += 16 * 60_000;
    // Each attempt removes up to 50 expired counters.
    await call('POST', '/api/session', { body: right, address: '127.0.0.3' });
    await call('POST', '/api/session', { body: right, address: '127.0.0.4' });
    expect(await count()).toBeLessThanOrEqual(2);
  });
});

describe('item 4: every login attempt costs one password hash', () => {
  afterEach(() => vi.restoreAllMocks());

  it('unknown, deactivated and wrong-password attempts each derive one PBKDF2 key with the same iterations', async () => {
    const { call, login, db } = await createTestApi();
    const admin = await login('admin');
    const reviewer = await db.selectFrom('users').select('id').where('username', '=', 'revisor').executeTakeFirstOrThrow();
    expect((await call('PATCH', `/api/users/${reviewer.id}`, { cookie: admin, body: { active: false } })).status).toBe(200);
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    const iterationsOf = async (body: unknown) => {
      derive.mockClear();
      expect((await call('POST', '/api/session', { body, address: '127.0.0.5' })).status).toBe(401);
      return derive.mock.calls.map(([params]) => (params as Pbkdf2Params).iterations);
    };
    const wrongPassword = await iterationsOf({ username: 'editora', password: 'otra-clave-mala' });
    expect(wrongPassword).toHaveLength(1);
    expect(await iterationsOf({ username: 'no-existe', password: 'otra-clave-mala' })).toEqual(wrongPassword);
    expect(await iterationsOf({ username: 'revisor', password: testPassword })).toEqual(wrongPassword);
  });
});

describe('item 6: sessions end when idle and at an absolute limit; the cookie is Secure over HTTPS', () => {
  it('ends a session idle for 8 hours, keeps one in use, and ends any session 24 hours after login', async () => {
    let clock = Date.parse('2026-03-02T08:00:00Z');
    const hour = 3600_000;
    const { call, login } = await createTestApi({ now: () => new Date(clock) });
    const idle = await login('editora');
    const busy = await login('revisor');
    for (let h = 1; h <= 7; h++) {
      clock += hour;
      expect((await call('GET', '/api/session', { cookie: busy })).status).toBe(200);
    }
    clock += hour + 1000;
    expect((await call('GET', '/api/session', { cookie: idle })).status).toBe(401);
    for (let h = 0; h < 16; h++) {
      expect((await call('GET', '/api/session', { cookie: busy })).status, `hora ${8 + h}`).toBe(200);
      clock += hour;
    }
    expect((await call('GET', '/api/session', { cookie: busy })).status).toBe(401);
  });

  it('the idle timeout and the lifetime are settings', async () => {
    let clock = Date.parse('2026-03-02T08:00:00Z');
    const { call, login } = await createTestApi({ now: () => new Date(clock), session: { idleMs: 60_000 * 30 } });
    const cookie = await login('editora');
    clock += 31 * 60_000;
    expect((await call('GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('marks the cookie Secure when the request came over HTTPS, or through a trusted proxy that says so', async () => {
    const secureOf = async (api: Awaited<ReturnType<typeof createTestApi>>, options: { encrypted?: boolean; headers?: Record<string, string>; origin?: string }) => {
      const res = await api.call('POST', '/api/session', { body: right, ...options });
      expect(res.status).toBe(200);
      return /;\s*Secure/i.test(res.headers.get('set-cookie') ?? '');
    };
    const plain = await createTestApi();
    expect(await secureOf(plain, {})).toBe(false);
    expect(await secureOf(plain, { encrypted: true, origin: 'https://localhost' })).toBe(true);
    // Without FOROS_TRUST_PROXY, X-Forwarded-Proto is anyone's claim: not believed (and the https Origin then does not match).
    expect((await plain.call('POST', '/api/session', { body: right, headers: { 'x-forwarded-proto': 'https' }, origin: 'https://localhost' })).status).toBe(403);
    const proxied = await createTestApi({ trustProxy: true });
    expect(await secureOf(proxied, { headers: { 'x-forwarded-proto': 'https' }, origin: 'https://localhost' })).toBe(true);
  });
});

describe('item 8: every write proves it comes from the app and is JSON', () => {
  it('refuses a write with neither Origin nor Sec-Fetch-Site, or from another origin (scheme, host or port)', async () => {
    const { call, login } = await createTestApi();
    const editor = await login('editora');
    const forum = { title: 'x' };
    for (const origin of [null, 'https://localhost', 'http://localhost:8080', 'http://evil.example', 'null', 'no es una url']) {
      const res = await call('POST', '/api/forums', { cookie: editor, body: forum, origin });
      expect((await expectProblem(res, 403)).title, String(origin)).toMatch(/no venía de esta aplicación/);
    }
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect((await call('POST', '/api/forums', { cookie: editor, body: forum, origin: null, headers: { 'sec-fetch-site': site } })).status).toBe(403);
    }
    // Sec-Fetch-Site: same-origin alone is enough (a browser that leaves Origin out of a same-origin request).
    expect((await call('POST', '/api/forums', { cookie: editor, body: forum, origin: null, headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(400);
    // Logging in and out too.
    expect((await call('POST', '/api/session', { body: right, origin: null })).status).toBe(403);
    expect((await call('DELETE', '/api/session', { cookie: editor, origin: 'http://evil.example' })).status).toBe(403);
  });

  it('requires application/json even when the body is empty (submit, approve, delete, logout)', async () => {
    const { call, login, db } = await createTestApi({ demo: true });
    const editor = await login('editora');
    const section = await db.selectFrom('report_sections').select('id').where('year', '=', 2022).where('kind', '=', 'conclusions').executeTakeFirstOrThrow();
    for (const [method, path] of [
      ['POST', `/api/reports/2022/sections/${section.id}/submit`],
      ['POST', `/api/reports/2022/sections/${section.id}/approve`],
      ['DELETE', '/api/forums/1'],
      ['DELETE', '/api/session'],
    ]) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        expect((await call(method, path, { cookie: editor, headers: { 'content-type': type } })).status, `${method} ${path} ${type}`).toBe(415);
      }
      const bare = await createApi({ db, connection: () => ({}) }).request(path, { method, headers: { cookie: editor, origin: testOrigin } });
      expect(bare.status, `${method} ${path} sin tipo`).toBe(415);
    }
    expect((await call('GET', '/api/session', { cookie: editor })).status).toBe(200);
  });
});

describe('item 12: one log line per event, no secrets', () => {
  function recorder() {
    const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    const logger: ApiLogger = {
      info: (fields, message) => lines.push({ level: 'info', fields, message }),
      warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
      error: (fields, message) => lines.push({ level: 'error', fields, message }),
    };
    return { lines, logger };
  }

  it('logs each request once with its id, route pattern, status and duration; never the body, cookie or query', async () => {
    const { lines, logger } = recorder();
    const { call, login } = await createTestApi({ logger });
    const cookie = await login('editora');
    const res = await call('GET', '/api/forums/7?q=Juan%20P%C3%A9rez', { cookie });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({ level: 'info', message: 'petición', fields: { reqId: res.headers.get('x-request-id'), method: 'GET', route: '/api/forums/:id', status: 404, ms: expect.any(Number) } });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(testPassword);
    expect(text).not.toContain(cookie.split('=')[1]);
    expect(text).not.toContain('Juan');
  });

  it('an upload the client abandons is one warning line without a stack', async () => {
    const { lines, logger } = recorder();
    const { app, login } = await createTestApi({ logger });
    const cookie = await login('editora');
    lines.length = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"title":"medio'));
      },
      pull(controller) {
        controller.error(new Error('aborted'));
      },
    });
    const res = await app.request('/api/forums', { method: 'POST', headers: { cookie, origin: testOrigin, 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(400);
    expect(lines).toEqual([{ level: 'warn', message: 'petición interrumpida por el cliente', fields: { reqId: expect.any(String), method: 'POST', route: '/api/forums' } }]);
  });
});

describe('item 1: a big import lets others in and stays all or nothing', () => {
  const consultationBody = {
    year: 2023,
    title: 'Consulta 2023',
    openDate: '2023-03-01',
    closeDate: '2023-03-31',
    channels: ['web'],
    status: 'open',
    topics: [{ title: 'Salud mental', description: '', proposingTeam: '' }],
  };
  const importBody = (rows: number) => ({
    header: ['Marca temporal', 'Grupo de valor', 'Temas'],
    rows: Array.from({ length: rows }, (_, i) => [`2023/03/${String((i % 28) + 1).padStart(2, '0')} 10:15:00 a. m. GMT-5`, 'Ciudadanía', 'Salud mental']),
    mapping: { 'Marca temporal': 'timestamp', 'Grupo de valor': 'valueGroup', Temas: 'topics' },
    lateMode: 'mark',
    defaultChannel: 'web',
  });

  /** An API whose import pauses run `during` (another person's requests) at each pause. */
  async function arrange() {
    let during: (() => Promise<void>) | null = null;
    const api = await createTestApi({ yieldToOthers: async () => void (await during?.()) });
    const editor = await api.login('editora');
    const reviewer = await api.login('revisor');
    const created = await api.call('POST', '/api/consultations', { cookie: editor, body: consultationBody });
    const { id } = (await created.json()) as { id: number };
    return { ...api, editor, reviewer, id, setDuring: (fn: typeof during) => (during = fn) };
  }

  it('answers another user while 9,000 rows are read, mapped and written; the rows appear all at once at the end', async () => {
    const { call, reviewer, editor, id, setDuring } = await arrange();
    const seen: number[] = [];
    setDuring(async () => {
      const res = await call('GET', `/api/consultations/${id}`, { cookie: reviewer });
      expect(res.status).toBe(200);
      seen.push(((await res.json()) as { responseCount: number }).responseCount);
    });
    const res = await call('POST', `/api/consultations/${id}/responses/import`, { cookie: editor, body: importBody(9_000) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { saved: boolean; accepted: number }).accepted).toBe(9_000);
    // Many pauses (reading, checking, mapping, writing), and no one ever saw a part of the import.
    expect(seen.length).toBeGreaterThan(10);
    expect(new Set(seen)).toEqual(new Set([0]));
    setDuring(null);
    expect(((await (await call('GET', `/api/consultations/${id}`, { cookie: reviewer })).json()) as { responseCount: number }).responseCount).toBe(9_000);
  });

  it('if the consultation closes while the rows are written, nothing of the import is kept', async () => {
    const { call, db, editor, id, setDuring } = await arrange();
    let pauses = 0;
    setDuring(async () => {
      if (++pauses === 12) await db.updateTable('consultations').set({ status: 'closed' }).where('id', '=', id).execute();
    });
    const res = await call('POST', `/api/consultations/${id}/responses/import`, { cookie: editor, body: importBody(9_000) });
    expect(res.status).toBe(409);
    expect(await db.selectFrom('consultation_responses').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('consultation_pending_imports').select('id').execute()).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('changes').where('entity', '=', 'consultation').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.changes).join()).not.toMatch(/importación/);
  });

  it('rows of an import cut short by a stop are invisible, and removed at the next start', async () => {
    const { call, db, editor, reviewer, id } = await arrange();
    const { insertResponses, startPendingImport, discardPendingImports } = await import('../../src/db/consultation-queries');
    const importId = await startPendingImport(db, id, new Date().toISOString());
    const response = { valueGroupKind: 'external' as const, valueGroup: '', topicIds: [], proposedTopic: 'Algo', questions: ['¿Sí?'], channel: 'web' as const, date: '2023-03-02', late: false };
    await insertResponses(db, id, [response, response, response], 'import', 'editora', new Date().toISOString(), importId);
    expect((await call('POST', `/api/consultations/${id}/responses`, { cookie: editor, body: { ...response, late: undefined } })).status).toBe(201);
    const detail = (await (await call('GET', `/api/consultations/${id}`, { cookie: reviewer })).json()) as { responseCount: number };
    expect(detail.responseCount).toBe(1);
    const tally = (await (await call('GET', `/api/consultations/${id}/tally`, { cookie: reviewer })).json()) as { totalResponses: number };
    expect(tally.totalResponses).toBe(1);
    expect(((await (await call('GET', `/api/consultations/${id}/responses`, { cookie: reviewer })).json()) as { total: number }).total).toBe(1);
    expect(await discardPendingImports(db)).toBe(1);
    expect(await db.selectFrom('consultation_responses').select('id').execute()).toHaveLength(1);
  });
});

describe('what already holds (kept as regression tests)', () => {
  it('two saves of the same forum at once: one wins, the other gets 409 with the winner — no lost update', async () => {
    const { call, login } = await createTestApi({ demo: true });
    const editor = await login('editora');
    const admin = await login('admin');
    const { validForum } = await import('../support/api-assertions');
    const { version } = (await (await call('GET', '/api/forums/1', { cookie: editor })).json()) as { version: number };
    const input = validForum();
    const [a, b] = await Promise.all([
      call('PUT', '/api/forums/1', { cookie: editor, body: { ...input, title: 'Cambio de la editora', version } }),
      call('PUT', '/api/forums/1', { cookie: admin, body: { ...input, title: 'Cambio de administración', version } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'Cambio de la editora' : 'Cambio de administración';
    const loser = (await (a.status === 409 ? a : b).json()) as { current: { title: string } };
    expect(loser.current.title).toBe(winner);
    expect(((await (await call('GET', '/api/forums/1', { cookie: editor })).json()) as { title: string }).title).toBe(winner);
  });

  it('markup typed anywhere comes back as text, never as markup (the SPA, print view and Word render text)', async () => {
    const { call, login } = await createTestApi();
    const editor = await login('editora');
    const { validForum } = await import('../support/api-assertions');
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const res = await call('POST', '/api/forums', { cookie: editor, body: validForum({ title: payload, questions: [{ text: payload, channel: 'live_chat', answered: false, answeredBy: '', answerSummary: '' }] }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const forum = (await res.json()) as { title: string; questions: { text: string }[] };
    expect(forum.title).toBe(payload);
    expect(forum.questions[0].text).toBe(payload);
  });
});

describe('every write is rate limited per account (per address without a session)', () => {
  it('past the limit a write gets 429 in Spanish with Retry-After and saves nothing; another account, reads and the next minute go on', async () => {
    let now = new Date('2026-03-02T15:00:00Z').getTime();
    const { call, login, db } = await createTestApi({ writesPerMinute: 3, now: () => new Date(now) });
    const editor = await login('editora');
    const admin = await login('admin');
    const forum = { ...validForum(), title: 'Foro limitado' };
    for (let i = 0; i < 3; i++) expect((await call('POST', '/api/forums', { cookie: editor, body: { ...forum, title: `Foro ${i}` } })).status).toBe(201);
    const before = await db.selectFrom('forums').select('id').execute();
    const refused = await call('POST', '/api/forums', { cookie: editor, body: forum });
    const body = await expectProblem(refused, 429);
    expect(body.title).toBe('Demasiados cambios en poco tiempo. Espere un minuto e inténtelo de nuevo.');
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    expect(await db.selectFrom('forums').select('id').execute()).toEqual(before);
    // Reading goes on; another account still writes.
    expect((await call('GET', '/api/forums', { cookie: editor })).status).toBe(200);
    expect((await call('POST', '/api/forums', { cookie: admin, body: forum })).status).toBe(201);
    // A minute later the window is new.
    now += 60_000;
    expect((await call('POST', '/api/forums', { cookie: editor, body: forum })).status).toBe(201);
  });
});

import { describe, expect, it } from 'vitest';
import { createTestApi, testPassword } from '../support/test-api';
import { dbSnapshot, expectProblem, expectValidationProblem, validForum } from '../support/api-assertions';

/**
 * Every refused request must answer a 4xx `application/problem+json` with a Spanish title, never a 500,
 * and must leave the database exactly as it was.
 */

interface BodyRoute {
  name: string;
  method: string;
  login: string | null;
  path: (ids: { forumId: number; reviewerId: number }) => string;
  valid: () => Record<string, unknown>;
  /** A field set to a value of the wrong type. */
  wrongType: Record<string, unknown>;
  /** A text field set over its limit. */
  tooLong: Record<string, unknown>;
}

const long = (n: number) => 'x'.repeat(n);

const bodyRoutes: BodyRoute[] = [
  {
    name: 'POST /api/session',
    method: 'POST',
    login: null,
    path: () => '/api/session',
    valid: () => ({ username: 'admin', password: testPassword }),
    wrongType: { username: 12345 },
    tooLong: { username: long(101) },
  },
  {
    name: 'POST /api/users',
    method: 'POST',
    login: 'admin',
    path: () => '/api/users',
    valid: () => ({ username: 'nueva', displayName: 'Nueva', role: 'editor', password: 'clave-larga-nueva' }),
    wrongType: { role: 3 },
    tooLong: { displayName: long(121) },
  },
  {
    name: 'PATCH /api/users/:id',
    method: 'PATCH',
    login: 'admin',
    path: ({ reviewerId }) => `/api/users/${reviewerId}`,
    valid: () => ({ displayName: 'Otro nombre', role: 'editor' }),
    wrongType: { active: 'no' },
    tooLong: { displayName: long(121) },
  },
  {
    name: 'POST /api/users/:id/password',
    method: 'POST',
    login: 'admin',
    path: ({ reviewerId }) => `/api/users/${reviewerId}/password`,
    valid: () => ({ password: 'clave-larga-nueva' }),
    wrongType: { password: 12345678901 },
    tooLong: { password: long(201) },
  },
  {
    name: 'POST /api/forums',
    method: 'POST',
    login: 'editora',
    path: () => '/api/forums',
    valid: () => ({ ...validForum() }),
    wrongType: { year: '2022' },
    tooLong: { title: long(201) },
  },
  {
    name: 'PUT /api/forums/:id',
    method: 'PUT',
    login: 'editora',
    path: ({ forumId }) => `/api/forums/${forumId}`,
    valid: () => ({ ...validForum({ title: 'Cambio' }), version: 1 }),
    wrongType: { durationMinutes: '60' },
    tooLong: { theme: long(201) },
  },
];

async function arrange(route: BodyRoute) {
  const api = await createTestApi();
  const admin = await api.login('admin');
  const created = await api.call('POST', '/api/forums', { cookie: admin, body: validForum() });
  const forumId = ((await created.json()) as { id: number }).id;
  const reviewer = await api.db.selectFrom('users').select('id').where('username', '=', 'revisor').executeTakeFirstOrThrow();
  const cookie = route.login ? await api.login(route.login) : undefined;
  const path = route.path({ forumId, reviewerId: reviewer.id });
  const before = await dbSnapshot(api.db);
  const unchanged = async () => expect(await dbSnapshot(api.db)).toEqual(before);
  return { ...api, cookie, path, unchanged };
}

const names = bodyRoutes.map((r) => r.name);
const route = (name: string) => bodyRoutes.find((r) => r.name === name)!;

describe('bad bodies on every route that takes one', () => {
  it.each(names)('%s: the valid body used below is accepted (control)', async (name) => {
    const r = route(name);
    const { call, cookie, path } = await arrange(r);
    const res = await call(r.method, path, { cookie, body: r.valid() });
    expect(res.status).toBeLessThan(300);
  });

  it.each(names)('%s: malformed JSON → 400, nothing saved', async (name) => {
    const r = route(name);
    const { call, cookie, path, unchanged } = await arrange(r);
    for (const rawBody of ['{"title": ', "{'a': 1}", '', 'undefined', '{"a":1}}']) {
      const body = await expectProblem(await call(r.method, path, { cookie, rawBody }), 400);
      expect(body.title).toBe('El cuerpo de la petición no es JSON válido.');
    }
    await unchanged();
  });

  it.each(names)('%s: JSON that is not an object → 400 validation problem, nothing saved', async (name) => {
    const r = route(name);
    const { call, cookie, path, unchanged } = await arrange(r);
    for (const body of [null, [], [r.valid()], 42, 'texto', true]) {
      await expectValidationProblem(await call(r.method, path, { cookie, body }));
    }
    await unchanged();
  });

  it.each(names)('%s: a field of the wrong type → 400 naming the field, nothing saved', async (name) => {
    const r = route(name);
    const { call, cookie, path, unchanged } = await arrange(r);
    const [field] = Object.keys(r.wrongType);
    await expectValidationProblem(await call(r.method, path, { cookie, body: { ...r.valid(), ...r.wrongType } }), [field]);
    await unchanged();
  });

  it.each(names)('%s: an unknown field → 400 naming the field, nothing saved', async (name) => {
    const r = route(name);
    const { call, cookie, path, unchanged } = await arrange(r);
    const body = await expectValidationProblem(await call(r.method, path, { cookie, body: { ...r.valid(), esAdmin: true } }), ['esAdmin']);
    expect(body.errors).toContainEqual({ path: 'esAdmin', message: 'Este campo no está permitido.' });
    await unchanged();
  });

  it.each(names)('%s: over-long text → 400 naming the field, nothing saved', async (name) => {
    const r = route(name);
    const { call, cookie, path, unchanged } = await arrange(r);
    const [field] = Object.keys(r.tooLong);
    await expectValidationProblem(await call(r.method, path, { cookie, body: { ...r.valid(), ...r.tooLong } }), [field]);
    await unchanged();
  });

  it.each(names)('%s: a valid body without a JSON content-type → 415, nothing saved', async (name) => {
    const r = route(name);
    const { app, call, cookie, path, unchanged } = await arrange(r);
    const json = JSON.stringify(r.valid());
    await expectProblem(await call(r.method, path, { cookie, rawBody: json, headers: { 'content-type': 'text/plain' } }), 415);
    await expectProblem(await call(r.method, path, { cookie, rawBody: json, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
    // No content-type header at all (a byte body carries none).
    const headers: Record<string, string> = { origin: 'http://localhost', ...(cookie ? { cookie } : {}) };
    const request = new Request(`http://localhost${path}`, { method: r.method, headers, body: new TextEncoder().encode(json) });
    expect(request.headers.get('content-type')).toBeNull();
    await expectProblem(await app.request(request), 415);
    await unchanged();
  });

  it.each(names)('%s: a body over 1 MB → 413, nothing saved', async (name) => {
    const r = route(name);
    const { call, cookie, path, unchanged } = await arrange(r);
    const rawBody = JSON.stringify({ ...r.valid(), relleno: long(1024 * 1024 + 1) });
    const body = await expectProblem(await call(r.method, path, { cookie, rawBody }), 413);
    // Logging in and the account routes take a few KB; the other JSON routes 1 MB.
    expect(body.title).toMatch(path.startsWith('/api/session') ? /4 KB/ : path.startsWith('/api/users') ? /16 KB/ : /1 MB/);
    await unchanged();
  });
});

describe('forum bodies: the rules of a forum', () => {
  const forumRoutes = ['POST /api/forums', 'PUT /api/forums/:id'];
  const cases: [string, Record<string, unknown>, string][] = [
    ['impossible date 2022-02-30', { date: '2022-02-30' }, 'date'],
    ['impossible date 2022-04-31', { date: '2022-04-31' }, 'date'],
    ['29 February of a common year', { year: 2023, date: '2023-02-29' }, 'date'],
    ['month 13', { date: '2022-13-01' }, 'date'],
    ['day-first date', { date: '07-09-2022' }, 'date'],
    ['date with a time', { date: '2022-09-07T10:00:00Z' }, 'date'],
    ['date outside the forum year', { year: 2022, date: '2023-01-15' }, 'date'],
    ['date in the year before', { year: 2023, date: '2022-12-31' }, 'date'],
    ['year before 2000', { year: 1999, date: null }, 'year'],
    ['year with decimals', { year: 2022.5 }, 'year'],
    ['hour 24', { time: '24:00' }, 'time'],
    ['time without minutes', { time: '10' }, 'time'],
    ['zero duration', { durationMinutes: 0 }, 'durationMinutes'],
    ['duration over a day', { durationMinutes: 1441 }, 'durationMinutes'],
    ['ftp stream link', { streamUrl: 'ftp://example.org/video' }, 'streamUrl'],
    ['javascript: stream link', { streamUrl: 'javascript:alert(1)' }, 'streamUrl'],
    ['stream link that is not a URL', { streamUrl: 'facebook en vivo' }, 'streamUrl'],
    ['unknown platform', { platform: 'tiktok' }, 'platform'],
    ['unknown status', { status: 'done' }, 'status'],
    ['blank title', { title: '   ' }, 'title'],
    ['missing title', { title: undefined }, 'title'],
    ['blank allied entity', { alliedEntities: ['Secretaría', ''] }, 'alliedEntities.1'],
    ['list given as text', { responsibleTeams: 'Comunicaciones' }, 'responsibleTeams'],
    ['unknown key inside an expert', { experts: [{ name: 'Ana', role: '', organization: '', email: 'a@b.co' }] }, 'experts.0.email'],
    ['question without text', { questions: [{ text: '', channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }] }, 'questions.0.text'],
    ['question with an unknown channel', { questions: [{ text: '¿Y?', channel: 'whatsapp', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }] }, 'questions.0.channel'],
    ['over-long question', { questions: [{ text: long(2001), channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }] }, 'questions.0.text'],
    ['too many guiding questions', { guidingQuestions: Array.from({ length: 51 }, (_, i) => `Pregunta ${i}`) }, 'guidingQuestions'],
  ];
  const matrix = forumRoutes.flatMap((name) => cases.map(([label, patch, field]) => [name, label, patch, field] as const));

  it.each(matrix)('%s: %s → 400 at the field, nothing saved', async (name, _label, patch, field) => {
    const r = route(name);
    const { call, cookie, path, unchanged } = await arrange(r);
    const res = await call(r.method, path, { cookie, body: { ...r.valid(), ...patch } });
    await expectValidationProblem(res, [field]);
    await unchanged();
  });

  it('the date/year mismatch has its own Spanish message', async () => {
    const r = route('POST /api/forums');
    const { call, cookie, path } = await arrange(r);
    const body = await expectValidationProblem(await call('POST', path, { cookie, body: { ...r.valid(), year: 2022, date: '2023-01-15' } }), ['date']);
    expect(body.errors).toEqual([{ path: 'date', message: 'La fecha debe caer dentro de la vigencia del foro.' }]);
  });

  it.each([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -1],
    ['text', '1'],
    ['decimal', 1.5],
  ])('PUT with a %s version → 400 at version, nothing saved', async (_label, version) => {
    const r = route('PUT /api/forums/:id');
    const { call, cookie, path, unchanged } = await arrange(r);
    await expectValidationProblem(await call('PUT', path, { cookie, body: { ...validForum(), version } }), ['version']);
    await unchanged();
  });
});

describe('user bodies: the rules of an account', () => {
  it.each([
    ['username with spaces', { username: 'ana maria' }, 'username'],
    ['username too short', { username: 'ab' }, 'username'],
    ['password too short', { password: 'corta' }, 'password'],
    ['unknown role', { role: 'superadmin' }, 'role'],
    ['blank display name', { displayName: '  ' }, 'displayName'],
  ])('POST /api/users: %s → 400, nothing saved', async (_label, patch, field) => {
    const r = route('POST /api/users');
    const { call, cookie, path, unchanged } = await arrange(r);
    await expectValidationProblem(await call('POST', path, { cookie, body: { ...r.valid(), ...patch } }), [field]);
    await unchanged();
  });

  it('PATCH cannot change the username or the password', async () => {
    const r = route('PATCH /api/users/:id');
    const { call, cookie, path, unchanged } = await arrange(r);
    await expectValidationProblem(await call('PATCH', path, { cookie, body: { username: 'otro' } }), ['username']);
    await expectValidationProblem(await call('PATCH', path, { cookie, body: { password: 'clave-larga-nueva' } }), ['password']);
    await unchanged();
  });
});

describe('bad ids on every route that takes one', () => {
  const idRoutes: { name: string; method: string; path: (id: string) => string; login: string; body?: () => unknown }[] = [
    { name: 'GET /api/forums/:id', method: 'GET', path: (id) => `/api/forums/${id}`, login: 'editora' },
    { name: 'PUT /api/forums/:id', method: 'PUT', path: (id) => `/api/forums/${id}`, login: 'editora', body: () => ({ ...validForum(), version: 1 }) },
    { name: 'DELETE /api/forums/:id', method: 'DELETE', path: (id) => `/api/forums/${id}`, login: 'editora' },
    { name: 'GET /api/forums/:id/history', method: 'GET', path: (id) => `/api/forums/${id}/history`, login: 'editora' },
    { name: 'PATCH /api/users/:id', method: 'PATCH', path: (id) => `/api/users/${id}`, login: 'admin', body: () => ({ role: 'editor' }) },
    { name: 'POST /api/users/:id/password', method: 'POST', path: (id) => `/api/users/${id}/password`, login: 'admin', body: () => ({ password: 'clave-larga-nueva' }) },
  ];
  const badIds = ['abc', '-1', '1.5', '0', '99999999999999999999', '9007199254740993', '%20', '1abc'];
  const matrix = idRoutes.flatMap((r) => badIds.map((id) => [r.name, id] as const));

  it.each(matrix)('%s with id %j → 4xx problem, nothing changed', async (name, id) => {
    const r = idRoutes.find((x) => x.name === name)!;
    const api = await createTestApi({ demo: true });
    const cookie = await api.login(r.login);
    const before = await dbSnapshot(api.db);
    const res = await api.call(r.method, r.path(id), { cookie, body: r.body?.() });
    const body = await expectProblem(res, 404);
    expect(body.title).toMatch(/No existe/);
    expect(await dbSnapshot(api.db)).toEqual(before);
  });
});

describe('bad list queries', () => {
  it.each([
    ['pageSize=101', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=abc', 'pageSize'],
    ['page=0', 'page'],
    ['page=-2', 'page'],
    ['page=1.5', 'page'],
    ['year=abc', 'year'],
    ['year=1999', 'year'],
    ['status=done', 'status'],
    ['platform=tiktok', 'platform'],
    ['sort=color', 'sort'],
    ['sort=--date', 'sort'],
    [`q=${long(201)}`, 'q'],
    ['orden=title', 'orden'],
  ])('GET /api/forums?%s → 400 naming %s', async (query, field) => {
    const { call, login } = await createTestApi({ demo: true });
    const cookie = await login('revisor');
    const body = await expectValidationProblem(await call('GET', `/api/forums?${query}`, { cookie }), [field]);
    expect(body.title).toBe('Los parámetros de la consulta no son válidos.');
  });

  it('an empty parameter is ignored rather than refused', async () => {
    const { call, login } = await createTestApi({ demo: true });
    const cookie = await login('revisor');
    const res = await call('GET', '/api/forums?q=&year=&page=', { cookie });
    expect(res.status).toBe(200);
    expect((await res.json()).total).toBe(3);
  });
});

describe('routes and methods that do not exist', () => {
  it.each([
    ['GET', '/api/nada'],
    ['POST', '/api/nada'],
    ['DELETE', '/api/forums/1/nada/2'],
    ['GET', '/api/forums/1/nada'],
    ['GET', '/api'],
  ])('%s %s → 404 problem in Spanish', async (method, path) => {
    const { call, login } = await createTestApi({ demo: true });
    const cookie = await login('admin');
    await expectProblem(await call(method, path, { cookie, body: method === 'GET' ? undefined : {} }), 404);
    // Also without a session, Origin or content type: the path is unknown before anything else is asked.
    await expectProblem(await call(method, path, { origin: null, headers: { 'content-type': 'text/plain' } }), 404);
  });

  it.each([
    ['PATCH', '/api/forums', 'GET, POST'],
    ['POST', '/api/forums/1', 'GET, PUT, DELETE'],
    ['PUT', '/api/session', 'GET, POST, DELETE'],
  ])('%s %s (the path exists with other methods) → 405 with Allow', async (method, path, allow) => {
    const { call, login } = await createTestApi({ demo: true });
    const cookie = await login('admin');
    const res = await call(method, path, { cookie, body: {} });
    await expectProblem(res, 405);
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(allow.split(', ').sort());
  });
});

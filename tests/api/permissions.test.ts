import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';
import { dbSnapshot, expectProblem, validForum } from '../support/api-assertions';

type Role = 'admin' | 'editor' | 'reviewer' | 'anonymous';
const loginFor: Record<Exclude<Role, 'anonymous'>, string> = { admin: 'admin', editor: 'editora', reviewer: 'revisor' };

/** What a route's request is built against: one forum, the reviewer's account, one open consultation with one response. */
interface Ctx {
  forumId: number;
  reviewerId: number;
  consultationId: number;
  topicId: number;
  responseId: number;
}

interface Route {
  name: string;
  method: string;
  /** Builds the path (and body) against a fresh API holding one forum (`forumId`) and the three accounts. */
  request: (ctx: Ctx) => { path: string; body?: unknown; rawBody?: string; headers?: Record<string, string> };
  expected: Record<Role, number>;
  /** A successful call that must leave the database as it was (a dry run). */
  readOnly?: boolean;
}

const read = (ok = 200): Record<Role, number> => ({ admin: ok, editor: ok, reviewer: ok, anonymous: 401 });
const writeForums = (ok: number): Record<Role, number> => ({ admin: ok, editor: ok, reviewer: 403, anonymous: 401 });
const writeMetrics = writeForums;
const csv = { rawBody: 'Title,3-second video views\nVideo del foro,10\n', headers: { 'content-type': 'text/csv' } };
const writeConsultations = writeForums;
const consultationBody = () => ({
  year: 2023,
  title: 'Consulta 2023',
  openDate: '2023-03-01',
  closeDate: '2023-03-31',
  channels: ['web'],
  status: 'open',
  topics: [{ title: 'Salud mental', description: '', proposingTeam: '' }],
});
const responseBody = (topicId: number) => ({ valueGroupKind: 'external', valueGroup: '', topicIds: [topicId], proposedTopic: '', questions: ['¿Cuándo?'], channel: 'web', date: '2023-03-10' });
const importBody = {
  header: ['Marca temporal', 'Correo electrónico', 'Grupo de valor', 'Temas'],
  rows: [['2023/03/02 10:15:00 a. m. GMT-5', 'ana@example.org', 'Ciudadanía', 'Salud mental']],
  mapping: { 'Marca temporal': 'timestamp', 'Correo electrónico': 'personal', 'Grupo de valor': 'valueGroup', Temas: 'topics' },
  lateMode: 'mark',
  defaultChannel: 'web',
};
const manageUsers = (ok: number): Record<Role, number> => ({ admin: ok, editor: 403, reviewer: 403, anonymous: 401 });

const routes: Route[] = [
  { name: 'GET /api/session', method: 'GET', request: () => ({ path: '/api/session' }), expected: read() },
  { name: 'DELETE /api/session', method: 'DELETE', request: () => ({ path: '/api/session' }), expected: { admin: 204, editor: 204, reviewer: 204, anonymous: 204 } },
  { name: 'GET /api/users', method: 'GET', request: () => ({ path: '/api/users' }), expected: manageUsers(200) },
  {
    name: 'POST /api/users',
    method: 'POST',
    request: () => ({ path: '/api/users', body: { username: 'nueva', displayName: 'Nueva', role: 'editor', password: 'clave-larga-nueva' } }),
    expected: manageUsers(201),
  },
  {
    name: 'PATCH /api/users/:id',
    method: 'PATCH',
    request: ({ reviewerId }) => ({ path: `/api/users/${reviewerId}`, body: { displayName: 'Revisor renombrado' } }),
    expected: manageUsers(200),
  },
  {
    name: 'POST /api/users/:id/password',
    method: 'POST',
    request: ({ reviewerId }) => ({ path: `/api/users/${reviewerId}/password`, body: { password: 'clave-larga-nueva' } }),
    expected: manageUsers(204),
  },
  { name: 'GET /api/forums', method: 'GET', request: () => ({ path: '/api/forums' }), expected: read() },
  { name: 'GET /api/forums/years', method: 'GET', request: () => ({ path: '/api/forums/years' }), expected: read() },
  { name: 'POST /api/forums', method: 'POST', request: () => ({ path: '/api/forums', body: validForum({ title: 'Nuevo' }) }), expected: writeForums(201) },
  { name: 'GET /api/forums/:id', method: 'GET', request: ({ forumId }) => ({ path: `/api/forums/${forumId}` }), expected: read() },
  {
    name: 'PUT /api/forums/:id',
    method: 'PUT',
    request: ({ forumId }) => ({ path: `/api/forums/${forumId}`, body: { ...validForum({ title: 'Cambiado' }), version: 1 } }),
    expected: writeForums(200),
  },
  { name: 'DELETE /api/forums/:id', method: 'DELETE', request: ({ forumId }) => ({ path: `/api/forums/${forumId}` }), expected: writeForums(204) },
  { name: 'GET /api/forums/:id/history', method: 'GET', request: ({ forumId }) => ({ path: `/api/forums/${forumId}/history` }), expected: read() },
  { name: 'GET /api/forums/:id/metrics', method: 'GET', request: ({ forumId }) => ({ path: `/api/forums/${forumId}/metrics` }), expected: read() },
  {
    name: 'PUT /api/forums/:id/metrics',
    method: 'PUT',
    request: ({ forumId }) => ({
      path: `/api/forums/${forumId}/metrics`,
      body: { postCard: null, liveSummary: null, sincePublication: { source: 'manual', asOf: '2022-10-20', views3s: { value: 10, approximate: false } }, version: 0 },
    }),
    expected: writeMetrics(200),
  },
  {
    name: 'POST /api/forums/:id/metrics/import (dry run)',
    method: 'POST',
    request: ({ forumId }) => ({ path: `/api/forums/${forumId}/metrics/import?dryRun=1`, ...csv }),
    expected: writeMetrics(200),
    readOnly: true,
  },
  {
    name: 'POST /api/forums/:id/metrics/import',
    method: 'POST',
    request: ({ forumId }) => ({ path: `/api/forums/${forumId}/metrics/import?version=0`, ...csv }),
    expected: writeMetrics(200),
  },
  { name: 'GET /api/metrics', method: 'GET', request: () => ({ path: '/api/metrics?year=2022' }), expected: read() },
  { name: 'GET /api/consultations', method: 'GET', request: () => ({ path: '/api/consultations?year=2023' }), expected: read() },
  { name: 'POST /api/consultations', method: 'POST', request: () => ({ path: '/api/consultations', body: consultationBody() }), expected: writeConsultations(201) },
  { name: 'GET /api/consultations/:id', method: 'GET', request: ({ consultationId }) => ({ path: `/api/consultations/${consultationId}` }), expected: read() },
  {
    name: 'PUT /api/consultations/:id',
    method: 'PUT',
    request: ({ consultationId, topicId }) => ({
      path: `/api/consultations/${consultationId}`,
      body: { ...consultationBody(), title: 'Consulta cambiada', topics: [{ id: topicId, title: 'Salud mental', description: '', proposingTeam: '' }], version: 1 },
    }),
    expected: writeConsultations(200),
  },
  { name: 'DELETE /api/consultations/:id', method: 'DELETE', request: ({ consultationId }) => ({ path: `/api/consultations/${consultationId}` }), expected: writeConsultations(204) },
  { name: 'GET /api/consultations/:id/responses', method: 'GET', request: ({ consultationId }) => ({ path: `/api/consultations/${consultationId}/responses` }), expected: read() },
  {
    name: 'POST /api/consultations/:id/responses',
    method: 'POST',
    request: ({ consultationId, topicId }) => ({ path: `/api/consultations/${consultationId}/responses`, body: responseBody(topicId) }),
    expected: writeConsultations(201),
  },
  {
    name: 'DELETE /api/consultations/:id/responses/:responseId',
    method: 'DELETE',
    request: ({ consultationId, responseId }) => ({ path: `/api/consultations/${consultationId}/responses/${responseId}` }),
    expected: writeConsultations(204),
  },
  {
    name: 'POST /api/consultations/:id/responses/import (dry run)',
    method: 'POST',
    request: ({ consultationId }) => ({ path: `/api/consultations/${consultationId}/responses/import?dryRun=1`, body: importBody }),
    expected: writeConsultations(200),
    readOnly: true,
  },
  {
    name: 'POST /api/consultations/:id/responses/import',
    method: 'POST',
    request: ({ consultationId }) => ({ path: `/api/consultations/${consultationId}/responses/import`, body: importBody }),
    expected: writeConsultations(200),
  },
  { name: 'GET /api/consultations/:id/tally', method: 'GET', request: ({ consultationId }) => ({ path: `/api/consultations/${consultationId}/tally` }), expected: read() },
  {
    name: 'POST /api/consultations/:id/topics/:topicId/forum',
    method: 'POST',
    request: ({ consultationId, topicId }) => ({ path: `/api/consultations/${consultationId}/topics/${topicId}/forum` }),
    expected: writeConsultations(201),
  },
  { name: 'GET /api/openapi.json', method: 'GET', request: () => ({ path: '/api/openapi.json' }), expected: { admin: 200, editor: 200, reviewer: 200, anonymous: 200 } },
];

const roles: Role[] = ['admin', 'editor', 'reviewer', 'anonymous'];
const matrix = routes.flatMap((route) => roles.map((role) => [route.name, role, route.expected[role]] as const));

async function arrange(role: Role) {
  const api = await createTestApi();
  const admin = await api.login('admin');
  const created = await api.call('POST', '/api/forums', { cookie: admin, body: validForum() });
  const forumId = ((await created.json()) as { id: number }).id;
  const reviewer = await api.db.selectFrom('users').select('id').where('username', '=', 'revisor').executeTakeFirstOrThrow();
  const consultation = (await (await api.call('POST', '/api/consultations', { cookie: admin, body: consultationBody() })).json()) as { id: number; topics: { id: number }[] };
  const topicId = consultation.topics[0].id;
  const response = await api.call('POST', `/api/consultations/${consultation.id}/responses`, { cookie: admin, body: responseBody(topicId) });
  const responseId = ((await response.json()) as { id: number }).id;
  const cookie = role === 'anonymous' ? undefined : await api.login(loginFor[role]);
  return { ...api, cookie, ctx: { forumId, reviewerId: reviewer.id, consultationId: consultation.id, topicId, responseId } };
}

describe('permission matrix: each role × each route', () => {
  it.each(matrix)('%s as %s → %i', async (name, role, status) => {
    const route = routes.find((r) => r.name === name)!;
    const { call, db, cookie, ctx } = await arrange(role);
    const { path, body, rawBody, headers } = route.request(ctx);
    const before = await dbSnapshot(db);
    const res = await call(route.method, path, { cookie, body, rawBody, headers });
    if (status >= 400) {
      await expectProblem(res, status);
      // A refused request saves nothing, not even an audit entry.
      expect(await dbSnapshot(db)).toEqual(before);
    } else {
      expect(res.status).toBe(status);
      if (route.readOnly) expect(await dbSnapshot(db)).toEqual(before);
      else if (route.method !== 'GET' && route.method !== 'DELETE') expect(await dbSnapshot(db)).not.toEqual(before);
    }
  });
});

describe('permissions: what a refusal tells', () => {
  it('anonymous gets 401 (not 404) even for a forum that does not exist', async () => {
    const { call } = await createTestApi();
    const body = await expectProblem(await call('GET', '/api/forums/999'), 401);
    expect(body.title).toBe('Inicie sesión para continuar.');
  });

  it('a reviewer gets 403 with a Spanish reason, before the body is even validated', async () => {
    const { call, login } = await createTestApi();
    const cookie = await login('revisor');
    const body = await expectProblem(await call('POST', '/api/forums', { cookie, body: { nonsense: true } }), 403);
    expect(body.title).toBe('Su rol no tiene permiso para esta acción.');
  });

  it('a session cookie that is not ours is anonymous', async () => {
    const { call } = await createTestApi();
    for (const cookie of ['foros_session=abc', `foros_session=${'0'.repeat(64)}`, 'foros_session=']) {
      await expectProblem(await call('GET', '/api/forums', { cookie }), 401);
    }
  });

  it('logging out ends the session for every route', async () => {
    const { call, login } = await createTestApi();
    const cookie = await login('admin');
    expect((await call('DELETE', '/api/session', { cookie })).status).toBe(204);
    await expectProblem(await call('GET', '/api/users', { cookie }), 401);
    await expectProblem(await call('GET', '/api/forums', { cookie }), 401);
  });
});

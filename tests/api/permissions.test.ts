import { describe, expect, it } from 'vitest';
import { createArrangedTestApi, createTestApi, type TestApi } from '../support/test-api';
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
  /** The 2022 report (created by admin): a section in review last edited by editora, a draft, two revisions of the first, a comment. */
  report: { reviewId: number; draftId: number; draftVersion: number; reviewVersion: number; revisionIds: number[]; commentId: number; sectionIds: number[] };
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
  { name: 'GET /api/people', method: 'GET', request: () => ({ path: '/api/people' }), expected: read(200) },
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
    request: ({ forumId }) => ({ path: `/api/forums/${forumId}/metrics/import?dryRun=1&asOf=2022-10-20`, ...csv }),
    expected: writeMetrics(200),
    readOnly: true,
  },
  {
    name: 'POST /api/questions/import (dry run)',
    method: 'POST',
    request: ({ forumId }) => ({ path: '/api/questions/import?dryRun=1', body: { header: ['Pregunta', 'Canal'], rows: [['¿Cuándo abren?', 'Chat en vivo']], mapping: { Pregunta: 'text', Canal: 'channel' }, forumId } }),
    expected: writeForums(200),
    readOnly: true,
  },
  {
    name: 'POST /api/questions/import',
    method: 'POST',
    request: ({ forumId }) => ({ path: '/api/questions/import', body: { header: ['Pregunta', 'Canal'], rows: [['¿Cuándo abren?', 'Chat en vivo']], mapping: { Pregunta: 'text', Canal: 'channel' }, forumId } }),
    expected: writeForums(200),
  },
  {
    name: 'POST /api/forums/:id/metrics/import',
    method: 'POST',
    request: ({ forumId }) => ({ path: `/api/forums/${forumId}/metrics/import?version=0&asOf=2022-10-20`, ...csv }),
    expected: writeMetrics(200),
  },
  { name: 'GET /api/metrics', method: 'GET', request: () => ({ path: '/api/metrics?year=2022' }), expected: read() },
  { name: 'GET /api/consultations', method: 'GET', request: () => ({ path: '/api/consultations?year=2023' }), expected: read() },
  {
    name: 'POST /api/consultations',
    method: 'POST',
    // 2023 already has its consultation (arrange); one per year.
    request: () => ({ path: '/api/consultations', body: { ...consultationBody(), year: 2024, title: 'Consulta 2024', openDate: '2024-03-01', closeDate: '2024-03-31' } }),
    expected: writeConsultations(201),
  },
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
  ...reportRoutes(),
  { name: 'GET /api/openapi.json', method: 'GET', request: () => ({ path: '/api/openapi.json' }), expected: { admin: 200, editor: 200, reviewer: 200, anonymous: 200 } },
];

/** The report routes: read by all, written by admin and editor, reviewed by admin and reviewer, commented by all. */
function reportRoutes(): Route[] {
  const writeReports = (ok: number): Record<Role, number> => ({ admin: ok, editor: ok, reviewer: 403, anonymous: 401 });
  const reviewReports = (ok: number): Record<Role, number> => ({ admin: ok, editor: 403, reviewer: ok, anonymous: 401 });
  const reportBody = { title: 'Informe', entity: 'IDIPRON', strategy: 'Estrategia de Rendición de Cuentas', preparedBy: { name: 'A', role: 'B', office: 'C' } };
  const base = '/api/reports/2022';
  const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cambio' }] }] };
  return [
    { name: 'GET /api/reports', method: 'GET', request: () => ({ path: '/api/reports' }), expected: read() },
    { name: 'POST /api/reports/:year', method: 'POST', request: () => ({ path: '/api/reports/2023', body: reportBody }), expected: writeReports(201) },
    { name: 'GET /api/reports/:year', method: 'GET', request: () => ({ path: base }), expected: read() },
    { name: 'PUT /api/reports/:year', method: 'PUT', request: () => ({ path: base, body: { ...reportBody, title: 'Otro', version: 1 } }), expected: writeReports(200) },
    { name: 'POST /api/reports/:year/sections', method: 'POST', request: () => ({ path: `${base}/sections`, body: { title: 'Anexo', kind: 'free' } }), expected: writeReports(201) },
    {
      name: 'POST /api/reports/:year/sections/order',
      method: 'POST',
      request: ({ report }) => ({ path: `${base}/sections/order`, body: { ids: [...report.sectionIds].reverse() } }),
      expected: writeReports(200),
    },
    { name: 'GET /api/reports/:year/sections/:id', method: 'GET', request: ({ report }) => ({ path: `${base}/sections/${report.draftId}` }), expected: read() },
    {
      name: 'PUT /api/reports/:year/sections/:id',
      method: 'PUT',
      request: ({ report }) => ({ path: `${base}/sections/${report.draftId}`, body: { title: 'Conclusiones', content: doc, version: report.draftVersion } }),
      expected: writeReports(200),
    },
    { name: 'DELETE /api/reports/:year/sections/:id', method: 'DELETE', request: ({ report }) => ({ path: `${base}/sections/${report.draftId}` }), expected: writeReports(204) },
    { name: 'POST /api/reports/:year/sections/:id/submit', method: 'POST', request: ({ report }) => ({ path: `${base}/sections/${report.draftId}/submit`, body: {} }), expected: writeReports(200) },
    { name: 'POST /api/reports/:year/sections/:id/approve', method: 'POST', request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/approve` }), expected: reviewReports(200) },
    {
      name: 'POST /api/reports/:year/sections/:id/request-changes',
      method: 'POST',
      request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/request-changes`, body: { comment: 'Revise el párrafo.', quote: 'Cambio' } }),
      expected: reviewReports(200),
    },
    { name: 'GET /api/reports/:year/sections/:id/revisions', method: 'GET', request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/revisions` }), expected: read() },
    {
      name: 'GET /api/reports/:year/sections/:id/revisions/:revisionId',
      method: 'GET',
      request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/revisions/${report.revisionIds[0]}` }),
      expected: read(),
    },
    {
      name: 'POST /api/reports/:year/sections/:id/revisions/:revisionId/restore',
      method: 'POST',
      request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/revisions/${report.revisionIds[0]}/restore`, body: { version: report.reviewVersion } }),
      expected: writeReports(200),
    },
    {
      name: 'GET /api/reports/:year/sections/:id/diff',
      method: 'GET',
      request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/diff?from=${report.revisionIds[0]}&to=${report.revisionIds[1]}` }),
      expected: read(),
    },
    { name: 'GET /api/reports/:year/sections/:id/history', method: 'GET', request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/history` }), expected: read() },
    { name: 'GET /api/reports/:year/sections/:id/comments', method: 'GET', request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/comments` }), expected: read() },
    {
      name: 'POST /api/reports/:year/sections/:id/comments',
      method: 'POST',
      request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/comments`, body: { body: 'Una nota.', parentId: report.commentId } }),
      expected: read(201),
    },
    // Recording a final export: admin and editor only (the test report is not all approved: 409 for them).
    { name: 'POST /api/reports/:year/export.docx', method: 'POST', request: () => ({ path: `${base}/export.docx` }), expected: { admin: 409, editor: 409, reviewer: 403, anonymous: 401 } },
    {
      name: 'POST /api/reports/:year/exports',
      method: 'POST',
      request: () => ({ path: `${base}/exports`, body: { sha256: 'a'.repeat(64), bytes: 1000, fileName: 'informe-2022.docx' } }),
      expected: { admin: 409, editor: 409, reviewer: 403, anonymous: 401 },
    },
    {
      name: 'POST /api/reports/:year/sections/:id/comments/:commentId/resolve',
      method: 'POST',
      request: ({ report }) => ({ path: `${base}/sections/${report.reviewId}/comments/${report.commentId}/resolve` }),
      expected: read(),
    },
  ];
}

/** Creates the 2022 report as admin; editora edits and submits the introduction; admin comments on it. */
async function arrangeReport(api: TestApi, admin: string): Promise<Ctx['report']> {
  const body = { title: 'Informe', entity: 'IDIPRON', strategy: 'Estrategia', preparedBy: { name: 'A', role: 'B', office: 'C' } };
  const overview = (await (await api.call('POST', '/api/reports/2022', { cookie: admin, body })).json()) as { sections: { id: number; kind: string; version: number; title: string }[] };
  const intro = overview.sections.find((s) => s.kind === 'introduction')!;
  const draft = overview.sections.find((s) => s.kind === 'conclusions')!;
  const editor = await api.login('editora');
  const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Introducción de la editora.' }] }] };
  const saved = await api.call('PUT', `/api/reports/2022/sections/${intro.id}`, { cookie: editor, body: { title: intro.title, content, version: intro.version } });
  const reviewVersion = ((await saved.json()) as { version: number }).version;
  await api.call('POST', `/api/reports/2022/sections/${intro.id}/submit`, { cookie: editor });
  const revisions = (await (await api.call('GET', `/api/reports/2022/sections/${intro.id}/revisions`, { cookie: admin })).json()) as { items: { id: number; number: number }[] };
  const comment = await api.call('POST', `/api/reports/2022/sections/${intro.id}/comments`, { cookie: admin, body: { body: 'Primera nota.' } });
  const commentId = ((await comment.json()) as { id: number }).id;
  return {
    reviewId: intro.id,
    draftId: draft.id,
    draftVersion: draft.version,
    reviewVersion,
    revisionIds: [...revisions.items].sort((a, b) => a.number - b.number).map((r) => r.id),
    commentId,
    sectionIds: overview.sections.map((s) => s.id),
  };
}

const roles: Role[] = ['admin', 'editor', 'reviewer', 'anonymous'];
const matrix = routes.flatMap((route) => roles.map((role) => [route.name, role, route.expected[role]] as const));

/**
 * One forum, one consultation with a response, the 2022 report (arrangeReport) and a session for `role`, made through
 * the API. Every test of the matrix starts from the same arrangement, so it is made once per role and worker and each
 * test gets its own copy of the resulting database (createArrangedTestApi), as if it had made it itself.
 */
async function arrange(role: Role) {
  const { arranged, ...api } = await createArrangedTestApi(`permissions-matrix:${role}`, async (api) => {
    const admin = await api.login('admin');
    const created = await api.call('POST', '/api/forums', { cookie: admin, body: validForum() });
    const forumId = ((await created.json()) as { id: number }).id;
    const reviewer = await api.db.selectFrom('users').select('id').where('username', '=', 'revisor').executeTakeFirstOrThrow();
    const consultation = (await (await api.call('POST', '/api/consultations', { cookie: admin, body: consultationBody() })).json()) as { id: number; topics: { id: number }[] };
    const topicId = consultation.topics[0].id;
    const response = await api.call('POST', `/api/consultations/${consultation.id}/responses`, { cookie: admin, body: responseBody(topicId) });
    const responseId = ((await response.json()) as { id: number }).id;
    const cookie = role === 'anonymous' ? undefined : await api.login(loginFor[role]);
    const report = await arrangeReport(api, admin);
    const ctx: Ctx = { forumId, reviewerId: reviewer.id, consultationId: consultation.id, topicId, responseId, report };
    return { cookie, ctx };
  });
  // The arrangement's sessions were last seen when it was made, once per worker: a request more than a minute later
  // (a slow run) would note the session's use (last_seen_at) and so change the database. Seen just now, as if this
  // test had logged in itself.
  await api.db.updateTable('sessions').set({ last_seen_at: new Date().toISOString() }).execute();
  return { ...api, ...arranged };
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

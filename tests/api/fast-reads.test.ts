import { describe, expect, it } from 'vitest';
import type { ApiLogger } from '../../src/api/deps';
import { hashPassword } from '../../src/api/passwords';
import { forOrganization } from '../../src/db/org-scope';
import { insertUser } from '../../src/db/user-queries';
import { validForum } from '../support/api-assertions';
import { createTestApi, fastIterations, testPassword, type TestApi } from '../support/test-api';

/**
 * The fast reads (src/api/fast-reads.ts) answer the forum and the forum list on the Node server without Hono. They
 * must give exactly the API app's answer, or hand the request back (null) so the app answers it: here each request is
 * put to both, on the same database, one after the other. Runs on SQLite and PostgreSQL. The server's side (headers,
 * the hand-back over real sockets) is in server.test.ts.
 */

function recordingLogger() {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const logger: ApiLogger = {
    info: (fields, message) => lines.push({ fields, message }),
    warn: (fields, message) => lines.push({ fields, message }),
    error: (fields, message) => lines.push({ fields, message }),
  };
  return { lines, logger };
}

/** The request through the fast reads and through the app: both answers (the fast one may be null). */
async function both(api: TestApi, target: string, cookie?: string) {
  const [path, query = ''] = target.split('?');
  const fast = await api.app.fastRead({ path, query, cookie });
  const res = await api.call('GET', target, { cookie });
  return { fast, res, body: await res.text() };
}

async function expectSameAnswer(api: TestApi, target: string, cookie: string) {
  const { fast, res, body } = await both(api, target, cookie);
  expect(res.status).toBe(200);
  expect(fast).not.toBeNull();
  expect(fast!.body).toBe(body);
  expect(fast!.headers['content-type']).toBe(res.headers.get('content-type'));
  expect(fast!.headers['cache-control']).toBe(res.headers.get('cache-control'));
  expect(fast!.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(Object.keys(fast!.headers).sort()).toEqual(['cache-control', 'content-type', 'x-request-id']);
}

async function expectHandedBack(api: TestApi, target: string, cookie: string | undefined, status: number) {
  const { fast, res } = await both(api, target, cookie);
  expect(fast).toBeNull();
  expect(res.status).toBe(status);
}

describe('fast reads: the forum and the forum list', () => {
  it('answer what the app answers, with the same log line', async () => {
    const { lines, logger } = recordingLogger();
    const api = await createTestApi({ demo: true, logger });
    const forumId = Number((await api.db.selectFrom('forums').select('id').orderBy('id').executeTakeFirstOrThrow()).id);
    for (const username of ['admin', 'editora', 'revisor']) {
      const cookie = await api.login(username);
      await expectSameAnswer(api, `/api/forums/${forumId}`, cookie);
      // A query string changes nothing for the forum (the app ignores it too).
      await expectSameAnswer(api, `/api/forums/${forumId}?x=1`, cookie);
      for (const query of ['', 'q=foro', 'q=%C3%A1rea+de&year=2022', 'year=2022&status=held&page=1&pageSize=5&sort=-date', 'sort=title&page=2&pageSize=3', 'q=&year=', 'page=1&page=2', 'platform=zoom&sort=-updatedAt']) {
        await expectSameAnswer(api, `/api/forums${query ? `?${query}` : ''}`, cookie);
      }
    }
    const requests = lines.filter((l) => l.message === 'petición' && l.fields.status === 200);
    const byRoute = (route: string) => requests.filter((l) => l.fields.route === route).map(({ fields: { reqId: _id, ms: _ms, ...rest } }) => rest);
    // Every request above was logged twice (fast, then the app) with the same fields but its id and time.
    expect(byRoute('/api/forums/:id')).toHaveLength(12);
    expect(byRoute('/api/forums')).toHaveLength(48);
    for (const route of ['/api/forums/:id', '/api/forums']) expect(new Set(byRoute(route).map((f) => JSON.stringify(f)))).toEqual(new Set([JSON.stringify({ method: 'GET', route, status: 200 })]));
  });

  it('hand back to the app whatever is not a plain 200: no session, ended sessions, bad ids and queries, missing forums', async () => {
    const api = await createTestApi({ demo: true });
    const cookie = await api.login('editora');
    await expectHandedBack(api, '/api/forums/1', undefined, 401);
    await expectHandedBack(api, '/api/forums', 'foros_session=nada', 401);
    await expectHandedBack(api, '/api/forums', `foros_session=${'a'.repeat(64)}`, 401);
    await expectHandedBack(api, '/api/forums/999999', cookie, 404);
    await expectHandedBack(api, '/api/forums?pageSize=500', cookie, 400);
    await expectHandedBack(api, '/api/forums?otro=1', cookie, 400);
    await expectHandedBack(api, '/api/forums?sort=nada', cookie, 400);
    expect(await api.app.fastRead({ path: '/api/forums/0', query: '', cookie })).toBeNull();
    expect(await api.app.fastRead({ path: '/api/forums/years', query: '', cookie })).toBeNull();
    expect(await api.app.fastRead({ path: '/api/forums/1/history', query: '', cookie })).toBeNull();
    // A query with what URL parsing would re-encode takes the app's way.
    expect(await api.app.fastRead({ path: '/api/forums', query: 'q=a#b', cookie })).toBeNull();
    expect(await api.app.fastRead({ path: '/api/forums', query: 'q=á', cookie })).toBeNull();

    // Logged out: refused at once, by both.
    expect((await api.call('DELETE', '/api/session', { cookie })).status).toBe(204);
    await expectHandedBack(api, '/api/forums', cookie, 401);
  });

  it('read the session from the database every time: a deactivated account or organisation, a removed session, a changed role', async () => {
    const api = await createTestApi({ demo: true });
    const forumId = Number((await api.db.selectFrom('forums').select('id').orderBy('id').executeTakeFirstOrThrow()).id);
    const editor = await api.login('editora');
    await expectSameAnswer(api, `/api/forums/${forumId}`, editor);
    // Changed behind the API (another process, a script): the very next read sees it.
    await api.db.updateTable('users').set({ active: 0 }).where('username', '=', 'editora').execute();
    await expectHandedBack(api, `/api/forums/${forumId}`, editor, 401);
    await api.db.updateTable('users').set({ active: 1 }).where('username', '=', 'editora').execute();
    await expectSameAnswer(api, `/api/forums/${forumId}`, editor);
    await api.db.updateTable('organizations').set({ active: 0 }).where('id', '=', 1).execute();
    await expectHandedBack(api, '/api/forums', editor, 401);
    await api.db.updateTable('organizations').set({ active: 1 }).where('id', '=', 1).execute();
    await expectSameAnswer(api, '/api/forums', editor);
    await api.db.deleteFrom('sessions').execute();
    await expectHandedBack(api, '/api/forums', editor, 401);

    // A role change holds on the next request: the session's user (role included) is read with it.
    const reviewer = await api.login('revisor');
    await expectSameAnswer(api, '/api/forums', reviewer);
    await api.db.updateTable('users').set({ role: 'editor' }).where('username', '=', 'revisor').execute();
    const session = await api.call('GET', '/api/session', { cookie: reviewer });
    expect((await session.json()).user.role).toBe('editor');
    await expectSameAnswer(api, '/api/forums', reviewer);
  });

  it('keep each organisation to its own forums', async () => {
    const api = await createTestApi({ demo: true });
    const root = api.db;
    await root.insertInto('organizations').values({ name: 'Entidad Alfa', acronym: 'ALFA', slug: 'alfa', created_at: new Date().toISOString() }).execute();
    const alfa = Number((await root.selectFrom('organizations').select('id').where('slug', '=', 'alfa').executeTakeFirstOrThrow()).id);
    await insertUser(forOrganization(root, alfa), { username: 'alfa-editora', displayName: 'Editora Alfa', role: 'editor', passwordHash: await hashPassword(testPassword, fastIterations) }, new Date().toISOString());
    const alfaEditor = await api.login('alfa-editora');
    const firstForum = Number((await root.selectFrom('forums').select('id').where('organization_id', '=', 1).orderBy('id').executeTakeFirstOrThrow()).id);
    // The first organisation's forum does not exist for Alfa; Alfa's list is its own (empty).
    await expectHandedBack(api, `/api/forums/${firstForum}`, alfaEditor, 404);
    await expectSameAnswer(api, '/api/forums', alfaEditor);
    expect(JSON.parse((await api.app.fastRead({ path: '/api/forums', query: '', cookie: alfaEditor }))!.body)).toMatchObject({ items: [], total: 0 });
    // Alfa's own forum, and only it.
    const created = await api.call('POST', '/api/forums', { cookie: alfaEditor, body: validForum({ title: 'Foro de Alfa' }) });
    expect(created.status).toBe(201);
    const alfaForum = (await created.json()) as { id: number };
    await expectSameAnswer(api, `/api/forums/${alfaForum.id}`, alfaEditor);
    const list = JSON.parse((await api.app.fastRead({ path: '/api/forums', query: '', cookie: alfaEditor }))!.body) as { items: { title: string }[]; total: number };
    expect(list.items.map((f) => f.title)).toEqual(['Foro de Alfa']);
    await expectHandedBack(api, `/api/forums/${alfaForum.id}`, await api.login('editora'), 404);
  });

  it('mirror the app’s middleware for these routes: a new one fails here until fast-reads.ts does what it does', async () => {
    const api = await createTestApi();
    const pattern = (path: string) => new RegExp(`^${path.replace(/\*/g, '.*').replace(/:[a-z]+/g, '[^/]+')}$`);
    const applying = (target: string) => api.app.routes.filter((r) => (r.method === 'ALL' || r.method === 'GET') && pattern(r.path).test(target));
    // The 8 every request goes through (request id and log line, 404/405, origin, content type, session, organisation
    // scope, write limit, body limit), then the route's own: permission, its OpenAPI description, (the query's schema,)
    // the handler. The fast reads do each that matters for a GET of a logged-in reader.
    expect(applying('/api/forums').length).toBe(8 + 4);
    expect(applying('/api/forums/1').length).toBe(8 + 3);
  });
});

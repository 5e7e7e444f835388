import { describe, expect, it } from 'vitest';
import { createTestApi } from '../support/test-api';

/**
 * The session check reads the session from the database on every request (auth.ts keeps only tokens' hashes in
 * memory): it never answers with a session that is gone, changed or expired — not even one changed by another
 * server process or a script (issue 15).
 */
describe('session checks', () => {
  const clock = () => {
    let at = Date.parse('2026-03-02T10:00:00Z');
    return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
  };

  it('a renamed account shows its new name on the next request of its open session', async () => {
    const { call, login, db } = await createTestApi();
    const admin = await login('admin');
    const editor = await login('editora');
    expect((await (await call('GET', '/api/session', { cookie: editor })).json()).user.displayName).toBe('Editora de prueba');
    const { id } = await db.selectFrom('users').select('id').where('username', '=', 'editora').executeTakeFirstOrThrow();
    expect((await call('PATCH', `/api/users/${id}`, { cookie: admin, body: { displayName: 'Editora renombrada' } })).status).toBe(200);
    expect((await (await call('GET', '/api/session', { cookie: editor })).json()).user.displayName).toBe('Editora renombrada');
  });

  it('logging out ends the session at once, even right after it was read', async () => {
    const { call, login } = await createTestApi();
    const cookie = await login('editora');
    expect((await call('GET', '/api/forums', { cookie })).status).toBe(200);
    expect((await call('DELETE', '/api/session', { cookie })).status).toBe(204);
    expect((await call('GET', '/api/forums', { cookie })).status).toBe(401);
  });

  it('an expired session is refused even if it was read a moment before', async () => {
    const time = clock();
    const { call, login } = await createTestApi({ now: time.now });
    const cookie = await login('editora');
    expect((await call('GET', '/api/session', { cookie })).status).toBe(200);
    // Used every 7 h (never idle for 8 h) up to a second before its 24 h end, read then, and refused just after.
    for (let i = 0; i < 3; i++) {
      time.advance(7 * 3_600_000);
      expect((await call('GET', '/api/session', { cookie })).status).toBe(200);
    }
    time.advance(3 * 3_600_000 - 1000);
    expect((await call('GET', '/api/session', { cookie })).status).toBe(200);
    time.advance(2000);
    expect((await call('GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('a session removed or an account deactivated behind the API (another process, a script) stops working at once', async () => {
    const { call, login, db } = await createTestApi();
    const cookie = await login('editora');
    expect((await call('GET', '/api/session', { cookie })).status).toBe(200);
    await db.deleteFrom('sessions').execute();
    expect((await call('GET', '/api/session', { cookie })).status).toBe(401);
    const again = await login('revisor');
    expect((await call('GET', '/api/forums', { cookie: again })).status).toBe(200);
    await db.updateTable('users').set({ active: 0 }).where('username', '=', 'revisor').execute();
    expect((await call('GET', '/api/forums', { cookie: again })).status).toBe(401);
  });

  it('a made-up token is refused every time', async () => {
    const { call } = await createTestApi();
    const cookie = `foros_session=${'ab'.repeat(32)}`;
    for (let i = 0; i < 3; i++) expect((await call('GET', '/api/session', { cookie })).status).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { healthMessages, healthRateLimit } from '../../src/api/health-routes';
import { createTestApi } from '../support/test-api';

/** `GET /api/health` (issue 15): what a load balancer asks before sending a server process requests. */
describe('health check', () => {
  it('answers 200 ok without a session when the database answers and its migrations are this version\'s; no office data', async () => {
    const { call } = await createTestApi({ demo: true });
    const res = await call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ ok: true, database: 'ok', migrations: 'current', message: healthMessages.ok });
  });

  it('answers 503 with a Spanish message when a migration of this version has not run, or the database ran a newer one', async () => {
    const { call, db } = await createTestApi();
    const last = await db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').executeTakeFirstOrThrow();
    const name = (last as { name: string }).name;
    await db.deleteFrom('kysely_migration' as never).where('name' as never, '=', name as never).execute();
    const pending = await call('GET', '/api/health');
    expect(pending.status).toBe(503);
    expect(await pending.json()).toMatchObject({ ok: false, migrations: 'pending', pending: 1, title: healthMessages.pending });
    await db.insertInto('kysely_migration' as never).values([{ name, timestamp: new Date().toISOString() }, { name: '9999_de_una_version_nueva', timestamp: new Date().toISOString() }] as never).execute();
    const newer = await call('GET', '/api/health');
    expect(newer.status).toBe(503);
    expect(await newer.json()).toMatchObject({ ok: false, migrations: 'newer', title: healthMessages.unknown });
  });

  it('answers 503 (never 500) when the database does not answer, even with a session cookie', async () => {
    const { call, db, login } = await createTestApi();
    const cookie = await login('editora');
    await db.destroy();
    const res = await call('GET', '/api/health', { cookie });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toEqual({ type: 'about:blank', status: 503, ok: false, database: 'error', migrations: 'unknown', title: healthMessages.unreachable });
  });

  it('has its own small limit per address (429 in Spanish), and takes no other method', async () => {
    const { call } = await createTestApi();
    for (let i = 0; i < healthRateLimit.max; i++) expect((await call('GET', '/api/health', { address: '10.1.0.1' })).status).toBe(200);
    const refused = await call('GET', '/api/health', { address: '10.1.0.1' });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { title: string }).title).toBe(healthMessages.rateLimited);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect((await call('GET', '/api/health', { address: '10.1.0.2' })).status).toBe(200);
    expect((await call('POST', '/api/health', { body: {} })).status).toBe(405);
  });
});

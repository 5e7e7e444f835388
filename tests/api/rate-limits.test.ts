import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-driver';
import { createApi, writeRateMessage } from '../../src/api/create-api';
import { hitLimit, hitSmoothLimit, pruneEvery } from '../../src/api/public-limit';
import { voteLimits, voteMessages } from '../../src/api/public-vote';
import { hitRateCounter } from '../../src/db/rate-counter-queries';
import { createTestApi, fastIterations, testAddress, testOrigin } from '../support/test-api';

/**
 * The request limits are counted in the database (issue 15): several server processes on one database share them.
 * Here two API instances over the same database stand for two processes; the injected clock moves the windows.
 */
describe('request limits counted in the database', () => {
  const clock = () => {
    let at = Date.parse('2026-03-02T15:00:00Z');
    return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
  };
  const counters = async (db: Awaited<ReturnType<typeof createTestApi>>['db']) => (await db.selectFrom('rate_counters').selectAll().execute()).length;

  it('writes of one account are counted across two API instances on one database: the fourth of three is 429 on either', async () => {
    const time = clock();
    const first = await createTestApi({ writesPerMinute: 3, now: time.now });
    const second = createApi({ db: first.db, writesPerMinute: 3, now: time.now, passwordIterations: fastIterations, connection: () => ({ remoteAddress: testAddress }) });
    const cookie = await first.login('editora');
    const onSecond = (body: unknown) => second.request('/api/forums', { method: 'POST', headers: { cookie, origin: testOrigin, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // Bad bodies: a refused write counts too (the limit is checked before the body is read).
    expect((await first.call('POST', '/api/forums', { cookie, body: {} })).status).toBe(400);
    expect((await onSecond({})).status).toBe(400);
    expect((await first.call('POST', '/api/forums', { cookie, body: {} })).status).toBe(400);
    const refused = await onSecond({});
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { title: string }).title).toBe(writeRateMessage);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await first.call('POST', '/api/forums', { cookie, body: {} })).status).toBe(429);
    // The window runs out by the clock: both take writes again.
    time.advance(60_000);
    expect((await onSecond({})).status).toBe(400);
  });

  it('votes per address are limited smoothly: 30 at once, then one every 20 s, no window edge; said in Spanish with Retry-After', async () => {
    const time = clock();
    const { call } = await createTestApi({ now: time.now });
    const { burst, intervalMs } = voteLimits.perAddress;
    const vote = (address: string) => call('POST', '/api/public/years/2026/consultation/votes', { body: { valueGroupKind: 'external', valueGroup: 'Ciudadanía', formToken: 'x' }, address });
    // A class or an office behind one address, all at once: every vote reaches the form's own checks.
    for (let i = 0; i < burst; i++) expect((await vote('10.0.0.1')).status).not.toBe(429);
    const refused = await vote('10.0.0.1');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { title: string }).title).toBe(voteMessages.rateLimited);
    // Retry-After: when the next one is let through (one interval after the burst began).
    expect(refused.headers.get('retry-after')).toBe(String(intervalMs / 1000));
    expect((await vote('10.0.0.2')).status).not.toBe(429);
    // No window edge: a minute later only three more (one per 20 s), not a new batch of 30.
    time.advance(60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await vote('10.0.0.1')).status);
    expect(statuses.filter((s) => s !== 429)).toHaveLength(60_000 / intervalMs);
    // Quiet for long enough (burst × interval), the address has its 30 again.
    time.advance(burst * intervalMs);
    for (let i = 0; i < burst; i++) expect((await vote('10.0.0.1')).status).not.toBe(429);
    expect((await vote('10.0.0.1')).status).toBe(429);
  });

  it('the smooth counter is atomic: 50 hits at once on one key let exactly the burst through', async () => {
    const { db } = await createTestApi();
    const at = Date.parse('2026-03-02T15:00:00Z');
    const hits = await Promise.all(Array.from({ length: 50 }, () => hitSmoothLimit(db, 's', at, { burst: 30, intervalMs: 20_000 })));
    expect(hits.filter((h) => h.allowed)).toHaveLength(30);
    expect(hits.filter((h) => !h.allowed).every((h) => h.retryAfterMs === 20_000)).toBe(true);
  });

  it('the counts survive a restart (a new API over the same database)', async () => {
    const time = clock();
    const first = await createTestApi({ now: time.now });
    for (let i = 0; i < voteLimits.perAddress.burst; i++) await first.call('POST', '/api/public/years/2026/consultation/votes', { body: {}, address: '10.0.0.3' });
    const restarted = createApi({ db: first.db, now: time.now, connection: () => ({ remoteAddress: '10.0.0.3' }) });
    const res = await restarted.request('/api/public/years/2026/consultation/votes', { method: 'POST', headers: { origin: testOrigin, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(429);
  });

  it('one upsert per hit is atomic: 50 hits at once on one key count 1 to 50, each once', async () => {
    const { db } = await createTestApi();
    const at = Date.parse('2026-03-02T15:00:00Z');
    const hits = await Promise.all(Array.from({ length: 50 }, () => hitRateCounter(db, 'k', at, 60_000)));
    expect(hits.map((h) => h.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(hits.map((h) => h.windowStart))).toEqual(new Set([at]));
  });

  it('on a SQLite file a counter commits without a flush, and the connection keeps its synchronous = FULL for every other write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foros-limites-'));
    const db = await openNodeDatabase(join(dir, 'foros.sqlite'));
    try {
      const level = async () => (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0].synchronous;
      expect(await level()).toBe(2);
      const at = Date.parse('2026-03-02T15:00:00Z');
      expect((await hitRateCounter(db, 'k', at, 60_000)).hits).toBe(1);
      expect((await hitRateCounter(db, 'k', at + 1, 60_000)).hits).toBe(2);
      expect(await level()).toBe(2);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the table keeps only live windows: ended ones are pruned as requests come', async () => {
    const { db } = await createTestApi();
    const at = Date.parse('2026-03-02T15:00:00Z');
    const limit = { max: 5, windowMs: 60_000 };
    for (let i = 0; i < pruneEvery - 1; i++) await hitLimit(db, `k|${i}`, at, limit);
    expect(await counters(db)).toBe(pruneEvery - 1);
    // A minute later the next hit is the one that prunes: every ended window goes, the new one stays.
    expect((await hitLimit(db, 'k|new', at + 60_001, limit)).allowed).toBe(true);
    expect(await counters(db)).toBe(1);
  });
});

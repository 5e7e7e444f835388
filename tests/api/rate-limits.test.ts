import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../src/db/node-driver';
import { createApi, readRateMessage, writeRateMessage } from '../../src/api/create-api';
import { hitLimit, hitSmoothLimit, leasedLimiter, pruneEvery } from '../../src/api/public-limit';
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

  it('reads of one account are limited too, counted in blocks across two API instances: exactly the limit gets through, then 429 on either', async () => {
    const time = clock();
    // 40 a minute: blocks of 2 (a twentieth), so both instances keep going back to the shared count.
    const first = await createTestApi({ readsPerMinute: 40, now: time.now });
    const second = createApi({ db: first.db, readsPerMinute: 40, now: time.now, passwordIterations: fastIterations, connection: () => ({ remoteAddress: testAddress }) });
    const cookie = await first.login('editora');
    const read = (api: 'first' | 'second') => (api === 'first' ? first.call('GET', '/api/forums', { cookie }) : second.request('/api/forums', { headers: { cookie } }));
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await read(i % 3 === 0 ? 'second' : 'first')).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(40).every((s) => s === 429)).toBe(true);
    const refused = await read('second');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { title: string }).title).toBe(readRateMessage);
    expect(refused.headers.get('retry-after')).toBe('60');
    // Another account reads on; so does the public site (its own limits); and this account's writes are apart.
    expect((await first.call('GET', '/api/forums', { cookie: await first.login('admin') })).status).toBe(200);
    expect((await first.call('GET', '/api/public/years')).status).not.toBe(429);
    expect((await first.call('POST', '/api/forums', { cookie, body: {} })).status).toBe(400);
    // Counted in blocks: one row for the key, whose count is the blocks taken, never one write per read.
    const row = await first.db.selectFrom('rate_counters').select(['hits']).where('key', 'like', 'reads|user|%').executeTakeFirstOrThrow();
    expect(Number(row.hits)).toBeLessThanOrEqual(40 + 2 * 2 + 2 * 2);
    // The window runs out by the clock: both read again.
    time.advance(60_000);
    expect((await read('first')).status).toBe(200);
    expect((await read('second')).status).toBe(200);
  });

  it('anonymous reads of the staff API are limited per address (their answer is 401 until then)', async () => {
    const time = clock();
    const { call } = await createTestApi({ readsPerMinute: 5, now: time.now });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call('GET', '/api/forums', { address: '10.0.0.9' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await call('GET', '/api/forums', { address: '10.0.0.10' })).status).toBe(401);
  });

  it('a leased limit is exact under concurrency: two processes, 60 reads at once, a limit of 25 → 25 allowed', async () => {
    const { db } = await createTestApi();
    const at = Date.parse('2026-03-02T15:00:00Z');
    const processes = [leasedLimiter({ max: 25, windowMs: 60_000, lease: 4 }), leasedLimiter({ max: 25, windowMs: 60_000, lease: 4 })];
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => processes[i % 2]!.hit(db, 'r', at + i)));
    expect(answers.filter((a) => a.allowed)).toHaveLength(25);
    // A refused key is refused from memory (no further writes) until its window ends, then allowed again.
    const before = await db.selectFrom('rate_counters').select('hits').where('key', '=', 'r').executeTakeFirstOrThrow();
    expect((await processes[0]!.hit(db, 'r', at + 1000)).allowed).toBe(false);
    expect((await db.selectFrom('rate_counters').select('hits').where('key', '=', 'r').executeTakeFirstOrThrow()).hits).toBe(before.hits);
    // (The window began at whichever of the 60 reached the database first: at + 0 … at + 59.)
    expect((await processes[0]!.hit(db, 'r', at + 60_060)).allowed).toBe(true);
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

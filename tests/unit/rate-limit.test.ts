import { describe, expect, it } from 'vitest';
import { current, decideLogin, defaultLoginLimits, loginKeys, waitText, type AttemptRow, type LoginLimits } from '../../src/api/rate-limit';

const minute = 60_000;
const limits: LoginLimits = { ...defaultLoginLimits, windowMs: 15 * minute, perAddressAndAccount: 3, perAddress: 5, perAccount: 4, spacingMs: 2000, maxDelayMs: 6000 };

/** Plays attempts through decideLogin as the route does (counters stored between attempts). */
function player() {
  const store = new Map<string, AttemptRow>();
  return (address: string, username: string, nowMs: number) => {
    const keys = loginKeys(address, username);
    const counters = {
      address: current(store.get(keys.address), keys.address, nowMs, limits.windowMs),
      pair: current(store.get(keys.pair), keys.pair, nowMs, limits.windowMs),
      account: current(store.get(keys.account), keys.account, nowMs, limits.windowMs),
    };
    const decision = decideLogin(limits, nowMs, counters);
    if (decision.kind === 'attempt') for (const row of decision.rows) store.set(row.key, row);
    return decision;
  };
}

describe('decideLogin', () => {
  it('locks an address + account pair after its failures, not the same account from elsewhere', () => {
    const attempt = player();
    for (let i = 0; i < 3; i++) expect(attempt('10.0.0.2', 'admin', i).kind).toBe('attempt');
    const locked = attempt('10.0.0.2', 'admin', 5000);
    expect(locked).toMatchObject({ kind: 'locked', scope: 'pair' });
    expect(locked.kind === 'locked' && locked.retryAfterMs).toBe(15 * minute - 5000);
    expect(attempt('10.0.0.3', 'admin', 6000).kind).toBe('attempt');
  });

  it('locks an address that sprays many accounts', () => {
    const attempt = player();
    for (let i = 0; i < 5; i++) expect(attempt('10.0.0.9', `persona${i}`, i).kind).toBe('attempt');
    expect(attempt('10.0.0.9', 'otra', 10)).toMatchObject({ kind: 'locked', scope: 'address' });
    expect(attempt('10.0.0.8', 'otra', 10).kind).toBe('attempt');
  });

  it('slows an account guessed from many addresses (each attempt waits its turn) and never locks it', () => {
    const attempt = player();
    for (let i = 0; i < 4; i++) expect(attempt(`10.0.1.${i}`, 'admin', 0)).toMatchObject({ kind: 'attempt', delayMs: 0 });
    expect(attempt('10.0.2.1', 'admin', 0)).toMatchObject({ kind: 'attempt', delayMs: 0 });
    expect(attempt('10.0.2.2', 'admin', 0)).toMatchObject({ kind: 'attempt', delayMs: 2000 });
    expect(attempt('10.0.2.3', 'admin', 0)).toMatchObject({ kind: 'attempt', delayMs: 4000 });
    expect(attempt('10.0.2.4', 'admin', 0)).toMatchObject({ kind: 'attempt', delayMs: 6000 });
    expect(attempt('10.0.2.5', 'admin', 0)).toMatchObject({ kind: 'busy', retryAfterMs: 2000 });
    // Later the queue has moved on: the owner gets an attempt after a short wait.
    expect(attempt('10.0.3.1', 'admin', 9000)).toMatchObject({ kind: 'attempt', delayMs: 0 });
  });

  it('forgets a window that has run out', () => {
    const attempt = player();
    for (let i = 0; i < 3; i++) attempt('10.0.0.2', 'admin', 0);
    expect(attempt('10.0.0.2', 'admin', 15 * minute).kind).toBe('attempt');
  });

  it('says how long to wait in Spanish', () => {
    expect(waitText(900)).toBe('1 segundo');
    expect(waitText(8000)).toBe('8 segundos');
    expect(waitText(60_000)).toBe('1 minuto');
    expect(waitText(15 * minute)).toBe('15 minutos');
  });
});

describe('workQueue', () => {
  it('runs at most `concurrency` at once, the rest in turn, and refuses past the waiting limit', async () => {
    const { workQueue } = await import('../../src/api/rate-limit');
    const queue = workQueue(1, 2, () => new Error('lleno'));
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      queue.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return 'hecho';
      });
    const first = job();
    const second = job();
    const third = job();
    await expect(job()).rejects.toThrow('lleno');
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => releases.length).toBe(i + 1);
      releases[i]();
    }
    expect(await Promise.all([first, second, third])).toEqual(['hecho', 'hecho', 'hecho']);
    expect(most).toBe(1);
  });
});

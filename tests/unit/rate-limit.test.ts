import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from '../../src/api/rate-limit';

const minute = 60_000;

describe('AttemptLimiter', () => {
  it('allows attempts until the maximum of failures, then says how long to wait', () => {
    const limiter = new AttemptLimiter(3, 10 * minute);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('ana|local', t0 + i * 1000)).toBe(0);
      limiter.fail('ana|local', t0 + i * 1000);
    }
    expect(limiter.retryAfter('ana|local', t0 + 5000)).toBe(10 * minute - 5000);
  });

  it('lets attempts through again once the oldest failure leaves the window', () => {
    const limiter = new AttemptLimiter(2, minute);
    limiter.fail('k', 0);
    limiter.fail('k', 30_000);
    expect(limiter.retryAfter('k', 59_999)).toBe(1);
    expect(limiter.retryAfter('k', 60_000)).toBe(0);
    // One more failure and the window is full again until the second one expires.
    limiter.fail('k', 60_000);
    expect(limiter.retryAfter('k', 60_001)).toBe(30_000 + minute - 60_001);
  });

  it('counts keys separately', () => {
    const limiter = new AttemptLimiter(1, minute);
    limiter.fail('ana|1.2.3.4', 0);
    expect(limiter.retryAfter('ana|1.2.3.4', 10)).toBeGreaterThan(0);
    expect(limiter.retryAfter('ana|5.6.7.8', 10)).toBe(0);
    expect(limiter.retryAfter('luis|1.2.3.4', 10)).toBe(0);
  });

  it('forgets a key on reset (a successful login)', () => {
    const limiter = new AttemptLimiter(2, minute);
    limiter.fail('k', 0);
    limiter.fail('k', 1);
    expect(limiter.retryAfter('k', 2)).toBeGreaterThan(0);
    limiter.reset('k');
    expect(limiter.retryAfter('k', 2)).toBe(0);
    limiter.fail('k', 3);
    expect(limiter.retryAfter('k', 4)).toBe(0);
  });

  it('keeps working with many keys (old ones are pruned, recent ones kept)', () => {
    const limiter = new AttemptLimiter(1, minute);
    limiter.fail('recent', 10 * minute);
    for (let i = 0; i < 10_050; i++) limiter.fail(`old-${i}`, 0);
    limiter.fail('trigger', 10 * minute);
    expect(limiter.retryAfter('recent', 10 * minute + 1)).toBeGreaterThan(0);
    expect(limiter.retryAfter('old-1', 10 * minute + 1)).toBe(0);
  });
});

import type { Context, MiddlewareHandler } from 'hono';
import { publicationMessages } from '../domain/publication';
import type { AppEnv } from './deps';
import { HttpProblem } from './problem';
import { clientAddress } from './request-info';

/**
 * Requests per client address in a fixed window, kept in memory (the public pages are read-only: a restart
 * that forgets the counts costs nothing). One counter per address and route group; a full table drops its
 * expired windows first, then (a flood of addresses) everything, so its memory stays bounded.
 */
export function windowLimiter(options: { max: number; windowMs: number; maxKeys?: number }) {
  const counts = new Map<string, { count: number; start: number }>();
  const maxKeys = options.maxKeys ?? 50_000;
  return {
    /** Counts one request of `key` at `nowMs`; false when over the limit (with how long until the window ends). */
    hit(key: string, nowMs: number): { allowed: boolean; retryAfterMs: number } {
      let entry = counts.get(key);
      if (!entry || entry.start + options.windowMs <= nowMs) {
        if (!entry && counts.size >= maxKeys) {
          for (const [k, e] of counts) if (e.start + options.windowMs <= nowMs) counts.delete(k);
          if (counts.size >= maxKeys) counts.clear();
        }
        entry = { count: 0, start: nowMs };
        counts.set(key, entry);
      }
      entry.count++;
      return { allowed: entry.count <= options.max, retryAfterMs: entry.start + options.windowMs - nowMs };
    },
  };
}

/** A route's rate limit as middleware: over the limit → 429 with Retry-After and a Spanish message. */
export function rateLimit(group: string, options: { max: number; windowMs: number }): MiddlewareHandler<AppEnv> {
  const limiter = windowLimiter(options);
  return async (c: Context<AppEnv>, next) => {
    const { allowed, retryAfterMs } = limiter.hit(`${group}|${clientAddress(c)}`, c.get('deps').now().getTime());
    if (!allowed) {
      c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      throw new HttpProblem(429, publicationMessages.rateLimited);
    }
    await next();
  };
}

import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { publicationMessages } from '../domain/publication';
import { hitRateCounter, hitSmoothCounter, pruneRateCounters } from '../db/rate-counter-queries';
import type { Database } from '../db/schema';
import type { AppEnv } from './deps';
import { HttpProblem } from './problem';
import { clientAddress } from './request-info';

export interface WindowLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface LimitAnswer {
  allowed: boolean;
  /** How long until the key's window ends (for Retry-After). */
  retryAfterMs: number;
}

/** Every this many counted requests (per database, per process) the expired windows are pruned. */
export const pruneEvery = 256;
const hitsSincePrune = new WeakMap<object, number>();

/**
 * Counts one request of `key` at `nowMs` against `limit`, in the database (table rate_counters, issue 15): every
 * server process on the same database shares the count. One statement per request (an upsert that increments
 * the window's count and returns it); a fixed window that starts at the key's first request. Now and then (every
 * `pruneEvery` hits) a second statement deletes windows that have ended, so the table holds only live ones.
 */
export async function hitLimit(db: Kysely<Database>, key: string, nowMs: number, limit: WindowLimit): Promise<LimitAnswer> {
  const { hits, windowStart } = await hitRateCounter(db, key, nowMs, limit.windowMs);
  await pruneNowAndThen(db, nowMs);
  return { allowed: hits <= limit.max, retryAfterMs: windowStart + limit.windowMs - nowMs };
}

/** A smooth limit: `burst` requests at once, then one every `intervalMs` (and the burst comes back at that pace). */
export interface SmoothLimit {
  burst: number;
  intervalMs: number;
}

/**
 * Counts one request of `key` against a smooth limit (GCRA, `hitSmoothCounter`): no fixed window whose edges let
 * twice the limit through or make a group that arrives together wait a whole window. Used where people behind one
 * address (a household, a school, an office's NAT) may come at once: the citizen vote.
 */
export async function hitSmoothLimit(db: Kysely<Database>, key: string, nowMs: number, limit: SmoothLimit): Promise<LimitAnswer> {
  const answer = await hitSmoothCounter(db, key, nowMs, limit.intervalMs, limit.burst);
  await pruneNowAndThen(db, nowMs);
  return answer;
}

async function pruneNowAndThen(db: Kysely<Database>, nowMs: number) {
  const since = (hitsSincePrune.get(db) ?? 0) + 1;
  if (since >= pruneEvery) {
    hitsSincePrune.set(db, 0);
    await pruneRateCounters(db, nowMs);
  } else hitsSincePrune.set(db, since);
}

/** The Retry-After header's value (whole seconds, at least 1). */
export const retryAfterSeconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

/**
 * Requests per key in a fixed window, kept in this process's memory: only for what must answer when the database
 * does not (the health check). Everything else counts in the database (`hitLimit`). A full table drops its
 * expired windows first, then (a flood of addresses) everything, so its memory stays bounded.
 */
export function memoryLimiter(options: WindowLimit & { maxKeys?: number }) {
  const counts = new Map<string, { count: number; start: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    hit(key: string, nowMs: number): LimitAnswer {
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

/** A route's rate limit per client address, as middleware: over the limit → 429 with Retry-After and a Spanish message. */
export function rateLimit(group: string, limit: WindowLimit): MiddlewareHandler<AppEnv> {
  return async (c: Context<AppEnv>, next) => {
    const deps = c.get('deps');
    const { allowed, retryAfterMs } = await hitLimit(deps.rootDb, `${group}|${clientAddress(c)}`, deps.now().getTime(), limit);
    if (!allowed) {
      c.header('Retry-After', retryAfterSeconds(retryAfterMs));
      throw new HttpProblem(429, publicationMessages.rateLimited);
    }
    await next();
  };
}

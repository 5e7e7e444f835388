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

/**
 * A fixed-window limit counted in the database in blocks, for the most frequent requests (a logged-in person's
 * reads): the process takes `lease` hits of the key's window at once (one upsert adds `lease` to the shared count)
 * and lets them out from memory, so a read costs a map look-up and one write in `lease`. What the block finds
 * already counted by every process decides how much of it is granted, so the processes together never let more
 * than `max` through in a window (a block a process does not use up is lost: at most `lease` per process). Once the
 * window is used up, the process refuses the key from memory until the window ends. Memory stays bounded: a full
 * table drops its ended windows first, then everything (the blocks taken are only lost, never given twice).
 */
export function leasedLimiter(options: WindowLimit & { lease: number; maxKeys?: number }) {
  const local = new Map<string, { windowEnd: number; remaining: number }>();
  // One block asked for at a time per key: requests that arrive meanwhile wait for it and share it (a page's burst
  // of reads costs one write, and no block is left unused by requests that had all asked for their own).
  const asking = new Map<string, Promise<void>>();
  const maxKeys = options.maxKeys ?? 10_000;
  const { max, windowMs } = options;
  const lease = Math.max(1, Math.min(options.lease, max));

  async function takeBlock(db: Kysely<Database>, key: string, nowMs: number) {
    const { hits, windowStart } = await hitRateCounter(db, key, nowMs, windowMs, lease);
    await pruneNowAndThen(db, nowMs);
    const windowEnd = windowStart + windowMs;
    // What every process had taken before this block decides how much of it is left to give.
    const granted = Math.max(0, Math.min(lease, max - (hits - lease)));
    const current = local.get(key);
    if (current && current.windowEnd === windowEnd && current.remaining > 0) current.remaining += granted;
    else {
      if (!current && local.size >= maxKeys) {
        for (const [k, e] of local) if (e.windowEnd <= nowMs) local.delete(k);
        if (local.size >= maxKeys) local.clear();
      }
      // Nothing left in the shared count: refused from memory until the window ends.
      local.set(key, { windowEnd, remaining: granted > 0 ? granted : -1 });
    }
  }

  return {
    async hit(db: Kysely<Database>, key: string, nowMs: number): Promise<LimitAnswer> {
      for (let round = 0; round < 100; round++) {
        const entry = local.get(key);
        if (entry && nowMs < entry.windowEnd) {
          if (entry.remaining > 0) {
            entry.remaining--;
            return { allowed: true, retryAfterMs: entry.windowEnd - nowMs };
          }
          if (entry.remaining < 0) return { allowed: false, retryAfterMs: entry.windowEnd - nowMs };
        }
        let pending = asking.get(key);
        if (!pending) {
          pending = takeBlock(db, key, nowMs).finally(() => asking.delete(key));
          asking.set(key, pending);
        }
        await pending;
      }
      // Not reached in practice (each round takes a block or finds one); refuse rather than loop.
      return { allowed: false, retryAfterMs: windowMs };
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

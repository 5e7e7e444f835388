/**
 * Login throttling, kept in the database (survives a restart; one row per key, read by primary key: O(1) per
 * attempt whatever the number of names, and nothing in memory). Three counters per attempt, each in a fixed
 * window that starts at its first failure:
 *
 * - address + account: a few failures lock that pair (429) — the real person elsewhere is not affected;
 * - address: more failures over any accounts lock the address (429) — password spraying stops;
 * - account, from anywhere: past a higher ceiling the attempts on that account are slowed, one every
 *   `spacingMs` (the answer waits its turn), never locked — distributed guessing is slowed, the owner still gets in.
 *
 * An attempt counts before its password is checked (in one transaction with the check), so parallel attempts
 * cannot slip past a limit; a successful one gives its counts back.
 */
export interface LoginLimits {
  windowMs: number;
  /** Failures of one account from one address before that pair is locked for the rest of the window. */
  perAddressAndAccount: number;
  /** Failures from one address (any accounts) before the address is locked. */
  perAddress: number;
  /** Failures on one account (any addresses) after which its attempts are slowed. */
  perAccount: number;
  /** The slowed account's attempts are spaced this far apart. */
  spacingMs: number;
  /** The longest an attempt waits its turn; a later one gets 429 with Retry-After. */
  maxDelayMs: number;
}

export const defaultLoginLimits: LoginLimits = {
  windowMs: 15 * 60_000,
  perAddressAndAccount: 5,
  perAddress: 20,
  perAccount: 10,
  spacingMs: 2_000,
  maxDelayMs: 10_000,
};

export interface AttemptRow {
  key: string;
  failures: number;
  windowStart: number;
  nextSlot: number;
}

export const loginKeys = (address: string, username: string) => ({
  address: `a|${address}`,
  pair: `p|${address}|${username}`,
  account: `u|${username}`,
});

/** The counter as it stands now (a window that has run out counts as empty). */
export function current(row: AttemptRow | undefined, key: string, nowMs: number, windowMs: number): AttemptRow {
  if (!row || row.windowStart + windowMs <= nowMs) return { key, failures: 0, windowStart: nowMs, nextSlot: 0 };
  return row;
}

export type LoginDecision =
  | { kind: 'locked'; scope: 'pair' | 'address'; retryAfterMs: number }
  | { kind: 'busy'; retryAfterMs: number }
  | { kind: 'attempt'; delayMs: number; rows: AttemptRow[] };

/**
 * What to do with an attempt, given the three counters: refuse it (locked pair or address; or the slowed
 * account's queue is full), or let it in after `delayMs`, with the counters it leaves behind (its own failure
 * counted in advance).
 */
export function decideLogin(limits: LoginLimits, nowMs: number, counters: { address: AttemptRow; pair: AttemptRow; account: AttemptRow }): LoginDecision {
  const { address, pair, account } = counters;
  if (pair.failures >= limits.perAddressAndAccount) return { kind: 'locked', scope: 'pair', retryAfterMs: pair.windowStart + limits.windowMs - nowMs };
  if (address.failures >= limits.perAddress) return { kind: 'locked', scope: 'address', retryAfterMs: address.windowStart + limits.windowMs - nowMs };
  let delayMs = 0;
  let nextSlot = account.nextSlot;
  if (account.failures >= limits.perAccount) {
    const slot = Math.max(nowMs, account.nextSlot);
    delayMs = slot - nowMs;
    if (delayMs > limits.maxDelayMs) return { kind: 'busy', retryAfterMs: delayMs - limits.maxDelayMs };
    nextSlot = slot + limits.spacingMs;
  }
  return {
    kind: 'attempt',
    delayMs,
    rows: [
      { ...address, failures: address.failures + 1 },
      { ...pair, failures: pair.failures + 1 },
      { ...account, failures: account.failures + 1, nextSlot },
    ],
  };
}

/** «15 minutos», «1 minuto», «8 segundos»: how long to wait, for the 429's Spanish title. */
export function waitText(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return `${s} ${s === 1 ? 'segundo' : 'segundos'}`;
  }
  const m = Math.ceil(ms / 60_000);
  return `${m} ${m === 1 ? 'minuto' : 'minutos'}`;
}

/**
 * At most `concurrency` pieces of work at once, the rest waiting their turn (at most `maxWaiting`; past that,
 * `onFull()` is thrown). Password checks go through one: PBKDF2 is meant to be slow, and a flood of logins must
 * not take every core from the people already working.
 */
export function workQueue(concurrency: number, maxWaiting: number, onFull: () => Error) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running < concurrency) running++;
      else {
        if (waiting.length >= maxWaiting) throw onFull();
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}

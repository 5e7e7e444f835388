/**
 * Suspicious bursts of citizen web votes (issue 14): many votes from the public page within a short time —
 * one browser's cookie does not stop a script that drops its cookies. The office sees each burst flagged in the
 * consultation's tally and may discard its votes (audited). A burst is a maximal run of web votes in which
 * every vote has at least `min - 1` others within `windowMs` before or after it (windows of `min` votes chained).
 */

export const burstRule = { windowMs: 60_000, min: 10 } as const;

export interface VoteBurst {
  /** ISO instants of the first and last vote of the burst. */
  from: string;
  to: string;
  count: number;
}

/** Bursts among web votes given as `createdAt` ISO instants (any order). */
export function findVoteBursts(times: readonly string[], rule: { windowMs: number; min: number } = burstRule): VoteBurst[] {
  const ms = times.map((t) => Date.parse(t)).filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const inBurst = new Array<boolean>(ms.length).fill(false);
  // Each window of `min` consecutive votes that fits in `windowMs` marks its votes.
  for (let i = 0; i + rule.min - 1 < ms.length; i++) {
    if (ms[i + rule.min - 1]! - ms[i]! <= rule.windowMs) for (let j = i; j < i + rule.min; j++) inBurst[j] = true;
  }
  const bursts: VoteBurst[] = [];
  let start = -1;
  for (let i = 0; i <= ms.length; i++) {
    // A vote continues the run when it is flagged too and close to the previous one.
    if (i < ms.length && inBurst[i] && (start < 0 || ms[i]! - ms[i - 1]! <= rule.windowMs)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      bursts.push({ from: new Date(ms[start]!).toISOString(), to: new Date(ms[i - 1]!).toISOString(), count: i - start });
      start = i < ms.length && inBurst[i] ? i : -1;
    }
  }
  return bursts;
}

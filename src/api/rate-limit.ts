/** Counts failed attempts per key inside a sliding window. In memory: one server process. */
export class AttemptLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 when allowed now. */
  retryAfter(key: string, nowMs: number): number {
    const recent = this.recent(key, nowMs);
    if (recent.length < this.max) return 0;
    return recent[0] + this.windowMs - nowMs;
  }

  fail(key: string, nowMs: number) {
    const recent = this.recent(key, nowMs);
    recent.push(nowMs);
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune(nowMs);
  }

  reset(key: string) {
    this.failures.delete(key);
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  private prune(nowMs: number) {
    for (const [key] of this.failures) {
      if (this.recent(key, nowMs).length === 0) this.failures.delete(key);
    }
  }
}

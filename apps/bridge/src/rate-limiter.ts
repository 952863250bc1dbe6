/**
 * A token bucket per key: up to `burst` messages at once, refilled at `perSecond`. Buckets are
 * kept after a disconnect, so reconnecting does not buy a device a fresh burst; there is one per
 * device that ever connected, which the ledger bounds.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one message's allowance; false when the key is over its rate. */
  take(key: string, now = performance.now()): boolean {
    const b = this.buckets.get(key);
    if (!b) {
      this.buckets.set(key, { tokens: this.burst - 1, at: now });
      return true;
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

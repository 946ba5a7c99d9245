/**
 * Failed sign-ins per account name, with an exponential delay: a few failures are free, then
 * each further attempt must wait twice as long as the one before (1 s, 2 s, 4 s … up to 15
 * minutes), whatever address it comes from; a success clears the count. Unknown names are
 * counted the same way, so the delay says nothing about which names exist. Bounded in memory.
 */
export interface ThrottleOptions {
  /** Failures allowed before any delay. */
  free: number;
  baseMs: number;
  maxMs: number;
  /** A count is forgotten this long after its last failure. */
  forgetMs: number;
  /** At most this many names are tracked (the oldest is dropped). */
  maxKeys: number;
}

export const SIGN_IN_THROTTLE: ThrottleOptions = { free: 5, baseMs: 1000, maxMs: 15 * 60_000, forgetMs: 24 * 3600_000, maxKeys: 100_000 };

export class FailureThrottle {
  private readonly entries = new Map<string, { failures: number; last: number }>();

  constructor(private readonly o: ThrottleOptions = SIGN_IN_THROTTLE) {}

  /** How long the next attempt for this key must still wait (0: it may go ahead). */
  wait(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    if (now - e.last > this.o.forgetMs) {
      this.entries.delete(key);
      return 0;
    }
    if (e.failures < this.o.free) return 0;
    const delay = Math.min(this.o.baseMs * 2 ** (e.failures - this.o.free), this.o.maxMs);
    return Math.max(0, e.last + delay - now);
  }

  fail(key: string, now: number): void {
    const e = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, { failures: (e && now - e.last <= this.o.forgetMs ? e.failures : 0) + 1, last: now });
    if (this.entries.size > this.o.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }
}

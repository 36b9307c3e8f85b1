/**
 * The token bucket of Go's golang.org/x/time/rate Limiter, as the `rate_limiting` policy uses it
 * (`AllowN(now, spans)`): tokens refill at `limit` per second up to `burst`, the bucket starts full,
 * and a request for n tokens passes when n is at most the burst and taking n leaves no wait (the
 * wait is computed in whole nanoseconds, truncated, as Go converts it to a Duration). A refused
 * request changes nothing. A limit of 0 never refills: the burst itself is spent.
 */
const NS_PER_SECOND = 1_000_000_000n;
const MAX_DURATION = (1n << 63n) - 1n;

export class TokenBucket {
  private tokens = 0;
  private last: bigint | undefined;
  private burst: number;

  constructor(
    private readonly limit: number,
    burst: number,
  ) {
    this.burst = burst;
  }

  /** Whether `n` tokens may be taken at `nowNs` (epoch ns); takes them when so. */
  allowN(nowNs: bigint, n: number): boolean {
    if (this.limit === 0) {
      if (this.burst < n) return false;
      this.burst -= n;
      return true;
    }
    let tokens: number;
    if (this.last === undefined) {
      tokens = this.burst;
    } else {
      const last = nowNs < this.last ? nowNs : this.last;
      tokens = Math.min(this.burst, this.tokens + seconds(nowNs - last) * this.limit);
    }
    tokens -= n;
    const waitNs = tokens < 0 ? Math.trunc((-tokens / this.limit) * 1e9) : 0;
    if (!(n <= this.burst && waitNs <= 0)) return false;
    this.last = nowNs;
    this.tokens = tokens;
    return true;
  }
}

/** Go's Duration.Seconds: whole seconds plus the remaining nanoseconds / 1e9, saturating like t.Sub. */
function seconds(ns: bigint): number {
  const d = ns > MAX_DURATION ? MAX_DURATION : ns;
  return Number(d / NS_PER_SECOND) + Number(d % NS_PER_SECOND) / 1e9;
}

import type { RateLimit } from '@tradeflow/shared/config';

export type Taken = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

interface Bucket {
  /** In units of 1 / (seconds × 1000) of a token, so whole milliseconds refill whole units: exact. */
  units: number;
  at: number;
}

/**
 * One token bucket per key, in memory: a bucket holds at most `requests` tokens and gains
 * `requests / seconds` per second; a request takes one or is refused. So over any span of T seconds a
 * key is allowed at most `requests + T × requests / seconds`. A full bucket is the same as none, so the
 * least recently used are dropped beyond `maxKeys`.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxKeys = 100_000) {}

  /** Takes a token from `key`'s bucket at `nowMs` (a monotonic clock, in whole milliseconds). */
  take(key: string, limit: RateLimit, nowMs: number): Taken {
    const token = limit.seconds * 1000; // units per token; a millisecond adds `requests` units
    const full = limit.requests * token;
    const bucket = this.buckets.get(key);
    // A clock read earlier than the last one adds nothing (never a negative refill).
    const at = Math.max(nowMs, bucket?.at ?? nowMs);
    const units = bucket ? Math.min(full, bucket.units + (at - bucket.at) * limit.requests) : full;
    this.buckets.delete(key); // set again below: the map's order is least recently used first
    if (units >= token) {
      this.keep(key, { units: units - token, at });
      return { allowed: true, remaining: Math.floor((units - token) / token) };
    }
    this.keep(key, { units, at });
    return { allowed: false, retryAfterMs: Math.ceil((token - units) / limit.requests) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private keep(key: string, bucket: Bucket): void {
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}

import fc from 'fast-check';
import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  const fivePerSecond = { requests: 5, seconds: 1 };

  it('allows a full burst, then one request per refill interval (5/s: one every 200 ms)', () => {
    const buckets = new TokenBuckets();
    const at = (ms: number) => buckets.take('alice', fivePerSecond, ms);
    expect([0, 0, 0, 0, 0].map(at)).toEqual([
      { allowed: true, remaining: 4 },
      { allowed: true, remaining: 3 },
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
    ]);
    expect(at(0)).toEqual({ allowed: false, retryAfterMs: 200 });
    expect(at(150)).toEqual({ allowed: false, retryAfterMs: 50 }); // 0.75 of a token after 150 ms
    expect(at(200)).toEqual({ allowed: true, remaining: 0 });
    expect(at(300)).toEqual({ allowed: false, retryAfterMs: 100 });
    // A second later the bucket is full again, and never fuller.
    expect(at(5000)).toEqual({ allowed: true, remaining: 4 });
  });

  it('counts per minute: 60/min refills one a second', () => {
    const buckets = new TokenBuckets();
    const perMinute = { requests: 60, seconds: 60 };
    for (let i = 0; i < 60; i++) expect(buckets.take('k', perMinute, 0).allowed).toBe(true);
    expect(buckets.take('k', perMinute, 0)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(buckets.take('k', perMinute, 999)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(buckets.take('k', perMinute, 1000)).toEqual({ allowed: true, remaining: 0 });
  });

  it('keeps each key to its own bucket', () => {
    const buckets = new TokenBuckets();
    const one = { requests: 1, seconds: 1 };
    expect(buckets.take('trader:alice', one, 0).allowed).toBe(true);
    expect(buckets.take('trader:alice', one, 0).allowed).toBe(false);
    expect(buckets.take('trader:bob', one, 0).allowed).toBe(true);
  });

  it('adds nothing for a clock read that went backwards', () => {
    const buckets = new TokenBuckets();
    const one = { requests: 1, seconds: 1 };
    expect(buckets.take('k', one, 10_000).allowed).toBe(true);
    expect(buckets.take('k', one, 5_000)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(buckets.take('k', one, 11_000).allowed).toBe(true);
  });

  it('forgets the least recently used key beyond its bound (a forgotten bucket is a full one)', () => {
    const buckets = new TokenBuckets(2);
    const one = { requests: 1, seconds: 60 };
    buckets.take('a', one, 0);
    buckets.take('b', one, 0);
    buckets.take('a', one, 0); // a is now the most recently used
    buckets.take('c', one, 0); // b goes
    expect(buckets.size).toBe(2);
    expect(buckets.take('a', one, 0).allowed).toBe(false);
    expect(buckets.take('b', one, 0).allowed).toBe(true);
  });

  const limits = fc.record({ requests: fc.integer({ min: 1, max: 50 }), seconds: fc.constantFrom(1, 60) });
  // Request times in milliseconds, in order: bursts at one instant, close runs and long pauses.
  const gap = fc.oneof(
    { arbitrary: fc.constant(0), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 50 }), weight: 2 },
    { arbitrary: fc.integer({ min: 51, max: 120_000 }), weight: 1 },
  );
  const times = fc
    .array(gap, { minLength: 1, maxLength: 300 })
    .map((gaps) => gaps.reduce<number[]>((acc, gap) => [...acc, (acc.at(-1) ?? 0) + gap], []));

  it('never allows more than the burst plus the refill in any window', () => {
    fc.assert(
      fc.property(limits, times, (limit, at) => {
        const buckets = new TokenBuckets();
        const allowed = at.filter((t) => buckets.take('k', limit, t).allowed);
        const perMs = limit.requests / (limit.seconds * 1000);
        for (let i = 0; i < allowed.length; i++) {
          for (let j = i; j < allowed.length; j++) {
            const inWindow = j - i + 1;
            expect(inWindow).toBeLessThanOrEqual(limit.requests + (allowed[j]! - allowed[i]!) * perMs + 1e-9);
          }
        }
      }),
    );
  });

  it('lets the request through once its Retry-After has passed, and refuses only an empty bucket', () => {
    fc.assert(
      fc.property(limits, times, (limit, at) => {
        const buckets = new TokenBuckets();
        let allowedSoFar = 0;
        for (const [i, t] of at.entries()) {
          const taken = buckets.take('k', limit, t);
          if (taken.allowed) {
            allowedSoFar++;
            continue;
          }
          // Refused: the burst is spent (at least `requests` allowed so far) ...
          expect(allowedSoFar).toBeGreaterThanOrEqual(limit.requests);
          // ... and a retry after the wait it was told succeeds, without touching the real sequence.
          const copy = new TokenBuckets();
          for (const u of at.slice(0, i + 1)) copy.take('k', limit, u);
          expect(copy.take('k', limit, t + taken.retryAfterMs).allowed).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

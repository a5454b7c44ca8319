import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  afterEach(() => jest.restoreAllMocks());

  it('doubles from 100 ms with jitter between half and the whole of each step', () => {
    const random = jest.spyOn(Math, 'random');
    random.mockReturnValue(0);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt))).toEqual([50, 100, 200, 400]);
    random.mockReturnValue(0.5);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt))).toEqual([75, 150, 300, 600]);
    random.mockReturnValue(0.999999);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt))).toEqual([100, 200, 400, 800]);
  });

  it('stops growing at the cap: 5 s by default', () => {
    const random = jest.spyOn(Math, 'random');
    random.mockReturnValue(0.999999);
    // 100 ms * 2^6 = 6.4 s > 5 s, so attempt 7 and every later one waits at most 5 s.
    expect(backoffDelay(7)).toBe(5000);
    expect(backoffDelay(1000)).toBe(5000);
    random.mockReturnValue(0);
    expect(backoffDelay(1000)).toBe(2500);
    expect(backoffDelay(20, 500, 10_000)).toBe(5000);
  });

  it('treats attempt 0 and below as the first attempt', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(backoffDelay(0)).toBe(100);
    expect(backoffDelay(-3)).toBe(100);
  });

  it('stays within [exp/2, exp] and never exceeds the cap, whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 2000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseMs, maxMs, jitter) => {
          jest.spyOn(Math, 'random').mockReturnValue(jitter);
          const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
          const delay = backoffDelay(attempt, baseMs, maxMs);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(exp / 2);
          expect(delay).toBeLessThanOrEqual(exp);
          expect(delay).toBeLessThanOrEqual(maxMs);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays within bounds with the real random source', () => {
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelay(3, 100, 5000);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});

describe('sleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function track(promise: Promise<void>): { resolved: boolean } {
    const state = { resolved: false };
    void promise.then(() => {
      state.resolved = true;
    });
    return state;
  }

  it('resolves after the given time', async () => {
    const state = track(sleep(1000));
    await jest.advanceTimersByTimeAsync(999);
    expect(state.resolved).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(state.resolved).toBe(true);
  });

  it('resolves early when its AbortSignal aborts, leaving no timer behind', async () => {
    const controller = new AbortController();
    const state = track(sleep(60_000, controller.signal));
    await jest.advanceTimersByTimeAsync(10);
    expect(state.resolved).toBe(false);
    controller.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(state.resolved).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves at once when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const state = track(sleep(60_000, controller.signal));
    await jest.advanceTimersByTimeAsync(0);
    expect(state.resolved).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('removes its abort listener when it ends, so a long-lived stop signal does not collect them', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) {
      const state = track(sleep(100, controller.signal));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(100);
      expect(state.resolved).toBe(true);
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

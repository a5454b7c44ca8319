import fc from 'fast-check';
import { TradeNumbers } from './trade-numbers';

/** Lets every callback queued so far (promise reactions included) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A database sequence: each reservation hands out the next `count` numbers, once. With `held`, a
 * reservation waits until the test lands or fails it; a failed one hands out nothing.
 */
class FakeSequence {
  private next = 1n;
  readonly requests: number[] = [];
  private readonly open: { count: number; land: () => void; fail: (error: Error) => void }[] = [];

  constructor(private readonly held = false) {}

  readonly reserve = (count: number): Promise<bigint[]> => {
    this.requests.push(count);
    if (!this.held) return Promise.resolve(this.hand(count));
    return new Promise<bigint[]>((resolve, reject) => {
      this.open.push({ count, land: () => resolve(this.hand(count)), fail: reject });
    });
  };

  get inFlight(): number {
    return this.open.length;
  }

  land(): void {
    this.shift().land();
  }

  fail(error: Error): void {
    this.shift().fail(error);
  }

  private shift(): { land: () => void; fail: (error: Error) => void } {
    const first = this.open.shift();
    if (!first) throw new Error('no reservation in flight');
    return first;
  }

  private hand(count: number): bigint[] {
    const numbers: bigint[] = [];
    for (let i = 0; i < count; i++) numbers.push(this.next++);
    return numbers;
  }
}

describe('TradeNumbers', () => {
  it('reserves a whole block for the first number and hands the rest out without reserving again', async () => {
    const sequence = new FakeSequence();
    const numbers = new TradeNumbers(sequence.reserve, 5);

    await expect(numbers.take(1)).resolves.toEqual([1n]);
    expect(sequence.requests).toEqual([5]);

    await expect(numbers.take(2)).resolves.toEqual([2n, 3n]);
    await expect(numbers.take(2)).resolves.toEqual([4n, 5n]);
    expect(sequence.requests).toEqual([5]);

    await expect(numbers.take(1)).resolves.toEqual([6n]);
    expect(sequence.requests).toEqual([5, 5]);
  });

  it('reserves enough for a take larger than the block, handing out the leftovers first', async () => {
    const sequence = new FakeSequence();
    const numbers = new TradeNumbers(sequence.reserve, 3);

    await expect(numbers.take(1)).resolves.toEqual([1n]);
    await expect(numbers.take(5)).resolves.toEqual([2n, 3n, 4n, 5n, 6n]);
    expect(sequence.requests).toEqual([3, 5]);

    await expect(numbers.take(2)).resolves.toEqual([7n, 8n]);
    expect(sequence.requests).toEqual([3, 5]);
  });

  it('reserves exactly what a take from empty needs when that is more than the block', async () => {
    const sequence = new FakeSequence();
    const numbers = new TradeNumbers(sequence.reserve, 2);

    await expect(numbers.take(4)).resolves.toEqual([1n, 2n, 3n, 4n]);
    expect(sequence.requests).toEqual([4]);
    await expect(numbers.take(1)).resolves.toEqual([5n]);
    expect(sequence.requests).toEqual([4, 2]);
  });

  it('lets concurrent takes share one reservation in flight, in the order they asked', async () => {
    const sequence = new FakeSequence(true);
    const numbers = new TradeNumbers(sequence.reserve, 10);

    const first = numbers.take(2);
    const second = numbers.take(3);
    const third = numbers.take(1);
    await settle();
    expect(sequence.requests).toEqual([10]);
    expect(sequence.inFlight).toBe(1);

    sequence.land();
    await expect(Promise.all([first, second, third])).resolves.toEqual([[1n, 2n], [3n, 4n, 5n], [6n]]);
    expect(sequence.requests).toEqual([10]);
  });

  it('reserves again, one reservation at a time, when a shared block runs out for a later taker', async () => {
    const sequence = new FakeSequence(true);
    const numbers = new TradeNumbers(sequence.reserve, 4);

    const first = numbers.take(3);
    const second = numbers.take(3);
    await settle();
    expect(sequence.requests).toEqual([4]);

    sequence.land(); // 1..4: the first takes 1..3, one left is not enough for the second
    await settle();
    expect(sequence.requests).toEqual([4, 4]);
    expect(sequence.inFlight).toBe(1);

    sequence.land(); // 5..8
    await expect(Promise.all([first, second])).resolves.toEqual([
      [1n, 2n, 3n],
      [4n, 5n, 6n],
    ]);
    await expect(numbers.take(2)).resolves.toEqual([7n, 8n]);
  });

  it('rejects every taker waiting on a failed reservation, and the next take reserves again', async () => {
    const sequence = new FakeSequence(true);
    const numbers = new TradeNumbers(sequence.reserve, 5);

    const first = numbers.take(1);
    const second = numbers.take(2);
    await settle();
    sequence.fail(new Error('sequence unavailable'));

    await expect(first).rejects.toThrow('sequence unavailable');
    await expect(second).rejects.toThrow('sequence unavailable');
    expect(sequence.requests).toEqual([5]);

    const later = numbers.take(2);
    await settle();
    expect(sequence.requests).toEqual([5, 5]);
    sequence.land();
    await expect(later).resolves.toEqual([1n, 2n]);
  });

  it('refuses a reservation shorter than asked instead of asking again forever', async () => {
    const numbers = new TradeNumbers(async () => [7n], 4);

    await expect(numbers.take(2)).rejects.toThrow('reserved 1 trade numbers of 4');
  });

  it('hands out every number once, each take getting what it asked for in ascending order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (block, rounds) => {
          const sequence = new FakeSequence();
          const numbers = new TradeNumbers(sequence.reserve, block);
          const given: bigint[][] = [];
          // Each round's takes run at once; the rounds one after another.
          for (const counts of rounds) {
            const taken = await Promise.all(counts.map((count) => numbers.take(count)));
            taken.forEach((got, i) => {
              expect(got).toHaveLength(counts[i]!);
              expect([...got].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(got);
            });
            given.push(...taken);
          }
          const all = given.flat();
          expect(new Set(all).size).toBe(all.length);
          // Nothing skipped: what was handed out is 1..n, as the sequence gave it.
          expect(all.every((n) => n >= 1n && n <= BigInt(all.length))).toBe(true);
          for (const count of sequence.requests) expect(count).toBeGreaterThanOrEqual(block);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { GroupCommit, type GroupCommitOptions, type ItemOutcome } from './group-commit';

/** A capture-like item: `fail` is refused by the store on its own, `poison` makes any write holding it throw. */
interface Item {
  id: string;
  key: string;
  fail?: boolean;
  poison?: boolean;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every callback queued so far (promise reactions included) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface PendingWrite {
  items: readonly Item[];
  done: Deferred<ItemOutcome<string>[]>;
}

/**
 * A fake store: records each batch it is given and holds the write open until the test completes it
 * (or, with `auto`, completes it on its own a tick later). Answers `stored <id>` per item, refuses a
 * `fail` item alone, and throws for the whole batch when it holds a `poison` item.
 */
class FakeStore {
  readonly batches: string[][] = [];
  readonly pending: PendingWrite[] = [];
  maxInFlight = 0;
  /** Outcomes to drop from each answer (to break the one-outcome-per-item contract). */
  shortBy = 0;
  /** When set, every write fails with it (a lost database, say). */
  failWith: Error | undefined;

  constructor(private readonly auto = false) {}

  readonly write = (items: readonly Item[]): Promise<ItemOutcome<string>[]> => {
    this.batches.push(items.map((i) => i.id));
    const write: PendingWrite = { items: [...items], done: deferred() };
    this.pending.push(write);
    this.maxInFlight = Math.max(this.maxInFlight, this.pending.length);
    if (this.auto) setImmediate(() => this.finish(write));
    return write.done.promise;
  };

  /** Completes the oldest write still open. */
  complete(): void {
    const write = this.pending[0];
    if (!write) throw new Error('no write in flight');
    this.finish(write);
  }

  private finish(write: PendingWrite): void {
    this.pending.splice(this.pending.indexOf(write), 1);
    if (this.failWith) {
      write.done.reject(this.failWith);
      return;
    }
    const poison = write.items.find((i) => i.poison);
    if (poison) {
      write.done.reject(new Error(`cannot store ${poison.id}`));
      return;
    }
    const outcomes = write.items.map((i): ItemOutcome<string> =>
      i.fail ? { ok: false, error: new Error(`refused ${i.id}`) } : { ok: true, value: `stored ${i.id}` },
    );
    write.done.resolve(outcomes.slice(0, outcomes.length - this.shortBy));
  }
}

const item = (id: string, extra: Partial<Item> = {}): Item => ({ id, key: `key-${id}`, ...extra });

function groupCommit(
  store: FakeStore,
  options: Partial<GroupCommitOptions<Item, string>> = {},
): GroupCommit<Item, string> {
  return new GroupCommit<Item, string>({
    write: store.write,
    keyOf: (i) => i.key,
    maxBatch: 10,
    concurrency: 1,
    maxQueue: 100,
    overloaded: () => new Error('overloaded: retry shortly'),
    ...options,
  });
}

/** Records how each promise ended, so a test can look at it without awaiting in order. */
function track<T>(promise: Promise<T>): { result?: { value: T } | { error: unknown } } {
  const outcome: { result?: { value: T } | { error: unknown } } = {};
  void promise.then(
    (value) => (outcome.result = { value }),
    (error: unknown) => (outcome.result = { error }),
  );
  return outcome;
}

describe('GroupCommit', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes a lone item alone straight away, with no timer in between', async () => {
    jest.useFakeTimers();
    const store = new FakeStore();
    const group = groupCommit(store);

    const a = group.submit(item('a'));

    expect(store.batches).toEqual([['a']]);
    expect(jest.getTimerCount()).toBe(0);
    expect(group.waiting).toBe(0);
    store.complete();
    await expect(a).resolves.toBe('stored a');
  });

  it('writes the items that arrive while a batch is in flight together in the next batch, in order', async () => {
    const store = new FakeStore();
    const group = groupCommit(store);

    const a = group.submit(item('a'));
    const b = group.submit(item('b'));
    const c = group.submit(item('c'));
    const d = group.submit(item('d'));
    expect(store.batches).toEqual([['a']]);
    expect(group.waiting).toBe(3);

    store.complete();
    await settle();
    expect(store.batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(group.waiting).toBe(0);

    store.complete();
    await expect(Promise.all([a, b, c, d])).resolves.toEqual([
      'stored a',
      'stored b',
      'stored c',
      'stored d',
    ]);
  });

  it('puts no more than maxBatch items in one write, oldest first', async () => {
    const store = new FakeStore();
    const group = groupCommit(store, { maxBatch: 2 });

    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => group.submit(item(id)));
    store.complete();
    await settle();
    expect(store.batches).toEqual([['a'], ['b', 'c']]);
    expect(group.waiting).toBe(2);

    store.complete();
    await settle();
    store.complete();
    await expect(Promise.all(all)).resolves.toEqual([
      'stored a',
      'stored b',
      'stored c',
      'stored d',
      'stored e',
    ]);
    expect(store.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('keeps no more than `concurrency` writes in flight', async () => {
    const store = new FakeStore();
    const group = groupCommit(store, { maxBatch: 1, concurrency: 2 });

    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => group.submit(item(id)));
    expect(store.batches).toEqual([['a'], ['b']]);
    expect(store.pending).toHaveLength(2);
    expect(group.waiting).toBe(3);

    while (store.pending.length > 0) {
      store.complete();
      await settle();
    }

    await expect(Promise.all(all)).resolves.toEqual([
      'stored a',
      'stored b',
      'stored c',
      'stored d',
      'stored e',
    ]);
    expect(store.batches).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
    expect(store.maxInFlight).toBe(2);
  });

  it('builds the next batch while one commits when concurrency allows two', async () => {
    const store = new FakeStore();
    const group = groupCommit(store, { concurrency: 2 });

    const a = group.submit(item('a'));
    const b = group.submit(item('b'));
    const c = group.submit(item('c'));
    const d = group.submit(item('d'));
    // The first two each find a free transaction; the rest wait for one.
    expect(store.batches).toEqual([['a'], ['b']]);

    store.complete();
    await settle();
    expect(store.batches).toEqual([['a'], ['b'], ['c', 'd']]);

    store.complete();
    store.complete();
    await expect(Promise.all([a, b, c, d])).resolves.toEqual([
      'stored a',
      'stored b',
      'stored c',
      'stored d',
    ]);
  });

  it('never puts two items with the same key in one batch, and writes the later one afterwards', async () => {
    const store = new FakeStore();
    const group = groupCommit(store);

    const first = group.submit(item('first'));
    const a = group.submit(item('a', { key: 'k1' }));
    const b = group.submit(item('b', { key: 'k1' }));
    const c = group.submit(item('c', { key: 'k2' }));

    store.complete();
    await settle();
    expect(store.batches).toEqual([['first'], ['a', 'c']]);
    expect(group.waiting).toBe(1);

    store.complete();
    await settle();
    store.complete();
    await expect(Promise.all([first, a, b, c])).resolves.toEqual([
      'stored first',
      'stored a',
      'stored b',
      'stored c',
    ]);
    expect(store.batches).toEqual([['first'], ['a', 'c'], ['b']]);
  });

  it('never writes two items with the same key at once, even with a transaction free', async () => {
    const store = new FakeStore();
    const group = groupCommit(store, { concurrency: 2 });

    const a = group.submit(item('a', { key: 'k1' }));
    const b = group.submit(item('b', { key: 'k1' }));
    // b waits although a second transaction is free; c, with another key, may take it.
    expect(store.batches).toEqual([['a']]);
    expect(group.waiting).toBe(1);

    const c = group.submit(item('c', { key: 'k2' }));
    expect(store.batches).toEqual([['a'], ['c']]);
    expect(group.waiting).toBe(1);

    store.complete(); // a
    await settle();
    expect(store.batches).toEqual([['a'], ['c'], ['b']]);

    store.complete();
    store.complete();
    await expect(Promise.all([a, b, c])).resolves.toEqual(['stored a', 'stored b', 'stored c']);
  });

  it("rejects only the item the store refused, with the store's error, and writes the batch once", async () => {
    const store = new FakeStore();
    const group = groupCommit(store);

    const first = group.submit(item('first'));
    const b = track(group.submit(item('b')));
    const c = track(group.submit(item('c', { fail: true })));
    const d = track(group.submit(item('d')));

    store.complete();
    await settle();
    store.complete();
    await settle();

    await expect(first).resolves.toBe('stored first');
    expect(b.result).toEqual({ value: 'stored b' });
    expect(d.result).toEqual({ value: 'stored d' });
    expect(c.result).toEqual({ error: new Error('refused c') });
    expect(store.batches).toEqual([['first'], ['b', 'c', 'd']]);
  });

  it('retries each item alone when a batch write throws, so only the item that breaks it is rejected', async () => {
    const store = new FakeStore(true);
    const group = groupCommit(store);

    const [first, b, poison, d] = await Promise.allSettled([
      group.submit(item('first')),
      group.submit(item('b')),
      group.submit(item('p', { poison: true })),
      group.submit(item('d')),
    ]);

    expect(first).toEqual({ status: 'fulfilled', value: 'stored first' });
    expect(b).toEqual({ status: 'fulfilled', value: 'stored b' });
    expect(d).toEqual({ status: 'fulfilled', value: 'stored d' });
    expect(poison).toEqual({ status: 'rejected', reason: new Error('cannot store p') });
    expect(store.batches).toEqual([['first'], ['b', 'p', 'd'], ['b'], ['p'], ['d']]);
  });

  it('rejects a lone item with the error its write threw', async () => {
    const store = new FakeStore(true);
    const group = groupCommit(store);

    await expect(group.submit(item('p', { poison: true }))).rejects.toThrow('cannot store p');
    expect(store.batches).toEqual([['p']]);
  });

  it('refuses an item at once with overloaded() when maxQueue items are already waiting, and writes nothing for it', async () => {
    const store = new FakeStore();
    const group = groupCommit(store, { maxQueue: 2 });

    const a = group.submit(item('a')); // in flight, not waiting
    const b = group.submit(item('b'));
    const c = group.submit(item('c'));
    expect(group.waiting).toBe(2);

    await expect(group.submit(item('refused'))).rejects.toThrow('overloaded: retry shortly');
    expect(group.waiting).toBe(2);
    expect(store.batches).toEqual([['a']]);

    store.complete();
    await settle();
    store.complete();
    await expect(Promise.all([a, b, c])).resolves.toEqual(['stored a', 'stored b', 'stored c']);
    expect(store.batches).toEqual([['a'], ['b', 'c']]);

    // With room again, a new item is taken.
    const later = group.submit(item('later'));
    store.complete();
    await expect(later).resolves.toBe('stored later');
  });

  it('tells onCommit the size of each batch written, and a duration in seconds', async () => {
    const store = new FakeStore(true);
    const commits: [number, number][] = [];
    const group = groupCommit(store, { onCommit: (items, seconds) => commits.push([items, seconds]) });

    const all = ['a', 'b', 'c', 'd'].map((id) => group.submit(item(id)));
    await Promise.all(all);

    expect(commits.map(([items]) => items)).toEqual([1, 3]);
    for (const [, seconds] of commits) {
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(seconds).toBeLessThan(60);
    }
  });

  it('does not report a batch write that threw to onCommit, only the lone writes that followed', async () => {
    const store = new FakeStore(true);
    const sizes: number[] = [];
    const group = groupCommit(store, { onCommit: (items) => sizes.push(items) });

    const results = await Promise.allSettled([
      group.submit(item('a')),
      group.submit(item('b')),
      group.submit(item('p', { poison: true })),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);

    // a alone; [b, p] threw; then b alone succeeded and p alone threw.
    expect(store.batches).toEqual([['a'], ['b', 'p'], ['b'], ['p']]);
    expect(sizes).toEqual([1, 1]);
  });

  it('rejects a lone item when the write answers with the wrong number of outcomes', async () => {
    const store = new FakeStore(true);
    store.shortBy = 1;
    const group = groupCommit(store);

    await expect(group.submit(item('a'))).rejects.toThrow('group commit: 0 outcomes for 1 items');
  });

  it('rejects every item of a batch answered with the wrong number of outcomes, without writing it again', async () => {
    const store = new FakeStore(true);
    const group = groupCommit(store);

    const first = group.submit(item('first'));
    await expect(first).resolves.toBe('stored first');

    store.shortBy = 1;
    const results = await Promise.allSettled([
      group.submit(item('b')),
      group.submit(item('c')),
      group.submit(item('d')),
    ]);

    // The write committed: writing its items again alone would write them twice.
    expect(results).toEqual([
      { status: 'rejected', reason: new Error('group commit: 0 outcomes for 1 items') },
      { status: 'rejected', reason: new Error('group commit: 1 outcomes for 2 items') },
      { status: 'rejected', reason: new Error('group commit: 1 outcomes for 2 items') },
    ]);
    expect(store.batches).toEqual([['first'], ['b'], ['c', 'd']]);
  });

  it('rejects a whole batch at once when retryAlone says its failure would fail each item alike', async () => {
    const store = new FakeStore();
    const lost = new Error('database unreachable');
    const group = groupCommit(store, { retryAlone: (error) => error !== lost });

    const first = group.submit(item('first'));
    const rest = Promise.allSettled([group.submit(item('b')), group.submit(item('c'))]);
    store.complete();
    await expect(first).resolves.toBe('stored first');
    await settle();
    store.failWith = lost;
    store.complete();

    expect(await rest).toEqual([
      { status: 'rejected', reason: lost },
      { status: 'rejected', reason: lost },
    ]);
    expect(store.batches).toEqual([['first'], ['b', 'c']]);
  });

  it('fails what is still waiting along with the batch when the database is lost, without writing it', async () => {
    const store = new FakeStore();
    const lost = new Error('database unreachable');
    const group = groupCommit(store, { retryAlone: (error) => error !== lost });

    const inFlight = group.submit(item('a'));
    // Five more arrive while the first write hangs on the lost database: they wait their turn.
    const waiting = Promise.allSettled(['b', 'c', 'd', 'e', 'f'].map((id) => group.submit(item(id))));
    await settle();
    store.failWith = lost;
    store.complete();

    await expect(inFlight).rejects.toBe(lost);
    const rejected = { status: 'rejected', reason: lost };
    expect(await waiting).toEqual([rejected, rejected, rejected, rejected, rejected]);
    // Only the write in flight reached the database; nothing waits behind it.
    expect(store.batches).toEqual([['a']]);
    expect(store.pending).toHaveLength(0);
  });

  it('answers a committed batch even when onCommit throws, and does not write it again', async () => {
    const store = new FakeStore(true);
    const group = groupCommit(store, {
      onCommit: () => {
        throw new Error('metrics down');
      },
    });

    const results = await Promise.all([
      group.submit(item('a')),
      group.submit(item('b')),
      group.submit(item('c')),
    ]);

    expect(results).toEqual(['stored a', 'stored b', 'stored c']);
    expect(store.batches).toEqual([['a'], ['b', 'c']]);
  });

  describe('property: any interleaving of submissions and completions', () => {
    type Step = { kind: 'submit'; key: string } | { kind: 'complete'; pick: number };

    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('submit' as const), key: fc.constantFrom('k0', 'k1', 'k2', 'k3') }),
      fc.record({ kind: fc.constant('complete' as const), pick: fc.nat({ max: 7 }) }),
    );

    it('answers every item once with its own value, within maxBatch, never sharing a key in a batch or in flight', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 3 }),
          fc.array(step, { minLength: 1, maxLength: 40 }),
          async (maxBatch, concurrency, steps) => {
            const inFlight: { items: Item[]; done: Deferred<ItemOutcome<string>[]> }[] = [];
            const batches: Item[][] = [];
            const problems: string[] = [];

            const group = new GroupCommit<Item, string>({
              write: (items) => {
                const batch = [...items];
                batches.push(batch);
                const keys = batch.map((i) => i.key);
                if (batch.length > maxBatch) problems.push(`batch of ${batch.length}`);
                if (new Set(keys).size !== keys.length) problems.push(`key twice in [${keys.join()}]`);
                for (const other of inFlight) {
                  if (other.items.some((i) => keys.includes(i.key)))
                    problems.push('key in two writes at once');
                }
                if (inFlight.length >= concurrency) problems.push('too many writes in flight');
                const done = deferred<ItemOutcome<string>[]>();
                inFlight.push({ items: batch, done });
                return done.promise;
              },
              keyOf: (i) => i.key,
              maxBatch,
              concurrency,
              maxQueue: 1000,
              overloaded: () => new Error('overloaded'),
            });

            const completeAt = (index: number): void => {
              const [write] = inFlight.splice(index, 1);
              write!.done.resolve(write!.items.map((i) => ({ ok: true, value: `stored ${i.id}` })));
            };

            const submitted: Item[] = [];
            const answers = new Map<string, unknown[]>();
            for (const s of steps) {
              if (s.kind === 'submit') {
                const entry = { id: `#${submitted.length}`, key: s.key };
                const answered: unknown[] = [];
                submitted.push(entry);
                answers.set(entry.id, answered);
                void group.submit(entry).then(
                  (value) => answered.push(value),
                  (error: unknown) => answered.push(error),
                );
              } else if (inFlight.length > 0) {
                completeAt(s.pick % inFlight.length);
              }
              await settle();
            }
            while (inFlight.length > 0) {
              completeAt(0);
              await settle();
            }

            expect(problems).toEqual([]);
            expect(group.waiting).toBe(0);
            for (const entry of submitted) expect(answers.get(entry.id)).toEqual([`stored ${entry.id}`]);
            // Each item written exactly once, and items sharing a key in the order they were submitted.
            const written = batches.flat();
            expect(written.map((i) => i.id).sort()).toEqual(submitted.map((i) => i.id).sort());
            for (const key of ['k0', 'k1', 'k2', 'k3']) {
              expect(written.filter((i) => i.key === key)).toEqual(submitted.filter((i) => i.key === key));
            }
          },
        ),
      );
    });
  });
});

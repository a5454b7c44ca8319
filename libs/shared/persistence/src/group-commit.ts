/** What one item of a batch came to: its value, or the error its caller gets (the batch still commits). */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<I, R> {
  /** Writes every item atomically (one transaction or one statement); one outcome per item, in order. */
  write: (items: readonly I[]) => Promise<ItemOutcome<R>[]>;
  /** Items with the same key never share a batch or run at once (an idempotency key, say). */
  keyOf: (item: I) => string;
  /** The most items in one transaction. */
  maxBatch: number;
  /** Transactions in flight at once: one builds while another commits. */
  concurrency: number;
  /** Items waiting beyond this are refused at once with `overloaded()`, instead of queueing forever. */
  maxQueue: number;
  overloaded: () => Error;
  /**
   * Whether a batch that failed with this error is worth writing again item by item (to find the one
   * that broke it). Say no for failures that would fail each item alike, such as a lost database, so
   * they are answered at once rather than after one attempt per item; the items still waiting then
   * fail with it too, unwritten. Default: always.
   */
  retryAlone?: (error: unknown) => boolean;
  /** Told of each batch written: how many items, how long (for metrics). */
  onCommit?: (items: number, seconds: number) => void;
  /** Told, as a write starts, how long each of its items waited for it (for metrics). */
  onWaited?: (seconds: number) => void;
}

interface Waiting<I, R> {
  item: I;
  key: string;
  since: number;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: requests that arrive while a transaction is in flight are written together in the
 * next one, so a commit (and its fsync), its round trips and its statements are shared by all of them.
 * Under light load a batch is one item and costs what a lone transaction costs; no timer ever delays a
 * request. If a batch fails as a whole, each of its items is tried again alone, so one bad item
 * cannot fail the others.
 */
export class GroupCommit<I, R> {
  private readonly queue: Waiting<I, R>[] = [];
  private readonly busyKeys = new Set<string>();
  private inFlight = 0;

  constructor(private readonly options: GroupCommitOptions<I, R>) {}

  submit(item: I): Promise<R> {
    if (this.queue.length >= this.options.maxQueue) return Promise.reject(this.options.overloaded());
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, key: this.options.keyOf(item), since: performance.now(), resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a transaction (for metrics and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return; // everything waiting shares a key with a batch in flight
      this.inFlight++;
      const now = performance.now();
      for (const w of batch) this.options.onWaited?.((now - w.since) / 1000);
      void this.flush(batch).finally(() => {
        this.inFlight--;
        for (const w of batch) this.busyKeys.delete(w.key);
        this.pump();
      });
    }
  }

  /** The oldest waiting items, skipping any whose key is already in flight or in this batch. */
  private take(): Waiting<I, R>[] {
    const batch: Waiting<I, R>[] = [];
    let skipped = false;
    for (const w of this.queue) {
      if (batch.length === this.options.maxBatch) break;
      if (this.busyKeys.has(w.key)) {
        skipped = true;
        continue;
      }
      this.busyKeys.add(w.key);
      batch.push(w);
    }
    if (!skipped) this.queue.splice(0, batch.length);
    else {
      const taken = new Set(batch);
      const rest = this.queue.filter((w) => !taken.has(w));
      this.queue.length = 0;
      this.queue.push(...rest);
    }
    return batch;
  }

  private async flush(batch: Waiting<I, R>[]): Promise<void> {
    let outcomes: ItemOutcome<R>[];
    try {
      outcomes = await this.writeAll(batch);
    } catch (error) {
      const alike = this.options.retryAlone?.(error) === false;
      if (batch.length === 1 || alike) {
        for (const w of batch) w.reject(error);
        // What waits would fail alike (a database that cannot be reached): answer it now, nothing
        // written, rather than one batch per connection timeout.
        if (alike) for (const w of this.queue.splice(0)) w.reject(error);
        return;
      }
      // Find the item that broke the batch by running each alone; the others still succeed.
      for (const w of batch) {
        try {
          this.settle([w], await this.writeAll([w]));
        } catch (alone) {
          w.reject(alone);
        }
      }
      return;
    }
    this.settle(batch, outcomes);
  }

  private async writeAll(batch: Waiting<I, R>[]): Promise<ItemOutcome<R>[]> {
    const started = performance.now();
    const outcomes = await this.options.write(batch.map((w) => w.item));
    try {
      this.options.onCommit?.(batch.length, (performance.now() - started) / 1000);
    } catch {
      // A metric that fails must not make a committed write look failed (it would be written again).
    }
    return outcomes;
  }

  /** Answers each item; a wrong count of outcomes is a bug in `write`, reported to every item, not retried. */
  private settle(batch: Waiting<I, R>[], outcomes: ItemOutcome<R>[]): void {
    if (outcomes.length !== batch.length) {
      const error = new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }
}

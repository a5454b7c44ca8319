import { Counter, Gauge } from 'prom-client';
import { setTimeout as delay } from 'node:timers/promises';
import type { TransactionRunner } from './transaction';

/** A table whose rows are deleted some time after they were last of use. */
export interface RetentionRule {
  /** Unqualified: the connection's search_path is the service's schema. */
  table: string;
  /** When a row was last of use. Index it: a batch then reads only the rows it deletes. */
  column: string;
  /** How long after `column` a row is kept. */
  retentionMs: number;
  /** Rows whose `column` is one of `values` are kept whatever their age. */
  keep?: { column: string; values: readonly string[] };
}

export interface RetentionPrunerOptions {
  /** One statement per batch, each its own short transaction. */
  runner: Pick<TransactionRunner, 'query'>;
  now: () => Date;
  /** Time between two runs over every table. */
  intervalMs: number;
  /** Rows deleted per statement. */
  batchSize?: number;
  /** Pause between two batches of a table, so writers and autovacuum keep their share. */
  pauseMs?: number;
  log?: (message: string) => void;
}

// Registered once per process on prom-client's default registry, which /metrics serves.
export const retentionMetrics = {
  rowsPruned: new Counter({
    name: 'tradeflow_rows_pruned_total',
    help: 'Rows deleted by the retention pruner, per table',
    labelNames: ['table'],
  }),
  lastRun: new Gauge({
    name: 'tradeflow_prune_last_run_timestamp_seconds',
    help: 'When the retention pruner last went through a table to its end (Unix time)',
    labelNames: ['table'],
  }),
  failures: new Counter({
    name: 'tradeflow_prune_failures_total',
    help: 'Pruning runs of a table that failed (tried again at the next interval)',
    labelNames: ['table'],
  }),
};

/** The instant before which a row last used is due: `retentionMs` before `now`. */
export function pruneCutoff(now: Date, retentionMs: number): Date {
  return new Date(now.getTime() - retentionMs);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Deletes, in the background, the rows of each registered table older than its retention. Writers are
 * never blocked: each batch is one short statement that takes only rows no one holds (`FOR UPDATE SKIP
 * LOCKED`; a row a writer is using, say touching it, is left for a later run) and deletes them by
 * `ctid`, oldest first, with a pause between batches. Every instance runs one; SKIP LOCKED lets them
 * share a table's rows instead of waiting for each other.
 */
export class RetentionPruner {
  private readonly rules: RetentionRule[] = [];
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly batchSize: number;
  private readonly pauseMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly options: RetentionPrunerOptions,
    rules: readonly RetentionRule[] = [],
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.pauseMs = options.pauseMs ?? 100;
    this.log = options.log ?? (() => undefined);
    for (const rule of rules) this.add(rule);
  }

  add(rule: RetentionRule): this {
    for (const name of [rule.table, rule.column, rule.keep?.column ?? 'none']) {
      if (!IDENTIFIER.test(name)) throw new Error(`retention rule: "${name}" is not a plain SQL identifier`);
    }
    if (!(rule.retentionMs > 0)) throw new Error(`retention rule for ${rule.table}: retention must be > 0`);
    this.rules.push(rule);
    return this;
  }

  get tables(): string[] {
    return this.rules.map((r) => r.table);
  }

  /** Runs every `intervalMs` until stopped (the first run one interval after the start). */
  start(): void {
    if (this.loop || this.stopping.signal.aborted || this.rules.length === 0) return;
    this.loop = this.run();
  }

  /**
   * Stops between two statements: a batch in flight (one short statement) finishes, nothing starts
   * after it. Safe to call without awaiting: the result of that batch is all there is to wait for.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** One run: each table's due rows, batch by batch, until a batch comes back short. Rows per table. */
  async pruneOnce(): Promise<Map<string, number>> {
    const now = this.options.now();
    const pruned = new Map<string, number>();
    for (const rule of this.rules) {
      if (this.stopping.signal.aborted) break;
      try {
        pruned.set(rule.table, await this.prune(rule, pruneCutoff(now, rule.retentionMs)));
        retentionMetrics.lastRun.set({ table: rule.table }, this.options.now().getTime() / 1000);
      } catch (error) {
        retentionMetrics.failures.inc({ table: rule.table });
        this.log(`pruning ${rule.table} failed, next run in ${this.options.intervalMs} ms: ${String(error)}`);
      }
    }
    return pruned;
  }

  private async prune(rule: RetentionRule, cutoff: Date): Promise<number> {
    const keep = rule.keep ? ` AND ${rule.keep.column} <> ALL($3::text[])` : '';
    // ctid = ANY(ARRAY(...)): a TID scan of exactly the rows the sub-select locked.
    const sql = `DELETE FROM ${rule.table} WHERE ctid = ANY(ARRAY(
      SELECT ctid FROM ${rule.table} WHERE ${rule.column} < $1${keep}
      ORDER BY ${rule.column} LIMIT $2 FOR UPDATE SKIP LOCKED))`;
    const params: unknown[] = [cutoff.toISOString(), this.batchSize];
    if (rule.keep) params.push(rule.keep.values);
    let total = 0;
    for (;;) {
      const { rowCount } = await this.options.runner.query(sql, params);
      total += rowCount;
      retentionMetrics.rowsPruned.inc({ table: rule.table }, rowCount);
      if (rowCount < this.batchSize || this.stopping.signal.aborted) return total;
      await this.pause(this.pauseMs);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      await this.pause(this.options.intervalMs);
      if (!this.stopping.signal.aborted) await this.pruneOnce();
    }
  }

  /** Sleeps, waking early when stopped; keeps no process alive. */
  private async pause(ms: number): Promise<void> {
    await delay(ms, undefined, { signal: this.stopping.signal, ref: false }).catch(() => undefined);
  }
}

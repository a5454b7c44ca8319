import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createServiceDataSource, migrate, quoteIdent } from './database';
import { RetentionPruner, retentionMetrics, type RetentionRule } from './retention-pruner';
import { TypeOrmTransactionRunner } from './transaction';

const HOUR = 3600 * 1000;
const now = new Date('2026-11-22T12:00:00.000Z');

// The pruner on the real PostgreSQL: rows past their retention go in small batches, the rest stay, a row
// a writer holds is stepped around (the writer is not blocked, nor is the pruner), several instances
// share the work, and it stops between two statements.
describe('RetentionPruner', () => {
  const schema = `t_pruner_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let runner: TypeOrmTransactionRunner;
  const rule: RetentionRule = { table: 'note', column: 'used_at', retentionMs: 24 * HOUR };
  const pruner = (options: { batchSize?: number; rules?: RetentionRule[] } = {}) =>
    new RetentionPruner(
      { runner, now: () => now, intervalMs: 60000, batchSize: options.batchSize ?? 3, pauseMs: 1 },
      options.rules ?? [rule],
    );
  const ids = async () =>
    (await runner.query<{ id: number }>('SELECT id FROM note ORDER BY id')).rows.map((r) => r.id);
  /** Notes 1..n, note i last used i hours ago, of kind `k<i mod 2>`. */
  const seed = async (n: number) => {
    await runner.query('TRUNCATE note');
    await runner.query(
      `INSERT INTO note (id, used_at, kind)
       SELECT i, $1::timestamptz - i * interval '1 hour', 'k' || (i % 2) FROM generate_series(1, $2::int) AS i`,
      [now.toISOString(), n],
    );
  };
  const counted = async (metric: 'rowsPruned' | 'lastRun' | 'failures') =>
    (await retentionMetrics[metric].get()).values.find((v) => v.labels['table'] === 'note')?.value ?? 0;

  beforeAll(async () => {
    dataSource = createServiceDataSource({
      url: process.env['DATABASE_URL']!, // set by the global setup
      schema,
      poolSize: 4,
      statementTimeoutMs: 5000,
    });
    await dataSource.initialize();
    await migrate(dataSource, schema);
    runner = new TypeOrmTransactionRunner(dataSource);
    await runner.query(
      'CREATE TABLE note (id INT PRIMARY KEY, used_at TIMESTAMPTZ NOT NULL, kind TEXT NOT NULL)',
    );
    await runner.query('CREATE INDEX note_used_at ON note (used_at)');
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await dataSource.destroy();
  });

  it('deletes the rows last used more than the retention ago, in batches, and counts them', async () => {
    await seed(40); // notes 25..40 are past 24 hours; 24 is exactly 24 hours old and stays
    const before = await counted('rowsPruned');

    expect(await pruner().pruneOnce()).toEqual(new Map([['note', 16]]));

    expect(await ids()).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect((await counted('rowsPruned')) - before).toBe(16);
    expect(await counted('lastRun')).toBe(now.getTime() / 1000);
    // Nothing is due any more: a second run deletes nothing.
    expect(await pruner().pruneOnce()).toEqual(new Map([['note', 0]]));
  });

  it('keeps the rows a rule says to keep, whatever their age', async () => {
    await seed(30);
    const keepOdd: RetentionRule = { ...rule, keep: { column: 'kind', values: ['k1'] } };

    expect(await pruner({ rules: [keepOdd] }).pruneOnce()).toEqual(new Map([['note', 3]]));

    expect(await ids()).toEqual([...Array.from({ length: 24 }, (_, i) => i + 1), 25, 27, 29]);
  });

  it('steps around a row a writer holds, without waiting for it nor making it wait', async () => {
    await seed(30);
    const writer = await dataSource.createQueryRunner();
    await writer.connect();
    try {
      // A writer is using note 27 (as a replay touches its idempotency key) and has not committed.
      await writer.startTransaction();
      await writer.query(`UPDATE note SET used_at = $1 WHERE id = 27`, [now.toISOString()]);

      const started = Date.now();
      expect(await pruner({ batchSize: 2 }).pruneOnce()).toEqual(new Map([['note', 5]]));
      expect(Date.now() - started).toBeLessThan(3000); // the statement timeout is 5 s: nothing waited
      expect(await ids()).toEqual([...Array.from({ length: 24 }, (_, i) => i + 1), 27]);

      // The writer goes on with the row, unblocked, and commits its use.
      await writer.query(`UPDATE note SET kind = 'used' WHERE id = 27`);
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    // Used now, note 27 is not due any more.
    expect(await pruner().pruneOnce()).toEqual(new Map([['note', 0]]));
    expect(await ids()).toContain(27);
  });

  it('shares a table among instances pruning at once', async () => {
    await seed(224); // 200 due
    const instances = [pruner({ batchSize: 7 }), pruner({ batchSize: 7 }), pruner({ batchSize: 7 })];

    const runs = await Promise.all(instances.map((p) => p.pruneOnce()));

    expect(runs.reduce((sum, run) => sum + run.get('note')!, 0)).toBe(200);
    expect(await ids()).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('runs in the background every interval and stops between two statements', async () => {
    await seed(30);
    const background = new RetentionPruner(
      { runner, now: () => now, intervalMs: 50, batchSize: 2, pauseMs: 1 },
      [rule],
    );
    background.start();
    await waitUntil(async () => (await ids()).length === 24);

    const stopped = Date.now();
    await background.stop();
    expect(Date.now() - stopped).toBeLessThan(1000);
    await seed(30);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ids()).toHaveLength(30);
  });

  it('counts a failed run and carries on with the next table', async () => {
    await seed(30);
    const missing: RetentionRule = { table: 'no_such_table', column: 'used_at', retentionMs: HOUR };
    const logged: string[] = [];
    const failing = new RetentionPruner(
      { runner, now: () => now, intervalMs: 60000, log: (m) => logged.push(m) },
      [missing, rule],
    );
    const before = (await retentionMetrics.failures.get()).values.find(
      (v) => v.labels['table'] === 'no_such_table',
    )?.value;

    expect(await failing.pruneOnce()).toEqual(new Map([['note', 6]]));

    expect(logged).toEqual([
      expect.stringMatching(/^pruning no_such_table failed, next run in 60000 ms: .*no_such_table/),
    ]);
    const after = (await retentionMetrics.failures.get()).values.find(
      (v) => v.labels['table'] === 'no_such_table',
    )?.value;
    expect((after ?? 0) - (before ?? 0)).toBe(1);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

import { MessagingTables1763800000000 } from '@tradeflow/shared/messaging';
import { RetentionPruner, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { createTestSchema, type TestSchema } from '@tradeflow/shared/testing';
import { TradeCaptureIdempotencyLastUse1764100000001 } from './idempotency-last-use.migration';
import { IdempotencyRepository, idempotencyKeyRetention } from './idempotency.repository';
import { TradeChangeRepository } from './trade-change.repository';
import { TRADE_CAPTURE_MIGRATIONS } from './trade-capture.migrations';
import { tradeRow } from './trade-row.fixtures';

const HOUR = 3600 * 1000;
const now = new Date('2026-11-22T12:00:00.000Z');
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

// Idempotency keys are kept 24 hours (here) after their last use, on the real PostgreSQL: a claim and
// every replay of its answer are uses; a key in use by a request in flight is stepped around; a key
// pruned is a new request again.
describe('idempotency key retention', () => {
  let db: TestSchema;
  let runner: TypeOrmTransactionRunner;
  const keys = new IdempotencyRepository();
  const pruneAt = (instant: Date) =>
    new RetentionPruner({ runner, now: () => instant, intervalMs: 60000, batchSize: 2 }, [
      idempotencyKeyRetention(24 * HOUR),
    ]).pruneOnce();
  const claim = (key: string, when: Date, hash = `hash-${key}`) =>
    runner.run((tx) => keys.claim(tx, 'alice', key, hash, when));
  const kept = async () =>
    (await runner.query<{ key: string }>('SELECT key FROM idempotency_key ORDER BY key')).rows.map(
      (r) => r.key,
    );
  const lastUsed = async (key: string) =>
    (
      await runner.query<{ at: Date }>('SELECT last_used_at AS at FROM idempotency_key WHERE key = $1', [key])
    ).rows[0]?.at.toISOString();

  beforeAll(async () => {
    db = await createTestSchema('key_retention', [MessagingTables1763800000000, ...TRADE_CAPTURE_MIGRATIONS]);
    runner = new TypeOrmTransactionRunner(db.dataSource);
  });

  beforeEach(async () => {
    await runner.query('TRUNCATE idempotency_key');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('forgets a key 24 hours after its claim, and keeps those used since', async () => {
    await claim('k-old', at(-30));
    await claim('k-day', at(-24)); // exactly 24 hours: not yet
    await claim('k-new', at(-1));
    await claim('k-older', at(-72));

    expect(await pruneAt(now)).toEqual(new Map([['idempotency_key', 2]]));

    expect(await kept()).toEqual(['k-day', 'k-new']);
  });

  it('restarts a key’s retention at each replay of its answer, in the request or through the capture path', async () => {
    await claim('k-cancel', at(-30));
    await claim('k-capture', at(-30));
    await claim('k-idle', at(-30));
    // A retried cancel replays its key two hours ago; a retried capture one hour ago.
    const replayed = await claim('k-cancel', at(-2));
    expect(replayed).toEqual({
      claimed: false,
      existing: expect.objectContaining({ requestHash: 'hash-k-cancel' }),
    });
    await keys.replay(runner, [{ principal: 'alice', key: 'k-capture' }], at(-1));
    expect([await lastUsed('k-cancel'), await lastUsed('k-capture')]).toEqual([
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T11:00:00.000Z',
    ]);

    expect(await pruneAt(now)).toEqual(new Map([['idempotency_key', 1]]));
    expect(await kept()).toEqual(['k-cancel', 'k-capture']);
    // 24 hours after its replay the cancel's key is still there; an hour later it is gone.
    expect(await pruneAt(at(22))).toEqual(new Map([['idempotency_key', 0]]));
    expect(await pruneAt(at(23))).toEqual(new Map([['idempotency_key', 1]]));
    expect(await kept()).toEqual(['k-capture']);
  });

  it('never moves a key’s last use back, whatever a late clock says', async () => {
    await claim('k-a', at(-1));
    await keys.replay(runner, [{ principal: 'alice', key: 'k-a' }], at(-5));
    expect(await lastUsed('k-a')).toBe('2026-11-22T11:00:00.000Z');
  });

  it('stamps a key claimed by the capture statement with its capture time', async () => {
    const tradeId = 'T-20261122-000001';
    const eventId = '00000000-0000-4000-8000-000000000001';
    await new TradeChangeRepository().write(runner, [
      {
        claim: { principal: 'alice', key: 'k-capture', requestHash: 'h', statusCode: 201 },
        trade: tradeRow(tradeId, at(-3)),
        isNew: true,
        version: { payload: { tradeId }, recordedAt: at(-3), recordedBy: 'alice' },
        event: {
          eventId,
          type: 'trade.captured',
          version: 1,
          topic: 'fo.trade.captured.v1',
          key: tradeId,
          value: '{}',
        },
        steps: [],
      },
    ]);
    expect(await lastUsed('k-capture')).toBe('2026-11-22T09:00:00.000Z');
  });

  it('steps around a key a request is replaying, neither waiting for it nor making it wait', async () => {
    await claim('k-busy', at(-30));
    await claim('k-gone-1', at(-30));
    await claim('k-gone-2', at(-40));
    await claim('k-gone-3', at(-50));
    const request = await db.dataSource.createQueryRunner();
    await request.connect();
    try {
      // A retried cancel has replayed its key (the row is locked until it commits) and is still open.
      await request.startTransaction();
      await request.query(
        `UPDATE idempotency_key SET last_used_at = GREATEST(last_used_at, $1) WHERE principal = 'alice' AND key = 'k-busy'`,
        [now.toISOString()],
      );

      const started = Date.now();
      expect(await pruneAt(now)).toEqual(new Map([['idempotency_key', 3]]));
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await kept()).toEqual(['k-busy']);

      await request.commitTransaction();
    } finally {
      await request.release();
    }
    // Used now, it stays.
    expect(await pruneAt(now)).toEqual(new Map([['idempotency_key', 0]]));
    expect(await kept()).toEqual(['k-busy']);
  });

  it('takes a pruned key as a new request', async () => {
    await claim('k-reused', at(-30), 'first request');
    await pruneAt(now);
    expect(await claim('k-reused', now, 'another request')).toEqual({ claimed: true });
    expect(await lastUsed('k-reused')).toBe('2026-11-22T12:00:00.000Z');
  });

  it('has a migration that adds last_used_at with its index, and takes both away again', async () => {
    const shape = async () =>
      (
        await runner.query<{ what: string }>(
          `SELECT column_name AS what FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = 'idempotency_key' AND column_name = 'last_used_at'
           UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname = 'idempotency_key_last_used'`,
          [db.schema],
        )
      ).rows.map((r) => r.what);
    await claim('k-before', at(-30));
    const migration = new TradeCaptureIdempotencyLastUse1764100000001();
    const q = db.dataSource.createQueryRunner();
    try {
      expect(await shape()).toEqual(['last_used_at', 'idempotency_key_last_used']);
      await migration.down(q);
      expect(await shape()).toEqual([]);
      const before = Date.now();
      await migration.up(q);
      expect(await shape()).toEqual(['last_used_at', 'idempotency_key_last_used']);
      // A key stored before the column counts as used when the migration ran.
      expect(new Date((await lastUsed('k-before'))!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    } finally {
      await q.release();
    }
  });
});

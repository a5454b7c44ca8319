import { Dec } from '@tradeflow/shared/money';
import { MessagingTables1763800000000 } from '@tradeflow/shared/messaging';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { createTestSchema, type TestSchema } from '@tradeflow/shared/testing';
import { IdempotencyRepository } from './idempotency.repository';
import { TRADE_CAPTURE_MIGRATIONS } from './trade-capture.migrations';
import { tradeRow } from './trade-row.fixtures';
import { TradeRepository, type TradeRow } from './trade.repository';

// trade-capture's tables on the real PostgreSQL: exact amounts, the database's own guards, and
// idempotency keys that let concurrent duplicates through exactly once.
describe('trade-capture repositories', () => {
  let db: TestSchema;
  let runner: TypeOrmTransactionRunner;
  const trades = new TradeRepository();
  const keys = new IdempotencyRepository();
  const now = new Date('2026-11-20T14:31:07.123Z');

  const trade = (tradeId: string, overrides: Partial<TradeRow> = {}): TradeRow =>
    tradeRow(tradeId, now, overrides);

  beforeAll(async () => {
    db = await createTestSchema('trade_capture', [MessagingTables1763800000000, ...TRADE_CAPTURE_MIGRATIONS]);
    runner = new TypeOrmTransactionRunner(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('stores a trade and reads back exactly the same amounts, dates and instants', async () => {
    const written = trade('T-20261120-000001', {
      price: new Dec('0.00000001'),
      quantity: new Dec('123456789012.123456'),
    });
    await runner.run((tx) => trades.insert(tx, written));
    const read = await runner.run((tx) => trades.findById(tx, 'T-20261120-000001'));
    expect(read).toBeDefined();
    expect(read!.price.toFixed()).toBe('0.00000001');
    expect(read!.quantity.toFixed()).toBe('123456789012.123456');
    expect(read!.grossAmount.toFixed(2)).toBe('190250.00');
    expect(read!.netAmount.toFixed(2)).toBe('190262.50');
    expect(read!.tradeDate).toBe('2026-11-20');
    expect(read!.settlementDate).toBe('2026-11-23');
    expect(read!.createdAt).toBe('2026-11-20T14:31:07.123Z');
    expect(read!.accruedInterest).toBeNull();
  });

  it('issues increasing trade numbers from one sequence, several at once for a batch', async () => {
    const [batch, next] = await runner.run(async (tx) => [
      await trades.reserveNumbers(tx, 3),
      await trades.reserveNumbers(tx, 1),
    ]);
    expect(batch).toHaveLength(3);
    expect([batch![1]! - batch![0]!, batch![2]! - batch![1]!, next![0]! - batch![2]!]).toEqual([1n, 1n, 1n]);
  });

  it.each([
    ['a zero quantity', { quantity: new Dec('0') }],
    ['a negative price', { price: new Dec('-1') }],
    ['a settlement date not after the trade date', { settlementDate: '2026-11-20' }],
    ['a negative commission', { commission: new Dec('-0.01') }],
  ])('refuses %s in the database itself', async (_case, overrides) => {
    await expect(
      runner.run((tx) => trades.insert(tx, trade('T-20261120-999999', overrides))),
    ).rejects.toThrow(/violates check constraint/);
    expect(await runner.run((tx) => trades.findById(tx, 'T-20261120-999999'))).toBeUndefined();
  });

  it('lets 20 concurrent requests with one key book one trade, the others finding the stored response', async () => {
    const before = await runner.run((tx) => trades.count(tx));
    const attempt = (i: number) =>
      runner.run(async (tx) => {
        const claim = await keys.claim(tx, 'alice', 'key-concurrent', 'hash-1', now);
        if (!claim.claimed) return { winner: false, existing: claim.existing };
        await new Promise((r) => setTimeout(r, 50)); // hold the key while the others arrive
        const tradeId = `T-20261120-${String(100 + i).padStart(6, '0')}`;
        await trades.insert(tx, trade(tradeId));
        await keys.complete(tx, 'alice', 'key-concurrent', 201, { tradeId });
        return { winner: true, tradeId };
      });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i)));

    const winners = results.filter((r) => r.winner);
    expect(winners).toHaveLength(1);
    const tradeId = (winners[0] as { tradeId: string }).tradeId;
    for (const r of results.filter((x) => !x.winner)) {
      expect(r).toEqual({
        winner: false,
        existing: { requestHash: 'hash-1', statusCode: 201, response: { tradeId } },
      });
    }
    expect(await runner.run((tx) => trades.count(tx))).toBe(before + 1);
  });

  it('lets a retry claim the key again when the first attempt rolled back', async () => {
    await expect(
      runner.run(async (tx) => {
        await keys.claim(tx, 'bob', 'key-rollback', 'hash-2', now);
        throw new Error('the capture failed after claiming the key');
      }),
    ).rejects.toThrow('the capture failed');
    const claim = await runner.run((tx) => keys.claim(tx, 'bob', 'key-rollback', 'hash-2', now));
    expect(claim).toEqual({ claimed: true });
  });

  it('keeps keys per caller: the same key from another trader is a new request', async () => {
    await runner.run((tx) => keys.claim(tx, 'carol', 'shared-key', 'hash-3', now));
    const other = await runner.run((tx) => keys.claim(tx, 'dave', 'shared-key', 'hash-4', now));
    expect(other).toEqual({ claimed: true });
  });
});

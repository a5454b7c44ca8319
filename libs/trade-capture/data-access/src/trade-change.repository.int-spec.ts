import { Dec } from '@tradeflow/shared/money';
import { MessagingTables1763800000000 } from '@tradeflow/shared/messaging';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { createTestSchema, testInfra, type TestSchema } from '@tradeflow/shared/testing';
import { Client } from 'pg';
import { IdempotencyRepository } from './idempotency.repository';
import { TradeChangeRepository, type TradeChangeRows } from './trade-change.repository';
import { TRADE_CAPTURE_MIGRATIONS } from './trade-capture.migrations';
import { tradeRow } from './trade-row.fixtures';
import { TradeRepository, type TradeRow } from './trade.repository';

// The one statement that writes a batch of captures, on the real PostgreSQL: everything of a capture
// or nothing, exact amounts, keys claimed once across concurrent batches, and streams told in order.
// (Amendments and cancels through the same statement: trade-change.recorder.int-spec.ts.)
describe('TradeChangeRepository, captures', () => {
  let db: TestSchema;
  let runner: TypeOrmTransactionRunner;
  const writes = new TradeChangeRepository();
  const trades = new TradeRepository();
  const keys = new IdempotencyRepository();
  const now = new Date('2026-11-22T09:15:00.250Z');
  const channel = 'trade_status_capture_write_test';

  // Amounts with every decimal a price and a quantity may carry, to see them come back exactly.
  const trade = (tradeId: string, overrides: Partial<TradeRow> = {}): TradeRow =>
    tradeRow(tradeId, now, {
      quantity: new Dec('1234567.123456'),
      price: new Dec('98765.43210987'),
      settlementDate: '2026-11-24',
      commission: new Dec('0.01'),
      grossAmount: new Dec('121932003172.04'),
      netAmount: new Dec('121932003172.05'),
      ...overrides,
    });

  let eventNo = 0;
  const capture = (key: string, tradeId: string, overrides: Partial<TradeRow> = {}): TradeChangeRows => {
    eventNo += 1;
    const eventId = `00000000-0000-4000-8000-${String(eventNo).padStart(12, '0')}`;
    const payload = { tradeId, version: 1, status: 'CAPTURED', quantity: '1234567.123456' };
    return {
      claim: { principal: 'alice', key, requestHash: `hash-${key}`, statusCode: 201 },
      trade: trade(tradeId, overrides),
      isNew: true,
      version: { payload, recordedAt: now, recordedBy: 'alice' },
      event: {
        eventId,
        type: 'fo.trade.captured',
        version: 1,
        topic: 'fo.trade.captured.v1',
        key: tradeId,
        value: `{"eventId":"${eventId}","payload":{"tradeId":"${tradeId}","note":"exact \\"bytes\\" é"}}`,
      },
      steps: [
        {
          row: {
            tradeId,
            book: 'EQ-US-FLOW',
            eventId,
            eventType: 'fo.trade.captured',
            producer: 'trade-capture',
            step: { kind: 'CAPTURED', version: 1, occurredAt: now.toISOString() },
            recordedAt: now.toISOString(),
            actor: { id: 'alice', role: 'trader' },
            summary: `booked ${tradeId}`,
            facts: { quantity: '1234567.123456' },
            statusBefore: null,
            statusAfter: 'CAPTURED',
          },
          wake: channel,
        },
      ],
    };
  };

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      (await runner.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE ${where}`, params))
        .rows[0]!.n,
    );

  beforeAll(async () => {
    db = await createTestSchema('capture_write', [MessagingTables1763800000000, ...TRADE_CAPTURE_MIGRATIONS]);
    runner = new TypeOrmTransactionRunner(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('writes a batch whole: trades with exact amounts, versions, events byte for byte, steps, stored answers', async () => {
    const listener = new Client({ connectionString: testInfra().databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query(`LISTEN ${channel}`);
    try {
      const batch = [
        capture('k-a', 'T-20261122-000001'),
        capture('k-b', 'T-20261122-000002'),
        capture('k-c', 'T-20261122-000003'),
      ];
      const written = await writes.write(runner, batch);

      expect([...written].sort()).toEqual(['T-20261122-000001', 'T-20261122-000002', 'T-20261122-000003']);
      const stored = await trades.findById(runner, 'T-20261122-000002');
      expect(stored!.quantity.toFixed()).toBe('1234567.123456');
      expect(stored!.price.toFixed()).toBe('98765.43210987');
      expect(stored!.grossAmount.toFixed(2)).toBe('121932003172.04');
      expect(stored!.netAmount.toFixed(2)).toBe('121932003172.05');
      expect(stored!.commission.toFixed(2)).toBe('0.01');
      expect(stored!.settlementDate).toBe('2026-11-24');
      expect(stored!.createdAt).toBe('2026-11-22T09:15:00.250Z');

      const versions = await runner.query<{ payload: unknown; recorded_by: string }>(
        `SELECT payload, recorded_by FROM trade_version WHERE trade_id = 'T-20261122-000002' AND version = 1`,
      );
      expect(versions.rows).toEqual([
        {
          payload: {
            tradeId: 'T-20261122-000002',
            version: 1,
            status: 'CAPTURED',
            quantity: '1234567.123456',
          },
          recorded_by: 'alice',
        },
      ]);

      const events = await runner.query<{ message_key: string; value: string; event_type: string }>(
        'SELECT message_key, value, event_type FROM outbox ORDER BY id',
      );
      expect(events.rows.map((e) => e.message_key)).toEqual([
        'T-20261122-000001',
        'T-20261122-000002',
        'T-20261122-000003',
      ]);
      expect(events.rows[1]!.value).toBe(batch[1]!.event.value);

      const steps = await runner.query<{ trade_id: string; status_after: string; facts: unknown }>(
        `SELECT trade_id, status_after, facts FROM trade_timeline ORDER BY seq`,
      );
      expect(steps.rows).toEqual(
        ['000001', '000002', '000003'].map((n) => ({
          trade_id: `T-20261122-${n}`,
          status_after: 'CAPTURED',
          facts: { quantity: '1234567.123456' },
        })),
      );

      const answers = await keys.replay(runner, [{ principal: 'alice', key: 'k-b' }], now);
      expect([...answers.values()]).toEqual([
        {
          requestHash: 'hash-k-b',
          statusCode: 201,
          response: {
            tradeId: 'T-20261122-000002',
            version: 1,
            status: 'CAPTURED',
            quantity: '1234567.123456',
          },
        },
      ]);

      // NOTIFY is delivered on commit: the streams are woken once for the batch, and read the steps.
      for (let i = 0; i < 100 && heard.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toEqual(['']);
    } finally {
      await listener.end();
    }
  });

  it('leaves out a capture whose key was claimed before, writing the others', async () => {
    const before = {
      trades: await count('trade'),
      events: await count('outbox'),
      steps: await count('trade_timeline'),
    };
    const written = await writes.write(runner, [
      capture('k-a', 'T-20261122-000011'),
      capture('k-d', 'T-20261122-000012'),
    ]);

    expect([...written]).toEqual(['T-20261122-000012']);
    expect(await trades.findById(runner, 'T-20261122-000011')).toBeUndefined();
    expect(await count('trade')).toBe(before.trades + 1);
    expect(await count('outbox')).toBe(before.events + 1);
    expect(await count('trade_timeline')).toBe(before.steps + 1);
    expect(await count('outbox', 'message_key = $1', ['T-20261122-000011'])).toBe(0);
    // The key still answers what it answered the first time.
    const answers = await keys.replay(runner, [{ principal: 'alice', key: 'k-a' }], now);
    expect((answers.get('alice\u0000k-a')!.response as { tradeId: string }).tradeId).toBe(
      'T-20261122-000001',
    );
  });

  it('writes nothing of a batch when one capture breaks a rule of the database', async () => {
    const before = {
      trades: await count('trade'),
      events: await count('outbox'),
      steps: await count('trade_timeline'),
      keys: await count('idempotency_key'),
    };
    await expect(
      writes.write(runner, [
        capture('k-e', 'T-20261122-000021'),
        capture('k-f', 'T-20261122-000022', { quantity: new Dec('0') }),
      ]),
    ).rejects.toThrow(/violates check constraint/);
    expect({
      trades: await count('trade'),
      events: await count('outbox'),
      steps: await count('trade_timeline'),
      keys: await count('idempotency_key'),
    }).toEqual(before);
  });

  it('claims each key once when two batches on two connections share one, booking one trade for it', async () => {
    // As two instances would: each batch sorted by key, both racing for k-h.
    const [first, second] = await Promise.all([
      writes.write(runner, [capture('k-g', 'T-20261122-000031'), capture('k-h', 'T-20261122-000032')]),
      writes.write(runner, [capture('k-h', 'T-20261122-000033'), capture('k-i', 'T-20261122-000034')]),
    ]);

    const all = [...first, ...second].sort();
    expect(all).toHaveLength(3);
    expect(all).toEqual(expect.arrayContaining(['T-20261122-000031', 'T-20261122-000034']));
    const forH = all.filter((id) => id === 'T-20261122-000032' || id === 'T-20261122-000033');
    expect(forH).toHaveLength(1);
    expect(await count('trade', 'trade_id = ANY($1)', [['T-20261122-000032', 'T-20261122-000033']])).toBe(1);
    const answer = await keys.replay(runner, [{ principal: 'alice', key: 'k-h' }], now);
    expect((answer.get('alice\u0000k-h')!.response as { tradeId: string }).tradeId).toBe(forH[0]);
  });
});

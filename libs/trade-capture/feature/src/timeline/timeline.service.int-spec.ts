import type { ServiceConfig } from '@tradeflow/shared/config';
import { createEnvelope, TOPICS, type EventEnvelope } from '@tradeflow/shared/contracts';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { SystemClock } from '@tradeflow/shared/platform';
import { createTestSchema, type TestSchema } from '@tradeflow/shared/testing';
import {
  TimelineRepository,
  TRADE_CAPTURE_MIGRATIONS,
  TradeRepository,
} from '@tradeflow/trade-capture/data-access';
import { TimelineService } from './timeline.service';

// Consumer batches on the real PostgreSQL: two batches naming the same trades in opposite orders, in
// two transactions at once (two topics' partitions are consumed side by side), must both apply.
describe('TimelineService batches', () => {
  let db: TestSchema;
  let runner: TypeOrmTransactionRunner;
  let service: TimelineService;

  const book = async (tradeId: string) => {
    await runner.query(
      `INSERT INTO trade (trade_id, version, status, book, trader, side, instrument_id, instrument_type,
         quantity, price, currency, counterparty_lei, trade_date, settlement_date, gross_amount,
         net_amount, created_at, created_by, updated_at, updated_by)
       VALUES ($1, 1, 'CAPTURED', 'EQ-US-FLOW', 'alice', 'BUY', 'US0378331005', 'EQUITY', 1000, 190.25,
         'USD', 'W22LROWP2IHZNBB6K528', '2026-11-20', '2026-11-23', 190250.00, 190250.00, now(), 'alice',
         now(), 'alice')`,
      [tradeId],
    );
  };
  // As the consumer hands them over: the event with its envelope.
  const decision = (topic: typeof TOPICS.tradeApproved | typeof TOPICS.tradeHeld, tradeId: string) => ({
    envelope: createEnvelope({
      topic,
      producer: 'risk-compliance',
      key: tradeId,
      actor: { id: 'risk-compliance', role: 'service' },
      occurredAt: new Date(),
      payload: {
        tradeId,
        version: 1,
        checks: [
          {
            code: 'MAX_TRADE_NOTIONAL',
            outcome: topic === TOPICS.tradeHeld ? 'HOLD' : 'PASS',
            detail: 'notional 190,250.00 USD against a limit of 100,000.00 USD',
          },
        ],
      },
    }) as unknown as EventEnvelope,
  });

  beforeAll(async () => {
    db = await createTestSchema('timeline_batches', TRADE_CAPTURE_MIGRATIONS);
    runner = new TypeOrmTransactionRunner(db.dataSource);
    service = new TimelineService(
      runner,
      { schema: db.schema } as ServiceConfig,
      new SystemClock(),
      new TimelineRepository(),
      new TradeRepository(),
    );
  });

  afterAll(async () => {
    await db.drop();
  });

  it('applies two batches that name the same trades in opposite orders, side by side, without a deadlock', async () => {
    for (let round = 0; round < 5; round++) {
      const [first, second] = [`T-20261120-00${round}001`, `T-20261120-00${round}002`];
      await book(first);
      await book(second);
      const outcomes = await Promise.allSettled([
        runner.run((tx) =>
          service.apply(
            'tradeApproved',
            [decision(TOPICS.tradeApproved, first), decision(TOPICS.tradeApproved, second)],
            tx,
          ),
        ),
        runner.run((tx) =>
          service.apply(
            'tradeHeld',
            [decision(TOPICS.tradeHeld, second), decision(TOPICS.tradeHeld, first)],
            tx,
          ),
        ),
      ]);
      expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual([
        'fulfilled',
        'fulfilled',
      ]);
      const steps = await runner.query<{ trade_id: string; n: string }>(
        `SELECT trade_id, count(*)::text AS n FROM trade_timeline WHERE trade_id = ANY($1)
         GROUP BY trade_id ORDER BY trade_id`,
        [[first, second]],
      );
      expect(steps.rows).toEqual([
        { trade_id: first, n: '2' },
        { trade_id: second, n: '2' },
      ]);
    }
  });
});

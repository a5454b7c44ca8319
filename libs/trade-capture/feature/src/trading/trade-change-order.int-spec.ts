import type { ServiceConfig } from '@tradeflow/shared/config';
import { EventValidator, TOPICS, TopicRegistry, type TradePayload } from '@tradeflow/shared/contracts';
import {
  createKafka,
  ensureTopics,
  KafkajsPublisher,
  MESSAGING_MIGRATIONS,
  Outbox,
  OutboxRelay,
  SqlOutboxRepository,
  type OutgoingRecord,
} from '@tradeflow/shared/messaging';
import { TypeOrmTransactionRunner, type Tx } from '@tradeflow/shared/persistence';
import { FixedClock } from '@tradeflow/shared/platform';
import {
  createTestSchema,
  KafkaTestClient,
  testInfra,
  waitFor,
  type TestSchema,
} from '@tradeflow/shared/testing';
import {
  TimelineRepository,
  TRADE_CAPTURE_MIGRATIONS,
  TradeChangeRepository,
  TradeRepository,
} from '@tradeflow/trade-capture/data-access';
import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { TimelineService } from '../timeline/timeline.service';
import { TradeChangeRecorder } from './trade-change.recorder';

// The record-a-change step orders two writers of one trade by itself: the second waits for the first to
// commit before its event gets an outbox id, so the relay (which goes by id) publishes them in commit
// order. Amend and cancel also lock the trade's row first; here the step is called straight from two
// transactions that share nothing else, a capture still in flight and a cancel of the same trade id, so
// only the step's own key lock stands between them.
describe('TradeChangeRecorder: two writers of one trade are published in commit order', () => {
  const infra = testInfra();
  const alice = { id: 'alice', role: 'trader' };
  let db: TestSchema;
  let kafka: KafkaTestClient;
  let runner: TypeOrmTransactionRunner;
  let recorder: TradeChangeRecorder;

  const booked = (tradeId: string): TradePayload => ({
    tradeId,
    version: 1,
    book: 'EQ-US-FLOW',
    trader: 'alice',
    side: 'BUY',
    instrumentId: 'US0378331005',
    instrumentType: 'EQUITY',
    quantity: '1000',
    price: '190.25',
    currency: 'USD',
    counterpartyLei: 'W22LROWP2IHZNBB6K528',
    tradeDate: '2026-11-22',
    settlementDate: '2026-11-24',
    grossAmount: '190250.00',
    netAmount: '190250.00',
    status: 'CAPTURED',
  });

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    const admin = createKafka({ brokers: infra.kafkaBrokers, clientId: 'trade-order-admin' }).admin();
    await admin.connect();
    await ensureTopics(admin, [TOPICS.tradeCaptured, TOPICS.tradeCancelled]);
    await admin.disconnect();
    db = await createTestSchema('trade_order', [...MESSAGING_MIGRATIONS, ...TRADE_CAPTURE_MIGRATIONS]);
    runner = new TypeOrmTransactionRunner(db.dataSource);
    const timeline = new TimelineService(
      runner,
      { schema: db.schema } as ServiceConfig,
      new FixedClock(new Date('2026-11-22T12:00:00.000Z')),
      new TimelineRepository(),
      new TradeRepository(),
    );
    const outbox = new Outbox(new EventValidator(new TopicRegistry()), new SqlOutboxRepository());
    recorder = new TradeChangeRecorder(outbox, timeline, new TradeChangeRepository());
  });

  afterAll(async () => {
    await kafka.close();
    await db.drop();
  });

  it('a cancel recorded while the capture of its trade is still open waits for it, and goes out after it', async () => {
    const tradeId = `T-20261122-${String(randomInt(100000, 999999))}`;
    const trade = booked(tradeId);
    const marks = {
      captured: await kafka.mark(TOPICS.tradeCaptured.name),
      cancelled: await kafka.mark(TOPICS.tradeCancelled.name),
    };
    const commits: string[] = [];
    const capture = new Client({ connectionString: infra.databaseUrl });
    await capture.connect();
    try {
      await capture.query(`SET search_path TO "${db.schema}"`);
      await capture.query('BEGIN');
      await recorder.record(capture as unknown as Tx, [
        {
          kind: 'captured',
          trade,
          actor: alice,
          at: new Date('2026-11-22T09:15:00.000Z'),
          idempotency: { key: `k-${tradeId}`, requestHash: 'h' },
        },
      ]);
      const cancel = runner
        .run((tx) =>
          recorder.record(tx, [
            {
              kind: 'cancelled',
              trade: { ...trade, status: 'CANCELLED' },
              previous: trade,
              reason: 'booked in error',
              actor: alice,
              at: new Date('2026-11-22T09:16:00.000Z'),
            },
          ]),
        )
        .then(() => commits.push('trade.cancelled'));
      // The capture commits once the cancel waits for the trade's key (or, were there no lock, has
      // committed already).
      await waitFor(
        async () =>
          commits.length > 0 ||
          (
            await runner.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
               WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = $1`,
              [db.schema],
            )
          ).rows[0]!.n > 0,
        { what: 'the cancel to wait for the trade or to commit' },
      );
      await capture.query('COMMIT');
      commits.push('trade.captured');
      await cancel;
    } finally {
      await capture.end();
    }

    // The relay starts with both committed and publishes by id; what it sends, in order, reaches the broker.
    const sent: OutgoingRecord[] = [];
    const client = createKafka({ brokers: infra.kafkaBrokers, clientId: 'relay-trade-order-test' });
    const relay = new OutboxRelay({
      kafka: client,
      databaseUrl: infra.databaseUrl,
      schema: db.schema,
      idlePollMs: 100,
      publisher: () => {
        const kafkajs = new KafkajsPublisher(client);
        return {
          async send(records: readonly OutgoingRecord[]) {
            await kafkajs.send(records);
            sent.push(...records);
          },
          close: () => kafkajs.close(),
        };
      },
    });
    relay.start();
    try {
      await waitFor(async () => (await relay.backlog()) === 0, { what: 'the relay to drain' });
    } finally {
      await relay.stop();
    }
    const published = sent
      .filter((r) => r.key === tradeId)
      .map((r) => (JSON.parse(r.value) as { type: string }).type);
    expect(published).toEqual(commits);
    expect(commits).toEqual(['trade.captured', 'trade.cancelled']);
    const onKafka = async (topic: string, mark: Map<number, bigint>) =>
      (await kafka.readAll(topic, mark)).filter((m) => m.key === tradeId).length;
    expect([
      await onKafka(TOPICS.tradeCaptured.name, marks.captured),
      await onKafka(TOPICS.tradeCancelled.name, marks.cancelled),
    ]).toEqual([1, 1]);
  });
});

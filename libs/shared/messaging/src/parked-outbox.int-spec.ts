import {
  createEnvelope,
  defineTopic,
  EventValidator,
  TopicRegistry,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import {
  counterPayloadSchema,
  createTestSchema,
  KafkaTestClient,
  randomName,
  testInfra,
  waitFor,
  type TestSchema,
} from '@tradeflow/shared/testing';
import type { Admin } from 'kafkajs';
import { SqlDeadLetterRepository } from './dead-letter.repository';
import { createKafka, ensureTopics } from './kafka-client';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_MIGRATIONS } from './messaging.migrations';
import { Outbox } from './outbox';
import { FOLLOWER_REASON } from './outbox-parking';
import { OutboxRelay } from './outbox-relay';
import { SqlOutboxRepository } from './outbox.repository';

// A record the broker refuses for good is parked with its topic and key; everything else goes on.
const actor = { id: 'parking-test', role: 'service' };
const at = new Date('2026-11-20T14:31:07.123Z');

interface Parked {
  topic: string;
  key: string;
  amount: string;
  reason: string;
  attempts: number;
}

describe('an outbox record that cannot be published', () => {
  const infra = testInfra();
  let kafka: KafkaTestClient;
  let admin: Admin;
  let db: TestSchema;
  let good: TopicDefinition;
  let missing: TopicDefinition;
  let small: TopicDefinition;
  let validator: EventValidator;
  let relay: OutboxRelay;

  /** Writes events in one transaction; an account other than the key makes a record as large as wanted. */
  const write = (...events: [TopicDefinition, string, string, string?][]) =>
    new TypeOrmTransactionRunner(db.dataSource).run((tx) =>
      new Outbox(validator, new SqlOutboxRepository()).append(
        tx,
        events.map(([topic, key, amount, account]) => ({
          topic,
          envelope: createEnvelope({
            topic,
            producer: 'test',
            key,
            actor,
            occurredAt: at,
            payload: { account: account ?? key, amount },
          }),
        })),
      ),
    );

  const parked = async (): Promise<Parked[]> =>
    (
      await db.dataSource.query<(Parked & { value: string })[]>(
        `SELECT topic, message_key AS key, convert_from(value, 'UTF8') AS value, reason, attempts
         FROM dead_letter WHERE source = 'outbox' ORDER BY outbox_id`,
      )
    ).map(({ value, ...row }) => ({
      ...row,
      amount: (JSON.parse(value) as { payload: { amount: string } }).payload.amount,
    }));

  const published = async (topic: TopicDefinition) =>
    (await kafka.readAll(topic.name)).map(
      (m) => `${m.key}:${(JSON.parse(m.value!) as { payload: { amount: string } }).payload.amount}`,
    );

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    admin = kafka.kafka.admin();
    await admin.connect();
    db = await createTestSchema('parking', MESSAGING_MIGRATIONS);
    good = await kafka.newTopic('parking', counterPayloadSchema, 1);
    // A topic with a contract but none on the broker (deleted, or never created).
    missing = defineTopic(`test.gone-${randomName(6)}.happened.v1`, 'test', 'account', counterPayloadSchema, {
      partitions: 1,
    });
    small = await kafka.newTopic('small', counterPayloadSchema, 1);
    await kafka.setTopicConfig(small.name, 'max.message.bytes', '2000');
    validator = new EventValidator(new TopicRegistry([good, missing, small]));
    relay = new OutboxRelay({
      kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: 'parking-test', logLevel: 'nothing' }),
      databaseUrl: infra.databaseUrl,
      schema: db.schema,
      idlePollMs: 200,
      unknownTopicGraceMs: 5000,
    });
    relay.start();
  });

  afterAll(async () => {
    await relay.stop();
    await kafka.deleteTopics([good, missing, small]);
    await admin.disconnect();
    await kafka.close();
    await db.drop();
  });

  it('parks it with its reason and the later records of its topic and key, publishes the rest, and publishes them all in order once replayed', async () => {
    // K's first record is for the missing topic; other keys (and K on another topic) are published.
    await write(
      [missing, 'K', '1'],
      [good, 'A', '1'],
      [good, 'K', '1'],
      [good, 'B', '1'],
      [missing, 'K', '2'],
      [missing, 'L', '1'],
    );

    await waitFor(async () => (await relay.backlog()) === 0, { what: 'the outbox to be drained or parked' });
    expect(await published(good)).toEqual(['A:1', 'K:1', 'B:1']);
    const refused = new RegExp(`^topic ${missing.name}: UNKNOWN_TOPIC_OR_PARTITION: `);
    expect(await parked()).toEqual([
      { topic: missing.name, key: 'K', amount: '1', reason: expect.stringMatching(refused), attempts: 2 },
      { topic: missing.name, key: 'K', amount: '2', reason: expect.stringMatching(refused), attempts: 2 },
      { topic: missing.name, key: 'L', amount: '1', reason: expect.stringMatching(refused), attempts: 2 },
    ]);

    // Written after the parking: K's next record waits behind the parked ones; others still go.
    await write([missing, 'K', '3'], [good, 'C', '1']);
    await waitFor(async () => (await published(good)).includes('C:1'), { what: 'C after the parking' });
    await waitFor(async () => (await parked()).length === 4, { what: "K's new record to be parked" });
    expect((await parked())[3]).toEqual({
      topic: missing.name,
      key: 'K',
      amount: '3',
      reason: FOLLOWER_REASON,
      attempts: 0,
    });
    expect(await relay.backlog()).toBe(0);
    expect(await relay.parkedByTopic()).toEqual(new Map([[missing.name, 4]]));
    const parkings = (await messagingMetrics.outboxParkings.get()).values.find(
      (v) => v.labels['topic'] === missing.name,
    );
    expect(parkings?.value).toBe(4);

    // The operator creates the topic and replays K: its three records go out in their order.
    await ensureTopics(admin, [missing]);
    const runner = new TypeOrmTransactionRunner(db.dataSource);
    const released = await runner.run((tx) =>
      new SqlDeadLetterRepository().releaseOutboxKey(tx, missing.name, 'K'),
    );
    expect(released).toBe(3);
    await waitFor(async () => (await published(missing)).length === 3, {
      what: "K's records to be published",
    });
    expect(await published(missing)).toEqual(['K:1', 'K:2', 'K:3']);
    expect((await parked()).map((p) => `${p.key}:${p.amount}`)).toEqual(['L:1']);
    expect(await relay.backlog()).toBe(0);
  });

  it('parks a record too large for its topic on its own, with its key’s later records, and publishes the others of the topic', async () => {
    const large = 'Q'.repeat(3000);
    await write(
      [small, 'P', '1'],
      [small, 'Q', '1', large],
      [small, 'P', '2'],
      [small, 'Q', '2'],
      [small, 'R', '1'],
    );
    await waitFor(async () => (await relay.backlog()) === 0, {
      what: 'the outbox to be drained or parked',
    });
    expect(await published(small)).toEqual(['P:1', 'P:2', 'R:1']);
    expect((await parked()).filter((p) => p.topic === small.name)).toEqual([
      {
        topic: small.name,
        key: 'Q',
        amount: '1',
        reason: expect.stringMatching(/^MESSAGE_TOO_LARGE: /),
        attempts: 3,
      },
      { topic: small.name, key: 'Q', amount: '2', reason: FOLLOWER_REASON, attempts: 0 },
    ]);
  });

  it('does not park the records of a topic the broker comes to know within the grace time (a topic just created)', async () => {
    const late = defineTopic(
      `test.late-${randomName(6)}.happened.v1`,
      'test',
      'account',
      counterPayloadSchema,
      {
        partitions: 1,
      },
    );
    validator = new EventValidator(new TopicRegistry([good, missing, small, late]));
    await write([late, 'N', '1'], [good, 'D', '1']);
    await waitFor(() => relay.error?.includes(`topic ${late.name} unknown to the broker`), {
      what: 'the relay to meet the unknown topic',
    });
    await ensureTopics(admin, [late]);
    try {
      await waitFor(async () => (await relay.backlog()) === 0, { what: 'the record to be published' });
      expect(await published(late)).toEqual(['N:1']);
      expect((await published(good)).at(-1)).toBe('D:1');
      expect((await parked()).filter((p) => p.topic === late.name)).toEqual([]);
    } finally {
      await kafka.deleteTopics([late]);
    }
  });
});

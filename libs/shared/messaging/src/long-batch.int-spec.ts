import {
  createEnvelope,
  EventValidator,
  TopicRegistry,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import {
  CounterTables1763800000001,
  counterPayloadSchema,
  createTestSchema,
  KafkaTestClient,
  randomName,
  testInfra,
  waitFor,
  type TestSchema,
} from '@tradeflow/shared/testing';
import type { Admin } from 'kafkajs';
import { EventConsumer } from './event-consumer';
import { SqlDeadLetterRepository } from './dead-letter.repository';
import { SqlInboxRepository } from './inbox.repository';
import { createKafka } from './kafka-client';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_MIGRATIONS } from './messaging.migrations';

// A batch that takes longer than the group's session timeout, against the real broker: the member must
// keep its partitions (and its membership) while the batch is applied, so the batch is applied once.
const actor = { id: 'long-batch-test', role: 'service' };
const SESSION_TIMEOUT_MS = 6000;

describe('a batch slower than the session timeout', () => {
  const infra = testInfra();
  let kafka: KafkaTestClient;
  let admin: Admin;
  let db: TestSchema;
  let topic: TopicDefinition;
  let consumer: EventConsumer;

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    admin = kafka.kafka.admin();
    await admin.connect();
    db = await createTestSchema('long_batch', [...MESSAGING_MIGRATIONS, CounterTables1763800000001]);
    topic = await kafka.newTopic('long-batch', counterPayloadSchema, 1);
  });

  afterAll(async () => {
    await consumer?.stop();
    await kafka.deleteTopics([topic]);
    await admin.disconnect();
    await kafka.close();
    await db.drop();
  });

  it('is applied once, not delivered again, and the member keeps its partition all along', async () => {
    const groupId = `long-batch-${randomName(6)}`;
    const members = async () =>
      (await admin.describeGroups([groupId])).groups[0]!.members.map((m) => m.memberId);
    const event = createEnvelope({
      topic,
      producer: 'test',
      key: 'ACC-L',
      actor,
      occurredAt: new Date('2026-11-20T09:00:00.000Z'),
      payload: { account: 'ACC-L', amount: '1.5' },
    });
    let runs = 0;
    let started!: () => void;
    const handling = new Promise<void>((resolve) => (started = resolve));
    consumer = new EventConsumer({
      kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: 'long-batch-test', logLevel: 'nothing' }),
      groupId,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      runner: new TypeOrmTransactionRunner(db.dataSource),
      validator: new EventValidator(new TopicRegistry([topic])),
      inbox: new SqlInboxRepository(),
      deadLetters: new SqlDeadLetterRepository(),
      handlers: new Map([
        [
          topic.name,
          {
            kind: 'single',
            handle: async (e, ctx) => {
              runs += 1;
              started();
              // Half as long again as the session timeout, inside the batch's transaction.
              await new Promise((resolve) => setTimeout(resolve, SESSION_TIMEOUT_MS * 1.5));
              await ctx.tx.query(
                'INSERT INTO counter_effect (event_id, account, amount, applied_by) VALUES ($1, $2, $3::numeric, $4)',
                [e.eventId, 'ACC-L', '1.5', 'long'],
              );
            },
          },
        ],
      ]),
    });
    await consumer.start();
    await kafka.produce(topic.name, [{ key: event.key, value: JSON.stringify(event) }]);

    await handling;
    const before = await members();
    expect(before).toHaveLength(1);
    const assignedThroughout: boolean[] = [];
    const sampler = setInterval(() => assignedThroughout.push(consumer.assigned), 250);
    try {
      await waitFor(async () => (await kafka.groupLag(groupId, topic.name)) === 0n, {
        what: 'the slow batch to be committed',
        timeoutMs: 30_000,
      });
    } finally {
      clearInterval(sampler);
    }
    // Another session timeout: a member that had lost its partition would be given the batch again.
    await new Promise((resolve) => setTimeout(resolve, SESSION_TIMEOUT_MS));

    expect(runs).toBe(1);
    const effects = await db.dataSource.query<{ n: string }[]>(
      'SELECT count(*)::text AS n FROM counter_effect WHERE event_id = $1',
      [event.eventId],
    );
    expect(effects[0]!.n).toBe('1');
    expect(await members()).toEqual(before);
    expect(assignedThroughout.length).toBeGreaterThan(10);
    expect(assignedThroughout.every(Boolean)).toBe(true);
    const duplicates = (await messagingMetrics.eventsDuplicate.get()).values.find(
      (v) => v.labels['consumer'] === groupId,
    );
    expect(duplicates).toBeUndefined();
  });
});

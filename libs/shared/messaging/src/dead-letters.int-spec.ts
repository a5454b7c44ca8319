import {
  createEnvelope,
  EventValidator,
  TopicRegistry,
  type EventEnvelope,
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
import { EventConsumer, type EventConsumerOptions, type EventContext } from './event-consumer';
import { SqlDeadLetterRepository } from './dead-letter.repository';
import { SqlInboxRepository } from './inbox.repository';
import type { Admin } from 'kafkajs';
import { createKafka, ensureTopics } from './kafka-client';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_MIGRATIONS } from './messaging.migrations';
import { TransientError } from './transient-error';

// Poison messages, failing handlers and transient failures, against the real broker and database.
const actor = { id: 'dlq-test', role: 'service' };

describe('dead letters and retries', () => {
  const infra = testInfra();
  let kafka: KafkaTestClient;
  let db: TestSchema;
  const topics: TopicDefinition[] = [];
  const consumers: EventConsumer[] = [];

  const envelope = (topic: TopicDefinition, account: string, amount: string) =>
    createEnvelope({
      topic,
      producer: 'test',
      key: account,
      actor,
      occurredAt: new Date('2026-11-20T09:00:00.000Z'),
      payload: { account, amount },
    });

  const credit = async (event: EventEnvelope, ctx: EventContext) => {
    const payload = event.payload as { account: string; amount: string };
    await ctx.tx.query(
      'INSERT INTO counter_effect (event_id, account, amount, applied_by) VALUES ($1, $2, $3::numeric, $4)',
      [event.eventId, payload.account, payload.amount, 'in-process'],
    );
  };

  const consume = async (
    topic: TopicDefinition,
    handle: (e: EventEnvelope, ctx: EventContext) => Promise<void>,
    options: Partial<EventConsumerOptions> = {},
  ) => {
    const consumer = new EventConsumer({
      kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: 'dlq-test' }),
      groupId: `dlq-test-${randomName(6)}`,
      runner: new TypeOrmTransactionRunner(db.dataSource),
      validator: new EventValidator(new TopicRegistry([topic])),
      inbox: new SqlInboxRepository(),
      deadLetters: new SqlDeadLetterRepository(),
      handlers: new Map([[topic.name, { kind: 'single', handle }]]),
      ...options,
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };

  const applied = async (eventId: string) =>
    Number(
      (
        await db.dataSource.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM counter_effect WHERE event_id = $1',
          [eventId],
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    db = await createTestSchema('dlq', [...MESSAGING_MIGRATIONS, CounterTables1763800000001]);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await kafka.deleteTopics(topics);
    await kafka.close();
    await db.drop();
  });

  it('dead-letters an unparseable and an invalid message with the reason, and goes on consuming', async () => {
    const topic = await kafka.newTopic('poison', counterPayloadSchema, 1);
    topics.push(topic);
    const good = envelope(topic, 'ACC-9', '10.5');
    const invalid = { ...envelope(topic, 'ACC-9', '1e309'), payload: { account: 'ACC-9', amount: '1e309' } };
    await kafka.produce(topic.name, [
      { key: 'ACC-9', value: '{"eventId": "not closed' },
      { key: 'ACC-9', value: JSON.stringify(invalid) },
      { key: 'ACC-9', value: JSON.stringify(good) },
    ]);
    await consume(topic, credit);

    await waitFor(async () => (await applied(good.eventId)) === 1, {
      what: 'the good event after the poison ones',
    });
    const dead = await waitFor(async () => {
      const all = await kafka.readAll(`${topic.name}.dlq`);
      return all.length === 2 ? all : undefined;
    });
    expect(dead[0]!.value).toBe('{"eventId": "not closed');
    expect(dead[0]!.headers['dlq-reason']).toMatch(/^value is not JSON/);
    expect(dead[1]!.value).toBe(JSON.stringify(invalid));
    expect(dead[1]!.headers['dlq-reason']).toContain('payload.amount must match pattern');
    for (const [i, d] of dead.entries()) {
      expect(d.headers['dlq-original-topic']).toBe(topic.name);
      expect(d.headers['dlq-original-partition']).toBe('0');
      expect(d.headers['dlq-original-offset']).toBe(String(i));
      expect(d.headers['dlq-consumer']).toMatch(/^dlq-test-/);
      expect(d.key).toBe('ACC-9');
    }
    expect(await applied(invalid.eventId)).toBe(0);
  });

  it('dead-letters a message the dead-letter topic refuses whole with its value cut, and goes on consuming', async () => {
    const topic = await kafka.newTopic('oversize', counterPayloadSchema, 1);
    topics.push(topic);
    // The dead-letter topic takes at most 200,000 bytes a record; the poison message is 300,000.
    await kafka.setTopicConfig(`${topic.name}.dlq`, 'max.message.bytes', '200000');
    const huge = `{"eventId": ${'9'.repeat(300_000)}`; // 12 + 300,000 bytes, and not JSON
    const good = envelope(topic, 'ACC-5', '5');
    await kafka.produce(topic.name, [
      { key: 'ACC-5', value: huge },
      { key: 'ACC-5', value: JSON.stringify(good) },
    ]);
    await consume(topic, credit);

    await waitFor(async () => (await applied(good.eventId)) === 1, {
      what: 'the good event behind the oversized poison one',
    });
    const dead = await waitFor(async () => {
      const all = await kafka.readAll(`${topic.name}.dlq`);
      return all.length === 1 ? all : undefined;
    });
    expect(dead[0]!.value).toBe(huge.slice(0, 65_536));
    expect(dead[0]!.headers['dlq-truncated']).toBe('the value was 300012 bytes; the first 65536 are kept');
    expect(dead[0]!.headers['dlq-reason']).toMatch(/^value is not JSON/);
    expect(dead[0]!.headers['dlq-original-offset']).toBe('0');
  });

  it('dead-letters an event whose handler keeps failing, after its retries, and applies the rest of the batch', async () => {
    const topic = await kafka.newTopic('failing', counterPayloadSchema, 1);
    topics.push(topic);
    const before = envelope(topic, 'ACC-1', '1');
    const poison = envelope(topic, 'CLOSED', '2');
    const after = envelope(topic, 'ACC-1', '3');
    await kafka.produce(
      topic.name,
      [before, poison, after].map((e) => ({ key: e.key, value: JSON.stringify(e) })),
    );
    let poisonAttempts = 0;
    await consume(topic, async (event, ctx) => {
      if ((event.payload as { account: string }).account === 'CLOSED') {
        poisonAttempts += 1;
        throw new Error('account CLOSED is closed');
      }
      await credit(event, ctx);
    });

    const dead = await waitFor(async () => {
      const all = await kafka.readAll(`${topic.name}.dlq`);
      return all.length === 1 ? all : undefined;
    });
    expect(JSON.parse(dead[0]!.value!).eventId).toBe(poison.eventId);
    expect(dead[0]!.headers['dlq-reason']).toBe('handler failed 3 times: account CLOSED is closed');
    expect(dead[0]!.headers['dlq-attempts']).toBe('3');
    await waitFor(async () => (await applied(after.eventId)) === 1, {
      what: 'the event after the poison one',
    });
    expect(await applied(before.eventId)).toBe(1);
    expect(await applied(poison.eventId)).toBe(0);
    // once in the whole batch, then three times on its own
    expect(poisonAttempts).toBe(4);
  });

  it('retries a transient handler failure until it succeeds, without dead-lettering it', async () => {
    const topic = await kafka.newTopic('transient', counterPayloadSchema, 1);
    topics.push(topic);
    const event = envelope(topic, 'ACC-7', '70.07');
    await kafka.produce(topic.name, [{ key: event.key, value: JSON.stringify(event) }]);
    let attempts = 0;
    const consumer = await consume(topic, async (e, ctx) => {
      attempts += 1;
      if (attempts <= 4) throw new TransientError('connection to the database lost (simulated)');
      await credit(e, ctx);
    });

    await waitFor(async () => (await applied(event.eventId)) === 1, {
      what: 'the event to be applied after retries',
    });
    expect(attempts).toBe(5);
    expect(await kafka.readAll(`${topic.name}.dlq`)).toEqual([]);
    expect(consumer.assigned).toBe(true);
  });

  it('retries an event while PostgreSQL reports a full disk, no memory or an I/O error, never dead-letters it, and says so while it lasts', async () => {
    const topic = await kafka.newTopic('sick-db', counterPayloadSchema, 1);
    topics.push(topic);
    const event = envelope(topic, 'ACC-8', '8.08');
    await kafka.produce(topic.name, [{ key: event.key, value: JSON.stringify(event) }]);
    // The database itself raises each SQLSTATE (RAISE … USING ERRCODE), as PostgreSQL would under the fault.
    const faults = ['53100', '53200', '58030', '53100', '58030'];
    let attempts = 0;
    const stalls: (string | undefined)[] = [];
    const running: { consumer?: EventConsumer } = {}; // the handler may run before consume() returns
    running.consumer = await consume(topic, async (e, ctx) => {
      attempts += 1;
      stalls.push(running.consumer?.stalled);
      const fault = faults[attempts - 1];
      if (fault) {
        await ctx.tx.query(
          `DO $$ BEGIN RAISE EXCEPTION 'simulated fault %', '${fault}' USING ERRCODE = '${fault}'; END $$`,
        );
      }
      await credit(e, ctx);
    });

    await waitFor(async () => (await applied(event.eventId)) === 1, {
      what: 'the event to be applied once the database is well again',
      timeoutMs: 30_000,
    });
    expect(attempts).toBe(faults.length + 1);
    expect(await kafka.readAll(`${topic.name}.dlq`)).toEqual([]);
    // Readiness would have said why while the fault lasted (from the third retry), and no longer does.
    expect(stalls.at(-1)).toMatch(new RegExp(`^${topic.name}\\[0\\]: simulated fault 58030`));
    await waitFor(() => running.consumer!.stalled === undefined, {
      what: 'readiness to stop reporting the stall',
    });
  });

  describe('a dead-letter topic that refuses for good', () => {
    let admin: Admin;
    beforeAll(async () => {
      admin = kafka.kafka.admin();
      await admin.connect();
    });
    afterAll(() => admin.disconnect());
    const deleteTopic = (name: string) => admin.deleteTopics({ topics: [name] });
    const recorded = async (topic: TopicDefinition) =>
      db.dataSource.query<{ offset: string; value: string; reason: string; dlq_published: boolean }[]>(
        `SELECT "offset"::text AS "offset", convert_from(value, 'UTF8') AS value, reason, dlq_published
         FROM dead_letter WHERE source = 'consumer' AND topic = $1 ORDER BY "offset"`,
        [topic.name],
      );
    const publishFailures = async (topic: TopicDefinition) =>
      (await messagingMetrics.deadLetterPublishFailures.get()).values.find(
        (v) => v.labels['topic'] === topic.name,
      )?.value ?? 0;

    it.each([
      ['deleted', (dlq: string) => deleteTopic(dlq)],
      [
        'limited to 100 bytes a record',
        (dlq: string) => kafka.setTopicConfig(dlq, 'max.message.bytes', '100'),
      ],
    ])(
      'keeps the dead letter in the database after a bounded number of tries when the .dlq topic is %s, and moves on',
      async (_case, refuse) => {
        const topic = await kafka.newTopic('dlq-refuses', counterPayloadSchema, 1);
        topics.push(topic);
        await refuse(`${topic.name}.dlq`);
        const good = envelope(topic, 'ACC-3', '3');
        await kafka.produce(topic.name, [
          { key: 'ACC-3', value: '{"eventId": "not closed' },
          { key: 'ACC-3', value: JSON.stringify(good) },
        ]);
        const groupId = `dlq-refuses-${randomName(6)}`;
        await consume(topic, credit, { groupId, deadLetterPublish: { attempts: 3, backoffMs: 50 } });

        await waitFor(async () => (await applied(good.eventId)) === 1, {
          what: 'the good event behind the dead letter the .dlq topic refuses',
        });
        await waitFor(async () => (await kafka.groupLag(groupId, topic.name)) === 0n, {
          what: 'the offsets to be committed past the dead letter',
        });
        expect(await recorded(topic)).toEqual([
          {
            offset: '0',
            value: '{"eventId": "not closed',
            reason: expect.stringMatching(/^value is not JSON/),
            dlq_published: false,
          },
        ]);
        expect(await publishFailures(topic)).toBe(1);
      },
    );

    it('publishes to the .dlq topic again once it is back, with a producer made anew', async () => {
      const topic = await kafka.newTopic('dlq-back', counterPayloadSchema, 1);
      topics.push(topic);
      await deleteTopic(`${topic.name}.dlq`);
      const first = envelope(topic, 'ACC-4', '4');
      await kafka.produce(topic.name, [
        { key: 'ACC-4', value: '{"first": "not closed' },
        { key: 'ACC-4', value: JSON.stringify(first) },
      ]);
      await consume(topic, credit, { deadLetterPublish: { attempts: 2, backoffMs: 50 } });
      await waitFor(async () => (await applied(first.eventId)) === 1, { what: 'the first good event' });

      await ensureTopics(admin, [topic]); // the .dlq topic made again
      const second = envelope(topic, 'ACC-4', '5');
      await kafka.produce(topic.name, [
        { key: 'ACC-4', value: '{"second": "not closed' },
        { key: 'ACC-4', value: JSON.stringify(second) },
      ]);
      await waitFor(async () => (await applied(second.eventId)) === 1, { what: 'the second good event' });
      const dead = await kafka.readAll(`${topic.name}.dlq`);
      expect(dead.map((d) => d.value)).toEqual(['{"second": "not closed']);
      expect((await recorded(topic)).map((r) => [r.value, r.dlq_published])).toEqual([
        ['{"first": "not closed', false],
        ['{"second": "not closed', true],
      ]);
    });
  });
});

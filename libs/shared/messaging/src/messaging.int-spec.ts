import {
  createEnvelope,
  EventValidator,
  TopicRegistry,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import { TypeOrmTransactionRunner, type Tx } from '@tradeflow/shared/persistence';
import { Client } from 'pg';
import {
  CounterTables1763800000001,
  counterPayloadSchema,
  createTestSchema,
  KafkaTestClient,
  randomName,
  startProcess,
  testInfra,
  waitFor,
  type RunningProcess,
  type TestSchema,
} from '@tradeflow/shared/testing';
import { createKafka } from './kafka-client';
import { MESSAGING_MIGRATIONS } from './messaging.migrations';
import { Outbox } from './outbox';
import { SqlOutboxRepository } from './outbox.repository';
import { OutboxRelay } from './outbox-relay';
import { KafkajsPublisher, type OutgoingRecord } from './record-publisher';

// Outbox → relay → Kafka → inbox across real processes, with the real broker and PostgreSQL.
const FIXTURE = 'libs/shared/testing/src/fixtures/counter-consumer.main.ts';
const actor = { id: 'messaging-test', role: 'service' };
const at = new Date('2026-11-20T14:31:07.123Z');

describe('exactly-once messaging through the outbox and the inbox', () => {
  const infra = testInfra();
  let kafka: KafkaTestClient;
  let producerDb: TestSchema;
  let consumerDb: TestSchema;
  let topic: TopicDefinition;
  let outbox: Outbox;
  let relay: OutboxRelay;
  const processes: RunningProcess[] = [];

  const groupId = `counter-${randomName(6)}`;
  const startConsumer = (env: Record<string, string> = {}) => {
    const p = startProcess(`counter-consumer-${processes.length}`, FIXTURE, {
      DATABASE_URL: infra.databaseUrl,
      DATABASE_SCHEMA: consumerDb.schema,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      TOPIC: topic.name,
      GROUP_ID: groupId,
      INSTANCE: String(processes.length),
      ...env,
    });
    processes.push(p);
    return p;
  };

  /** Writes a state change and its event in one transaction, the way every service does. */
  const book = async (account: string, amount: string) => {
    const envelope = createEnvelope({
      topic,
      producer: 'test',
      key: account,
      actor,
      occurredAt: at,
      payload: { account, amount },
    });
    await new TypeOrmTransactionRunner(producerDb.dataSource).run(async (tx) => {
      await tx.query('INSERT INTO transfer (event_id, account, amount) VALUES ($1, $2, $3::numeric)', [
        envelope.eventId,
        account,
        amount,
      ]);
      await outbox.append(tx, [{ topic, envelope }]);
    });
    return envelope;
  };

  const effects = async (eventId: string) =>
    (
      await consumerDb.dataSource.query<{ amount: string; applied_by: string }[]>(
        'SELECT amount::text AS amount, applied_by FROM counter_effect WHERE event_id = $1',
        [eventId],
      )
    ).map((r) => ({ amount: r.amount, appliedBy: r.applied_by }));

  const balance = async (account: string) =>
    (
      await consumerDb.dataSource.query<{ balance: string }[]>(
        'SELECT balance::text AS balance FROM counter_account WHERE account = $1',
        [account],
      )
    )[0]?.balance;

  const caughtUp = () =>
    waitFor(async () => (await kafka.groupLag(groupId, topic.name)) === 0n, {
      what: 'the group to commit every offset',
    });

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    topic = await kafka.newTopic('counter', counterPayloadSchema);
    producerDb = await createTestSchema('producer', MESSAGING_MIGRATIONS);
    await producerDb.dataSource.query(
      'CREATE TABLE transfer (event_id UUID PRIMARY KEY, account TEXT NOT NULL, amount NUMERIC NOT NULL)',
    );
    consumerDb = await createTestSchema('consumer', [...MESSAGING_MIGRATIONS, CounterTables1763800000001]);
    outbox = new Outbox(new EventValidator(new TopicRegistry([topic])), new SqlOutboxRepository());
    relay = new OutboxRelay({
      kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: 'relay-test' }),
      databaseUrl: infra.databaseUrl,
      schema: producerDb.schema,
      idlePollMs: 200,
    });
    relay.start();
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await relay.stop();
    await kafka.deleteTopics([topic]);
    await kafka.close();
    await producerDb.drop();
    await consumerDb.drop();
  });

  it('delivers an event written with its state change to a consumer in another process, applied once', async () => {
    const consumer = startConsumer();
    await consumer.waitForOutput(/\[fixture\] consuming/);
    const event = await book('ACC-1', '1250.75');

    await consumer.waitForOutput(new RegExp(`applied ${event.eventId}`));
    await caughtUp();
    expect(await effects(event.eventId)).toEqual([{ amount: '1250.75', appliedBy: '0' }]);
    expect(await balance('ACC-1')).toBe('1250.75');
    expect(await relay.backlog()).toBe(0);
  });

  it('changes nothing when the same event (same eventId) is delivered again', async () => {
    const consumer = startConsumer();
    await consumer.waitForOutput(/\[fixture\] consuming/);
    const event = await book('ACC-2', '99.99');
    await consumer.waitForOutput(new RegExp(`applied ${event.eventId}`));

    // Re-produce the identical envelope twice, as a retrying producer or a replay would.
    const copy = { key: event.key, value: JSON.stringify(event) };
    await kafka.produce(topic.name, [copy, copy]);
    await caughtUp();

    expect(await effects(event.eventId)).toEqual([
      { amount: '99.99', appliedBy: String(processes.length - 1) },
    ]);
    expect(await balance('ACC-2')).toBe('99.99');
  });

  it('does not apply twice when killed after the database commit and before the offset commit', async () => {
    const doomed = startConsumer({ FAULT: 'after-db-commit' });
    await doomed.waitForOutput(/\[fixture\] consuming/);
    const event = await book('ACC-3', '500');

    const death = await doomed.exited;
    expect(death.signal).toBe('SIGKILL');
    expect(doomed.logs).toContain('after db commit, before offset commit: SIGKILL');
    expect(await effects(event.eventId)).toHaveLength(1); // committed in the database...
    expect(await kafka.groupLag(groupId, topic.name)).toBeGreaterThan(0n); // ...but not in Kafka

    const survivor = startConsumer();
    await survivor.waitForOutput(/\[fixture\] consuming/);
    await caughtUp();
    expect(survivor.logs).not.toContain(`applied ${event.eventId}`);
    expect(await effects(event.eventId)).toEqual([
      { amount: '500', appliedBy: String(processes.indexOf(doomed)) },
    ]);
    expect(await balance('ACC-3')).toBe('500');
  });

  it('applies once after restart when killed before the database commit', async () => {
    const doomed = startConsumer({ FAULT: 'before-db-commit' });
    await doomed.waitForOutput(/\[fixture\] consuming/);
    const event = await book('ACC-4', '0.01');

    expect((await doomed.exited).signal).toBe('SIGKILL');
    expect(doomed.logs).toContain('before db commit: SIGKILL');
    expect(await effects(event.eventId)).toEqual([]);

    const survivor = startConsumer();
    await survivor.waitForOutput(new RegExp(`applied ${event.eventId}`));
    await caughtUp();
    expect(await effects(event.eventId)).toEqual([
      { amount: '0.01', appliedBy: String(processes.indexOf(survivor)) },
    ]);
    expect(await balance('ACC-4')).toBe('0.01');
  });

  it('retries a transient failure thrown from a NestJS handler, then applies the event once', async () => {
    const consumer = startConsumer({ TRANSIENT_FAILURES: '2' });
    await consumer.waitForOutput(/\[fixture\] consuming/);
    const event = await book('ACC-5', '7.5');

    await waitFor(async () => (await effects(event.eventId)).length === 1, {
      what: 'the event after two transient failures',
    });
    await caughtUp();
    expect(consumer.logs.match(new RegExp(`transient failure for ${event.eventId}`, 'g'))).toHaveLength(2);
    expect(await effects(event.eventId)).toEqual([
      { amount: '7.5', appliedBy: String(processes.indexOf(consumer)) },
    ]);
    expect(await kafka.readAll(`${topic.name}.dlq`)).toEqual([]);
  });

  it('publishes each key’s events in the order they were written', async () => {
    const ordered = await kafka.newTopic('ordered', counterPayloadSchema, 3);
    const orderedOutbox = new Outbox(
      new EventValidator(new TopicRegistry([ordered])),
      new SqlOutboxRepository(),
    );
    const keys = ['K-A', 'K-B', 'K-C', 'K-D'];
    const runner = new TypeOrmTransactionRunner(producerDb.dataSource);
    // 200 transactions, keys interleaved, a few events each; the sequence number rides in `amount`.
    let sequence = 0;
    for (let t = 0; t < 200; t++) {
      await runner.run(async (tx) => {
        const events = [0, 1, 2].map(() => {
          sequence += 1;
          const key = keys[sequence % keys.length]!;
          const envelope = createEnvelope({
            topic: ordered,
            producer: 'test',
            key,
            actor,
            occurredAt: at,
            payload: { account: key, amount: String(sequence) },
          });
          return { topic: ordered, envelope };
        });
        await orderedOutbox.append(tx, events);
      });
    }
    await waitFor(async () => (await relay.backlog()) === 0, { what: 'the relay to drain the outbox' });

    const messages = await kafka.readAll(ordered.name);
    expect(messages).toHaveLength(600);
    for (const key of keys) {
      const seen = messages
        .filter((m) => m.key === key)
        .map((m) => Number(JSON.parse(m.value!).payload.amount));
      expect(seen).toHaveLength(150);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
    await kafka.deleteTopics([ordered]);
  });

  it('does not let a key’s newer event overtake an older one that committed while full batches were going out', async () => {
    const db = await createTestSchema('late_commit', MESSAGING_MIGRATIONS);
    const late = await kafka.newTopic('late', counterPayloadSchema);
    const lateOutbox = new Outbox(new EventValidator(new TopicRegistry([late])), new SqlOutboxRepository());
    const runner = new TypeOrmTransactionRunner(db.dataSource);
    const event = (key: string, n: number) => ({
      topic: late,
      envelope: createEnvelope({
        topic: late,
        producer: 'test',
        key,
        actor,
        occurredAt: at,
        payload: { account: key, amount: String(n) },
      }),
    });
    // The first Kafka send waits until the test lets it go: the relay is then mid-pass, batches full.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sending!: () => void;
    const firstSend = new Promise<void>((resolve) => (sending = resolve));
    const kafkaClient = createKafka({ brokers: infra.kafkaBrokers, clientId: 'relay-late-test' });
    let sends = 0;
    const lateRelay = new OutboxRelay({
      kafka: kafkaClient,
      databaseUrl: infra.databaseUrl,
      schema: db.schema,
      batchSize: 2,
      idlePollMs: 100,
      publisher: () => {
        const kafkajs = new KafkajsPublisher(kafkaClient);
        return {
          async send(records: readonly OutgoingRecord[]) {
            sends += 1;
            if (sends === 1) {
              sending();
              await gate;
            }
            await kafkajs.send(records);
          },
          close: () => kafkajs.close(),
        };
      },
    });
    const open = new Client({ connectionString: infra.databaseUrl });
    await open.connect();
    try {
      // K's first event takes the lowest id in a transaction that stays open; four others commit.
      await open.query(`SET search_path TO "${db.schema}"`);
      await open.query('BEGIN');
      await lateOutbox.append(open as unknown as Tx, [event('K', 1)]);
      await runner.run((tx) =>
        lateOutbox.append(tx, [event('X', 1), event('X', 2), event('Y', 1), event('Y', 2)]),
      );
      lateRelay.start();
      await firstSend;
      // While the first batch is going out: K's first event commits, then its second (as a row lock
      // would order two changes of one trade), with a higher id than everything read so far.
      await open.query('COMMIT');
      await runner.run((tx) => lateOutbox.append(tx, [event('K', 2)]));
      release();
      await waitFor(async () => (await lateRelay.backlog()) === 0, { what: 'the relay to drain' });
      const k = (await kafka.readAll(late.name))
        .filter((m) => m.key === 'K')
        .map((m) => Number(JSON.parse(m.value!).payload.amount));
      expect(k).toEqual([1, 2]);
    } finally {
      release();
      await open.end();
      await lateRelay.stop();
      await kafka.deleteTopics([late]);
      await db.drop();
    }
  });
});

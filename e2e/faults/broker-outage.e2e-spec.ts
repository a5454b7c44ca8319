import {
  createEnvelope,
  EventValidator,
  TOPICS,
  TopicRegistry,
  type LedgerPostedPayload,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import {
  createKafka,
  MESSAGING_MIGRATIONS,
  Outbox,
  OutboxRelay,
  SqlOutboxRepository,
} from '@tradeflow/shared/messaging';
import { createServiceDataSource, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import {
  counterPayloadSchema,
  createTestSchema,
  KafkaTestClient,
  PrivateBroker,
  randomName,
  SERVICES,
  startProcess,
  startService,
  testInfra,
  waitFor,
  type RunningProcess,
  type StartedService,
  type TestSchema,
} from '@tradeflow/shared/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

// A broker that goes away and comes back, on a broker of the test's own: every service's readiness
// fails and recovers, nothing written to an outbox meanwhile is lost, and consumption resumes.
describe('broker outage', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'tradeflow-broker-'));
  const actor = { id: 'fault-test', role: 'service' };
  let broker: PrivateBroker;
  let services: StartedService[] = [];
  let ledgerDb: DataSource;
  let producerDb: TestSchema;
  let consumerDb: TestSchema;
  let counterTopic: TopicDefinition;
  let relay: OutboxRelay;
  let consumer: RunningProcess;

  const readiness = async (service: StartedService) => {
    const response = await fetch(`${service.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
  };
  const outboxCount = async (db: DataSource) =>
    (await db.query<{ n: string }[]>('SELECT count(*)::text AS n FROM outbox'))[0]!.n;

  // What the fresh broker holds once the services without consumers are up, then once all are.
  let topicsBeforeTradeCapture: string[] = [];
  let topicsAtStart: string[] = [];
  const listTopics = async () => {
    const kafka = await new KafkaTestClient([broker.brokers]).connect();
    try {
      return await kafka.listTopics();
    } finally {
      await kafka.close();
    }
  };

  beforeAll(async () => {
    broker = await PrivateBroker.create(runDir);
    await broker.up();
    // trade-capture last: its consumers create the topics they read (other services' topics), which
    // would hide whether those services created their own.
    const first = SERVICES.filter((name) => name !== 'trade-capture');
    services = await Promise.all(first.map((name) => startService(name, { KAFKA_BROKERS: broker.brokers })));
    topicsBeforeTradeCapture = await listTopics();
    services.push(await startService('trade-capture', { KAFKA_BROKERS: broker.brokers }));
    topicsAtStart = await listTopics();
    ledgerDb = createServiceDataSource({
      url: testInfra().databaseUrl,
      schema: services.find((s) => s.name === 'ledger')!.schema,
    });
    await ledgerDb.initialize();

    // A producer (outbox + relay) and a consumer process on the same private broker.
    const kafka = await new KafkaTestClient([broker.brokers]).connect();
    counterTopic = await kafka.newTopic('outage', counterPayloadSchema, 3);
    await kafka.close();
    producerDb = await createTestSchema('outage_out', MESSAGING_MIGRATIONS);
    consumerDb = await createTestSchema('outage_in');
    relay = new OutboxRelay({
      kafka: createKafka({ brokers: [broker.brokers], clientId: 'outage-relay', logLevel: 'nothing' }),
      databaseUrl: testInfra().databaseUrl,
      schema: producerDb.schema,
      idlePollMs: 200,
    });
    relay.start();
    consumer = startProcess('outage-consumer', 'libs/shared/testing/src/fixtures/counter-consumer.main.ts', {
      DATABASE_URL: testInfra().databaseUrl,
      DATABASE_SCHEMA: consumerDb.schema,
      KAFKA_BROKERS: broker.brokers,
      TOPIC: counterTopic.name,
      GROUP_ID: `outage-${randomName(6)}`,
    });
    await consumer.waitForOutput(/\[fixture\] consuming/);
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.process.stop()));
    await consumer?.stop();
    await relay?.stop();
    await ledgerDb?.destroy();
    await producerDb?.drop();
    await consumerDb?.drop();
    await broker?.down();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('each service created the topics it produces, with their dead-letter topics, on a fresh broker', async () => {
    // Before trade-capture started: the other services' own topics, and not trade-capture's.
    for (const topic of [
      'mo.trade.approved.v1',
      'bo.obligation.netted.v1',
      'bo.settlement.failed.v1',
      'bo.ledger.posted.v1',
    ]) {
      expect(topicsBeforeTradeCapture).toEqual(expect.arrayContaining([topic, `${topic}.dlq`]));
    }
    expect(topicsBeforeTradeCapture).not.toContain('fo.trade.captured.v1');
    expect(topicsAtStart).toEqual(
      expect.arrayContaining(['fo.trade.captured.v1', 'fo.trade.captured.v1.dlq']),
    );
  });

  it('fails readiness while the broker is down, keeps outbox events, and publishes and consumes them when it returns', async () => {
    for (const service of services) expect((await readiness(service)).status).toBe(200);

    await broker.down();
    for (const service of services) {
      const down = await waitFor(
        async () => {
          const r = await readiness(service);
          return r.status === 503 ? r : undefined;
        },
        { what: `${service.name} readiness to fail` },
      );
      expect(down.body.checks['database']).toBe('up');
      expect(down.body.checks['broker']).toMatch(/^down: /);
    }

    // State changes commit while the broker is away: their events wait in the outboxes.
    const posted = createEnvelope({
      topic: TOPICS.ledgerPosted,
      producer: 'ledger',
      key: 'firm:EQ-US-FLOW:cash:USD',
      actor,
      occurredAt: new Date('2026-11-20T16:00:00.000Z'),
      payload: {
        entryId: 'JE-000000000001',
        sequence: 1,
        account: 'firm:EQ-US-FLOW:cash:USD',
        asset: 'USD',
        debit: '0',
        credit: '190262.50',
        phase: 'PENDING',
        tradeId: 'T-20261120-000123',
        previousHash: '0'.repeat(64),
        hash: '3b8e1f4a7c0d2e5b9a6f3c8d1e4b7a0f5c2d9e6b3a8f1c4d7e0b5a2f9c6d3e8b',
      } satisfies LedgerPostedPayload,
    });
    await new TypeOrmTransactionRunner(ledgerDb).run((tx) =>
      new Outbox(new EventValidator(new TopicRegistry()), new SqlOutboxRepository()).append(tx, [
        { topic: TOPICS.ledgerPosted, envelope: posted },
      ]),
    );
    const credit = createEnvelope({
      topic: counterTopic,
      producer: 'test',
      key: 'ACC-OUT',
      actor,
      occurredAt: new Date('2026-11-20T16:00:01.000Z'),
      payload: { account: 'ACC-OUT', amount: '42.42' },
    });
    await new TypeOrmTransactionRunner(producerDb.dataSource).run((tx) =>
      new Outbox(new EventValidator(new TopicRegistry([counterTopic])), new SqlOutboxRepository()).append(
        tx,
        [{ topic: counterTopic, envelope: credit }],
      ),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await outboxCount(ledgerDb)).toBe('1');
    expect(await outboxCount(producerDb.dataSource)).toBe('1');

    await broker.up();
    for (const service of services) {
      await waitFor(async () => (await readiness(service)).status === 200, {
        timeoutMs: 60000,
        what: `${service.name} to be ready again`,
      });
    }
    await waitFor(async () => (await outboxCount(ledgerDb)) === '0', {
      timeoutMs: 60000,
      what: 'the ledger outbox to drain',
    });
    const kafka = await new KafkaTestClient([broker.brokers]).connect();
    const published = await kafka.readAll(TOPICS.ledgerPosted.name);
    await kafka.close();
    expect(published.map((m) => JSON.parse(m.value!).eventId)).toEqual([posted.eventId]);

    const effects = () =>
      consumerDb.dataSource.query<{ amount: string }[]>(
        'SELECT amount::text AS amount FROM counter_effect WHERE event_id = $1',
        [credit.eventId],
      );
    await waitFor(async () => (await effects()).length > 0, {
      timeoutMs: 90000,
      what: 'the consumer to apply the event',
    });
    expect(await effects()).toEqual([{ amount: '42.42' }]);
  });
});

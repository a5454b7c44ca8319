import {
  createEnvelope,
  EventValidator,
  TopicRegistry,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import { createServiceDataSource, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import {
  counterPayloadSchema,
  createTestSchema,
  KafkaTestClient,
  SilentProxy,
  testInfra,
  waitFor,
  type TestSchema,
} from '@tradeflow/shared/testing';
import { createKafka } from './kafka-client';
import { MESSAGING_MIGRATIONS } from './messaging.migrations';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { SqlOutboxRepository } from './outbox.repository';

// A database connection that goes silent without closing (a lost host, a partition): nothing may hang
// for good, and the relay's leadership must pass to an instance that still reaches the database.
const actor = { id: 'silent-db-test', role: 'service' };

describe('a database connection that goes silent', () => {
  const infra = testInfra();
  const target = new URL(infra.databaseUrl);
  let kafka: KafkaTestClient;
  let db: TestSchema;
  let topic: TopicDefinition;
  let proxy: SilentProxy;

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    db = await createTestSchema('silent', MESSAGING_MIGRATIONS);
    topic = await kafka.newTopic('silent', counterPayloadSchema, 2);
  });

  beforeEach(async () => {
    proxy = await SilentProxy.start(target.hostname, Number(target.port || 5432));
  });

  afterEach(async () => {
    await proxy.close();
  });

  afterAll(async () => {
    await kafka.deleteTopics([topic]);
    await kafka.close();
    await db.drop();
  });

  it("hands the relay's lock to another instance within the takeover time, and every event is published", async () => {
    const outbox = new Outbox(new EventValidator(new TopicRegistry([topic])), new SqlOutboxRepository());
    const runner = new TypeOrmTransactionRunner(db.dataSource);
    const write = (account: string, amounts: string[]) =>
      runner.run((tx) =>
        outbox.append(
          tx,
          amounts.map((amount) => ({
            topic,
            envelope: createEnvelope({
              topic,
              producer: 'test',
              key: account,
              actor,
              occurredAt: new Date('2026-11-20T09:00:00.000Z'),
              payload: { account, amount },
            }),
          })),
        ),
      );
    const relay = (databaseUrl: string, clientId: string) =>
      new OutboxRelay({
        kafka: createKafka({ brokers: infra.kafkaBrokers, clientId }),
        databaseUrl,
        schema: db.schema,
        idlePollMs: 100,
        takeoverMs: 3000,
      });
    const first = relay(proxy.urlFor(infra.databaseUrl), 'relay-behind-proxy');
    const second = relay(infra.databaseUrl, 'relay-direct');
    try {
      first.start();
      await waitFor(() => first.isLeader, { what: 'the first relay to lead' });
      second.start();
      await write('ACC-1', ['1', '2', '3']);
      await waitFor(async () => (await second.backlog()) === 0, { what: 'the first relay to publish' });
      expect(second.isLeader).toBe(false);

      proxy.silence();
      await write('ACC-1', ['4', '5']);
      await write('ACC-2', ['6']);
      // Before the fix PostgreSQL kept the silent session, and its lock, for as long as TCP keep-alive
      // took (hours by default): the second relay never led and these events stayed unpublished.
      await waitFor(() => second.isLeader, { what: 'the second relay to take over', timeoutMs: 20_000 });
      await waitFor(async () => (await second.backlog()) === 0, { what: 'the second relay to publish' });

      const published = (await kafka.readAll(topic.name)).map((m) => ({
        key: m.key,
        amount: (JSON.parse(m.value!) as { payload: { amount: string } }).payload.amount,
      }));
      // At least once: an event the silent relay had sent may go out twice; never one lost, never out of order.
      const firsts = (key: string) => [
        ...new Set(published.filter((m) => m.key === key).map((m) => m.amount)),
      ];
      expect(firsts('ACC-1')).toEqual(['1', '2', '3', '4', '5']);
      expect(firsts('ACC-2')).toEqual(['6']);
      await waitFor(() => !first.isLeader, { what: 'the silent relay to give up its leadership' });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it("answers a service's query with an error, not a hang, when the database stops answering", async () => {
    const dataSource = createServiceDataSource({
      url: proxy.urlFor(infra.databaseUrl),
      schema: db.schema,
      poolSize: 2,
      statementTimeoutMs: 500,
    });
    await dataSource.initialize();
    try {
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      proxy.silence();
      const started = Date.now();
      await expect(dataSource.query('SELECT 2 AS two')).rejects.toThrow(/timeout/i);
      // statement_timeout (500 ms) cannot fire where PostgreSQL cannot be reached; the client's own
      // read timeout, 5 s after it, does.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await dataSource.destroy().catch(() => undefined);
    }
  });
});

import {
  createEnvelope,
  EventValidator,
  TopicRegistry,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import { TypeOrmTransactionRunner, type Tx } from '@tradeflow/shared/persistence';
import {
  counterPayloadSchema,
  createTestSchema,
  KafkaTestClient,
  testInfra,
  waitFor,
  type TestSchema,
} from '@tradeflow/shared/testing';
import { Client } from 'pg';
import { createKafka } from './kafka-client';
import { MESSAGING_MIGRATIONS } from './messaging.migrations';
import { Outbox } from './outbox';
import { outboxInsertSql, outboxJson, SqlOutboxRepository } from './outbox.repository';
import { OutboxRelay } from './outbox-relay';

// The relay publishes in outbox id order. That is each key's commit order only if a second writer of a
// key cannot take an id while the first is still open: the outbox write itself takes the key's lock
// (outboxKeyLockSql), whatever else the writers lock or not. Two writers that share nothing but a key.
const actor = { id: 'key-order-test', role: 'service' };
const at = new Date('2026-11-20T14:31:07.123Z');

describe('two writers of one key are published in commit order', () => {
  const infra = testInfra();
  let kafka: KafkaTestClient;
  let db: TestSchema;
  let topic: TopicDefinition;
  let outbox: Outbox;
  let runner: TypeOrmTransactionRunner;

  const event = (key: string, n: number) => ({
    topic,
    envelope: createEnvelope({
      topic,
      producer: 'test',
      key,
      actor,
      occurredAt: at,
      payload: { account: key, amount: String(n) },
    }),
  });

  // The two ways events reach the outbox: Outbox.append, and the INSERT fragment a service's own
  // statement embeds (trade-capture's record-a-change step).
  const writers: [string, string, (tx: Tx, key: string, n: number) => Promise<unknown>][] = [
    ['Outbox.append', 'K-append', (tx, key, n) => outbox.append(tx, [event(key, n)])],
    [
      'outboxInsertSql in a statement of its own',
      'K-statement',
      (tx, key, n) =>
        tx.query(`WITH events AS (${outboxInsertSql('$1::jsonb')}) SELECT NULL`, [
          JSON.stringify([outboxJson(outbox.toRecord(event(key, n)))]),
        ]),
    ],
  ];

  /** Whether a connection of this test's pool (named after its schema) waits for an advisory lock now. */
  const waitingForKeyLock = async () =>
    (
      await runner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
         WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = $1`,
        [db.schema],
      )
    ).rows[0]!.n > 0;

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    db = await createTestSchema('key_order', MESSAGING_MIGRATIONS);
    runner = new TypeOrmTransactionRunner(db.dataSource);
    outbox = new Outbox(
      new EventValidator(
        new TopicRegistry([(topic = await kafka.newTopic('keyorder', counterPayloadSchema))]),
      ),
      new SqlOutboxRepository(),
    );
  });

  afterAll(async () => {
    await kafka.deleteTopics([topic]);
    await kafka.close();
    await db.drop();
  });

  it.each(writers)(
    '%s: the second writer of a key waits for the first to commit, and the relay publishes them so',
    async (_way, key, write) => {
      const commits: number[] = [];
      // The first writer takes the lower id and stays open.
      const first = new Client({ connectionString: infra.databaseUrl });
      await first.connect();
      try {
        await first.query(`SET search_path TO "${db.schema}"`);
        await first.query('BEGIN');
        await write(first as unknown as Tx, key, 1);
        // The second commits as soon as its write returns; the first commits once the second is
        // waiting for the key (or, were there no lock, has committed already).
        const second = runner.run((tx) => write(tx, key, 2)).then(() => commits.push(2));
        await waitFor(async () => commits.length > 0 || (await waitingForKeyLock()), {
          what: 'the second writer to wait for the key or to commit',
        });
        await first.query('COMMIT');
        commits.push(1);
        await second;
      } finally {
        await first.end();
      }

      // The relay starts only now, with both committed: it sees them together and goes by id.
      const relay = new OutboxRelay({
        kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: 'relay-key-order-test' }),
        databaseUrl: infra.databaseUrl,
        schema: db.schema,
        idlePollMs: 100,
      });
      relay.start();
      try {
        await waitFor(async () => (await relay.backlog()) === 0, { what: 'the relay to drain' });
      } finally {
        await relay.stop();
      }
      const published = (await kafka.readAll(topic.name))
        .filter((m) => m.key === key)
        .map((m) => Number((JSON.parse(m.value!) as { payload: { amount: string } }).payload.amount));
      expect(published).toEqual(commits);
      expect(commits).toEqual([1, 2]);
    },
  );

  it('a writer of another key does not wait', async () => {
    const first = new Client({ connectionString: infra.databaseUrl });
    await first.connect();
    try {
      await first.query(`SET search_path TO "${db.schema}"`);
      await first.query('BEGIN');
      await outbox.append(first as unknown as Tx, [event('A', 1)]);
      // Committed while A's writer is still open.
      await runner.run((tx) => outbox.append(tx, [event('B', 1), event('C', 1)]));
      const { rows } = await runner.query<{ message_key: string }>('SELECT message_key FROM outbox');
      expect(rows.map((r) => r.message_key).sort()).toEqual(['B', 'C']);
      await first.query('ROLLBACK');
    } finally {
      await first.end();
    }
    await runner.query('DELETE FROM outbox');
  });
});

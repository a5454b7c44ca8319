// The library's own path: outbox rows written in transactions → relay → Kafka → batch consumer →
// inbox + effect rows in one transaction per batch. Measured from the first outbox write to the last
// effect committed, all on the same broker and database as the raw figures.
import {
  createEnvelope,
  defineTopic,
  EventValidator,
  TopicRegistry,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import {
  createKafka,
  ensureTopics,
  MESSAGING_MIGRATIONS,
  Outbox,
  OutboxRelay,
  SqlOutboxRepository,
} from '@tradeflow/shared/messaging';
import { createServiceDataSource, migrate, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { fork } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { join } from 'node:path';
import { randomName } from '@tradeflow/shared/testing';

export interface PipelineOptions {
  brokers: string[];
  databaseUrl: string;
  events: number;
  /** Events written per producing transaction (a service's state change may emit several). */
  eventsPerTransaction: number;
  writers: number;
  partitions: number;
  mode: 'drain' | 'live';
  /** Outbox rows the relay publishes per Kafka request. */
  relayBatch: number;
}

export interface PipelineResult {
  events: number;
  /** Consumer transactions that applied them (events per transaction = the batching achieved). */
  consumerTransactions: number;
  /** Seconds until every outbox row was committed by the writers. */
  writeSeconds: number;
  seconds: number;
  eventsPerSecond: number;
  applied: number;
  duplicatesApplied: number;
}

export const payloadSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['tradeId', 'isin', 'side', 'quantity', 'price'],
  properties: {
    tradeId: { type: 'string' },
    isin: { type: 'string', pattern: '^[A-Z]{2}[A-Z0-9]{9}[0-9]$' },
    side: { enum: ['BUY', 'SELL'] },
    quantity: { type: 'string', pattern: '^\\d+(\\.\\d{1,6})?$' },
    price: { type: 'string', pattern: '^\\d+(\\.\\d{1,8})?$' },
  },
};

export async function measurePipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const topic: TopicDefinition = defineTopic(
    `bench.pipeline-${randomName()}.captured.v1`,
    'bench',
    'trade id',
    payloadSchema,
    {
      partitions: opts.partitions,
    },
  );
  const kafka = createKafka({ brokers: opts.brokers, clientId: 'bench-pipeline', logLevel: 'nothing' });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic]);

  const producerSchema = `bench_out_${randomName()}`;
  const consumerSchema = `bench_in_${randomName()}`;
  const producerDb = createServiceDataSource({
    url: opts.databaseUrl,
    schema: producerSchema,
    migrations: MESSAGING_MIGRATIONS,
    poolSize: opts.writers + 2,
  });
  const consumerDb = createServiceDataSource({
    url: opts.databaseUrl,
    schema: consumerSchema,
    migrations: MESSAGING_MIGRATIONS,
    poolSize: 6,
  });
  for (const [ds, schema] of [
    [producerDb, producerSchema],
    [consumerDb, consumerSchema],
  ] as const) {
    await ds.initialize();
    await migrate(ds, schema);
  }
  await consumerDb.query(
    'CREATE TABLE position_effect (trade_id TEXT NOT NULL, isin TEXT NOT NULL, quantity NUMERIC NOT NULL)',
  );

  const outbox = new Outbox(new EventValidator(new TopicRegistry([topic])), new SqlOutboxRepository());
  const relay = new OutboxRelay({
    kafka,
    databaseUrl: opts.databaseUrl,
    schema: producerSchema,
    batchSize: opts.relayBatch,
  });
  // The consuming service is its own process, as in production: it gets its own core.
  const consumer = fork(join(__dirname, 'pipeline-consumer.main.js'), [], {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: opts.databaseUrl,
      BENCH_SCHEMA: consumerSchema,
      BENCH_TOPIC: topic.name,
      BENCH_BROKERS: opts.brokers.join(','),
      BENCH_EVENTS: String(opts.events),
      BENCH_PARTITIONS: String(opts.partitions),
    },
  });
  const messages = new EventEmitter();
  consumer.on('message', (m: { kind: string }) => messages.emit(m.kind, m));
  await once(messages, 'assigned');
  const done = once(messages, 'done');
  // drain: the outbox is filled first and the clock covers outbox → Kafka → inbox only;
  // live: writers, relay and consumer run at once and the clock covers the writes too.
  if (opts.mode === 'live') relay.start();
  let started = performance.now();
  const runner = new TypeOrmTransactionRunner(producerDb);
  const perWriter = Math.ceil(opts.events / opts.writers);
  await Promise.all(
    Array.from({ length: opts.writers }, async (_, w) => {
      for (let written = 0; written < perWriter && w * perWriter + written < opts.events;) {
        const count = Math.min(
          opts.eventsPerTransaction,
          perWriter - written,
          opts.events - (w * perWriter + written),
        );
        const base = w * perWriter + written;
        await runner.run((tx) =>
          outbox.append(
            tx,
            Array.from({ length: count }, (_, i) => {
              const tradeId = `T-20261120-${String(base + i).padStart(6, '0')}`;
              return {
                topic,
                envelope: createEnvelope({
                  topic,
                  producer: 'bench',
                  key: tradeId,
                  actor: { id: 'bench', role: 'service' },
                  occurredAt: new Date(),
                  payload: { tradeId, isin: 'US0378331005', side: 'BUY', quantity: '100', price: '190.25' },
                }),
              };
            }),
          ),
        );
        written += count;
      }
    }),
  );
  let written = performance.now();
  if (opts.mode === 'drain') {
    started = performance.now();
    written = started;
    relay.start();
  }
  const [doneMessage] = (await done) as [{ transactions: number }];
  const seconds = (performance.now() - started) / 1000;

  const [{ rows, distinct }] = await consumerDb.query<{ rows: string; distinct: string }[]>(
    'SELECT count(*) AS rows, count(DISTINCT trade_id) AS distinct FROM position_effect',
  );
  await relay.stop();
  consumer.kill('SIGTERM');
  await once(consumer, 'exit');
  await admin.deleteTopics({ topics: [topic.name, `${topic.name}.dlq`] }).catch(() => undefined);
  await admin.disconnect();
  await producerDb.query(`DROP SCHEMA ${producerSchema} CASCADE`);
  await consumerDb.query(`DROP SCHEMA ${consumerSchema} CASCADE`);
  await producerDb.destroy();
  await consumerDb.destroy();
  return {
    events: opts.events,
    consumerTransactions: doneMessage.transactions,
    writeSeconds: Math.round(written - started) / 1000,
    seconds: Math.round(seconds * 1000) / 1000,
    eventsPerSecond: Math.round(opts.events / seconds),
    applied: Number(rows),
    duplicatesApplied: Number(rows) - Number(distinct),
  };
}

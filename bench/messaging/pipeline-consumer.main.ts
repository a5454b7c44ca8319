// The consuming side of the pipeline benchmark, forked as its own process: batch consumer, inbox and
// one effect row per event in the same transaction; tells the parent when it is assigned and done.
import { defineTopic, EventValidator, TopicRegistry } from '@tradeflow/shared/contracts';
import {
  createKafka,
  EventConsumer,
  SqlDeadLetterRepository,
  SqlInboxRepository,
  type ConsumedEvent,
} from '@tradeflow/shared/messaging';
import { createServiceDataSource, TypeOrmTransactionRunner, type Tx } from '@tradeflow/shared/persistence';
import { payloadSchema } from './pipeline.bench';
import { randomName } from '@tradeflow/shared/testing';

const env = (name: string): string => process.env[name] ?? '';

async function main(): Promise<void> {
  const events = Number(env('BENCH_EVENTS'));
  const topic = defineTopic(env('BENCH_TOPIC'), 'bench', 'trade id', payloadSchema, {
    partitions: Number(env('BENCH_PARTITIONS')),
  });
  const db = createServiceDataSource({
    url: env('BENCH_DATABASE_URL'),
    schema: env('BENCH_SCHEMA'),
    poolSize: 6,
  });
  await db.initialize();
  let applied = 0;
  let transactions = 0;
  const consumer = new EventConsumer({
    kafka: createKafka({
      brokers: env('BENCH_BROKERS').split(','),
      clientId: 'bench-consumer',
      logLevel: 'nothing',
    }),
    groupId: `bench-${randomName()}`,
    runner: new TypeOrmTransactionRunner(db),
    validator: new EventValidator(new TopicRegistry([topic])),
    inbox: new SqlInboxRepository(),
    deadLetters: new SqlDeadLetterRepository(),
    // Counted after the commit, so "done" means every effect is durable.
    hooks: {
      afterDbCommit: (info) => {
        applied += info.applied;
        transactions += 1;
        if (applied >= events) process.send?.({ kind: 'done', applied, transactions });
      },
    },
    handlers: new Map([
      [
        topic.name,
        {
          kind: 'batch',
          handle: async (batch: ConsumedEvent[], tx: Tx) => {
            const payloads = batch.map(
              (e) => e.envelope.payload as { tradeId: string; isin: string; quantity: string },
            );
            await tx.query(
              'INSERT INTO position_effect SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[])',
              [payloads.map((p) => p.tradeId), payloads.map((p) => p.isin), payloads.map((p) => p.quantity)],
            );
          },
        },
      ],
    ]),
  });
  await consumer.start();
  const ready = setInterval(() => {
    if (consumer.assigned) {
      clearInterval(ready);
      process.send?.({ kind: 'assigned' });
    }
  }, 50);
  process.once('SIGTERM', () => {
    void consumer
      .stop()
      .then(() => db.destroy())
      .then(() => process.exit(0));
  });
}

void main();

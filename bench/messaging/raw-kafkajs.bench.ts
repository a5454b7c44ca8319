// Raw kafkajs throughput: batched idempotent produce (acks=all), then eachBatch consume of the same topic.
import { performance } from 'node:perf_hooks';
import { type Admin, type Kafka as KafkaClient, Kafka, logLevel } from 'kafkajs';
import {
  BATCH_SIZE,
  type BenchMessage,
  SENDS_IN_FLIGHT,
  type RawBenchOptions,
  type RawBenchResult,
  assertStoredCount,
  buildMessages,
  chunk,
  cleanUp,
  perSecond,
  phaseTimeoutMs,
  runWithConcurrency,
  uniqueName,
  withTimeout,
} from './raw-bench-support';

/** What the producer runs with; printed next to the figures. */
export const KAFKAJS_SETTINGS = {
  idempotent: true,
  acks: -1,
  // Kafka allows at most 5 in-flight requests per connection for an idempotent producer.
  maxInFlightRequests: SENDS_IN_FLIGHT,
  batchSize: BATCH_SIZE,
  sendsInFlight: SENDS_IN_FLIGHT,
  compression: 'none',
} as const;

async function produce(kafka: KafkaClient, topic: string, messages: BenchMessage[]): Promise<number> {
  const producer = kafka.producer({
    idempotent: KAFKAJS_SETTINGS.idempotent,
    maxInFlightRequests: KAFKAJS_SETTINGS.maxInFlightRequests,
  });
  await producer.connect();
  try {
    const started = performance.now();
    await runWithConcurrency(chunk(messages, BATCH_SIZE), SENDS_IN_FLIGHT, (batch) =>
      producer.send({ topic, messages: batch, acks: KAFKAJS_SETTINGS.acks }),
    );
    return performance.now() - started;
  } finally {
    await producer.disconnect();
  }
}

async function consume(kafka: KafkaClient, topic: string, expected: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: uniqueName('bench-kafkajs-group') });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let seen = 0;
    let started = 0;
    const done = new Promise<number>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      started = performance.now();
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            seen += batch.messages.length;
            if (seen >= expected) resolve(performance.now() - started);
          },
        })
        .catch(reject);
    });
    return await withTimeout(done, phaseTimeoutMs(expected), 'kafkajs consume');
  } finally {
    await consumer.disconnect();
  }
}

async function storedCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
}

export async function measureKafkajs(opts: RawBenchOptions): Promise<RawBenchResult<'kafkajs'>> {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers: opts.brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const topic = uniqueName('bench-kafkajs');
  const messages = buildMessages(opts.messages, opts.messageBytes);
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: opts.partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    const produceMs = await produce(kafka, topic, messages);
    assertStoredCount(await storedCount(admin, topic), opts.messages, 'kafkajs');
    const consumeMs = await consume(kafka, topic, opts.messages);
    return {
      client: 'kafkajs',
      producePerSecond: perSecond(opts.messages, produceMs),
      consumePerSecond: perSecond(opts.messages, consumeMs),
      messages: opts.messages,
    };
  } finally {
    await cleanUp(`kafkajs: deleting ${topic}`, () => admin.deleteTopics({ topics: [topic] }));
    await admin.disconnect();
  }
}

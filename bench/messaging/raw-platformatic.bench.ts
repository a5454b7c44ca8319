// Raw @platformatic/kafka throughput: batched idempotent produce (acks=all), then stream consume of the same topic.
// The package is ESM-only; our CommonJS output loads it with Node 24's synchronous require(esm).
import { performance } from 'node:perf_hooks';
import {
  Admin,
  Consumer,
  ListOffsetTimestamps,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  ProduceAcks,
  Producer,
  stringSerializer,
} from '@platformatic/kafka';
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
export const PLATFORMATIC_SETTINGS = {
  idempotent: true,
  acks: ProduceAcks.ALL,
  // The client forces maxInflights=1 per connection for idempotence; our sends queue behind it.
  maxInflights: 1,
  batchSize: BATCH_SIZE,
  sendsInFlight: SENDS_IN_FLIGHT,
  compression: 'none',
} as const;

async function produce(brokers: string[], topic: string, messages: BenchMessage[]): Promise<number> {
  const producer = new Producer<string, Buffer, Buffer, Buffer>({
    clientId: 'bench-platformatic-producer',
    bootstrapBrokers: brokers,
    idempotent: PLATFORMATIC_SETTINGS.idempotent,
    acks: PLATFORMATIC_SETTINGS.acks,
    serializers: { key: stringSerializer },
  });
  // Shaped before timing, as kafkajs receives its batches ready-made too.
  const batches = chunk(
    messages.map(({ key, value }) => ({ topic, key, value })),
    BATCH_SIZE,
  );
  try {
    const started = performance.now();
    await runWithConcurrency(batches, SENDS_IN_FLIGHT, (batch) => producer.send({ messages: batch }));
    return performance.now() - started;
  } finally {
    await producer.close();
  }
}

async function consume(brokers: string[], topic: string, expected: number): Promise<number> {
  const consumer = new Consumer({
    clientId: 'bench-platformatic-consumer',
    groupId: uniqueName('bench-platformatic-group'),
    bootstrapBrokers: brokers,
  });
  try {
    const started = performance.now();
    // committed + earliest fallback is kafkajs' fromBeginning for a fresh group.
    const stream = await consumer.consume({
      topics: [topic],
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST,
    });
    let seen = 0;
    const done = new Promise<number>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('data', () => {
        seen += 1;
        if (seen === expected) resolve(performance.now() - started);
      });
    });
    try {
      return await withTimeout(done, phaseTimeoutMs(expected), '@platformatic/kafka consume');
    } finally {
      await stream.close();
    }
  } finally {
    await consumer.close();
  }
}

async function storedCount(admin: Admin, topic: string, partitions: number): Promise<number> {
  const partitionRequests = Array.from({ length: partitions }, (_, partitionIndex) => ({
    partitionIndex,
    timestamp: ListOffsetTimestamps.LATEST,
  }));
  const [listed] = await admin.listOffsets({ topics: [{ name: topic, partitions: partitionRequests }] });
  // A fresh topic starts at offset 0, so the latest offsets add up to the records stored.
  return listed.partitions.reduce((sum, { offset }) => sum + Number(offset), 0);
}

export async function measurePlatformatic(
  opts: RawBenchOptions,
): Promise<RawBenchResult<'@platformatic/kafka'>> {
  const admin = new Admin({ clientId: 'bench-platformatic-admin', bootstrapBrokers: opts.brokers });
  const topic = uniqueName('bench-platformatic');
  const messages = buildMessages(opts.messages, opts.messageBytes);
  try {
    await admin.createTopics({ topics: [topic], partitions: opts.partitions, replicas: 1 });
    const produceMs = await produce(opts.brokers, topic, messages);
    assertStoredCount(await storedCount(admin, topic, opts.partitions), opts.messages, '@platformatic/kafka');
    const consumeMs = await consume(opts.brokers, topic, opts.messages);
    return {
      client: '@platformatic/kafka',
      producePerSecond: perSecond(opts.messages, produceMs),
      consumePerSecond: perSecond(opts.messages, consumeMs),
      messages: opts.messages,
    };
  } finally {
    await cleanUp(`@platformatic/kafka: deleting ${topic}`, () => admin.deleteTopics({ topics: [topic] }));
    await admin.close();
  }
}

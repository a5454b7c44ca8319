import { defineTopic, type TopicDefinition } from '@tradeflow/shared/contracts';
import { createKafka, ensureTopics } from '@tradeflow/shared/messaging';
import { ConfigResourceTypes, type Admin, type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';
import { randomName, testInfra } from './test-infra';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Direct access to the real broker for assertions: what is on a topic, what a group has committed. */
export class KafkaTestClient {
  readonly kafka: Kafka;
  private readonly admin: Admin;

  constructor(brokers = testInfra().kafkaBrokers) {
    this.kafka = createKafka({ brokers, clientId: `test-${randomName(4)}`, logLevel: 'nothing' });
    this.admin = this.kafka.admin();
  }

  async connect(): Promise<this> {
    await this.admin.connect();
    return this;
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }

  /** A topic of its own for one test, created with its dead-letter topic. */
  async newTopic(
    entity: string,
    payloadSchema?: Record<string, unknown>,
    partitions = 3,
  ): Promise<TopicDefinition> {
    const topic = defineTopic(
      `test.${entity}-${randomName(6)}.happened.v1`,
      'test',
      'test key',
      payloadSchema,
      { partitions },
    );
    await ensureTopics(this.admin, [topic]);
    return topic;
  }

  /** Sets one configuration entry of a topic, e.g. a dead-letter topic's `max.message.bytes`. */
  async setTopicConfig(topic: string, name: string, value: string): Promise<void> {
    await this.admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name, value }] }],
    });
  }

  async listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async deleteTopics(topics: TopicDefinition[]): Promise<void> {
    await this.admin
      .deleteTopics({ topics: topics.flatMap((t) => [t.name, `${t.name}.dlq`]) })
      .catch(() => undefined);
  }

  async produce(
    topic: string,
    messages: { key: string; value: string | Buffer; headers?: IHeaders }[],
  ): Promise<void> {
    const producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
  }

  /** The topic's end offsets now: pass them to `readAll` to read only what comes after. */
  async mark(topic: string): Promise<Map<number, bigint>> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    return new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
  }

  /**
   * Every message on a topic until its end offsets at the time of the call, from the start or from a
   * `mark` (the shared broker's topics grow with every run; a test reads only its own part).
   */
  async readAll(topic: string, since?: Map<number, bigint>): Promise<ReadMessage[]> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const from = new Map(
      ends.map((e) => {
        const start = since?.get(e.partition) ?? 0n;
        return [e.partition, start > BigInt(e.low) ? start : BigInt(e.low)] as const;
      }),
    );
    const wanted = new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
    let total = 0n;
    for (const [partition, high] of wanted)
      total += high > from.get(partition)! ? high - from.get(partition)! : 0n;
    const result: ReadMessage[] = [];
    if (total === 0n) return result;
    const consumer = this.kafka.consumer({ groupId: `test-reader-${randomName(8)}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read only ${result.length} of ${total} from ${topic}`)),
        30000,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const offset = BigInt(message.offset);
          if (offset >= from.get(partition)! && offset < (wanted.get(partition) ?? 0n)) {
            result.push(toRead(partition, message));
          }
          if (BigInt(result.length) >= total) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
      for (const [partition, offset] of from) consumer.seek({ topic, partition, offset: offset.toString() });
    });
    await consumer.disconnect();
    return result.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  /** How many messages of the topic the group has not committed yet (0 when it has caught up). */
  async groupLag(groupId: string, topic: string): Promise<bigint> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    let lag = 0n;
    for (const end of ends) {
      const c = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      lag += BigInt(end.high) - (c === '-1' ? 0n : BigInt(c));
    }
    return lag;
  }
}

function toRead(partition: number, m: KafkaMessage): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {}))
    headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
  return {
    partition,
    offset: m.offset,
    key: m.key?.toString() ?? null,
    value: m.value?.toString() ?? null,
    headers,
  };
}

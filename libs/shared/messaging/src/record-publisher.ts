import type { Kafka, Message, Producer } from 'kafkajs';

export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * What the outbox relay needs from a Kafka client: send records in order, acknowledged by all in-sync
 * replicas, with an idempotent producer. Two clients implement it; the relay does not care which.
 */
export interface RecordPublisher {
  send(records: readonly OutgoingRecord[]): Promise<void>;
  close(): Promise<void>;
}

export type PublisherFactory = () => RecordPublisher;

/**
 * kafkajs' own retries of one send: about 1.5 s, so a failure reaches the relay soon enough to be told
 * transient (it retries, backing off) from permanent (it parks the record): a topic still unknown after
 * them is taken as gone. The client's default (8 retries, some 20 s) would stall every topic that long.
 */
export const SEND_RETRY = { initialRetryTime: 200, maxRetryTime: 1000, retries: 3 };

/** Idempotent with one request in flight: retries never duplicate or reorder a partition. */
export function orderedProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: SEND_RETRY,
  });
}

export class KafkajsPublisher implements RecordPublisher {
  private producer: Producer | undefined;

  constructor(private readonly kafka: Kafka) {}

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    if (!this.producer) {
      const producer = orderedProducer(this.kafka);
      await producer.connect();
      this.producer = producer;
    }
    const byTopic = new Map<string, Message[]>();
    for (const r of records) {
      const messages = byTopic.get(r.topic) ?? [];
      messages.push({ key: r.key, value: r.value, headers: r.headers });
      byTopic.set(r.topic, messages);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}

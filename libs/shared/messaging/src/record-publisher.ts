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

export class KafkajsPublisher implements RecordPublisher {
  private producer: Producer | undefined;

  constructor(private readonly kafka: Kafka) {}

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    if (!this.producer) {
      // Idempotent with one request in flight: retries never duplicate or reorder a partition.
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
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

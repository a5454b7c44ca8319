import {
  dlqTopicName,
  ENVELOPE_HEADERS,
  UUID_PATTERN,
  type EventEnvelope,
} from '@tradeflow/shared/contracts';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import type { Batch, IHeaders, KafkaMessage } from 'kafkajs';
import type { DeadLetterRepository } from './dead-letter.repository';
import type { DlqPublisher } from './dlq-publisher';
import { messagingMetrics } from './messaging.metrics';
import { isTransient } from './transient-error';

export interface DeadLetterInput {
  batch: Batch;
  message: KafkaMessage;
  reason: string;
  /** How many times the handler ran (1 for a message that could not be read). */
  attempts: number;
  /** The event, when the message could be read as one. */
  envelope?: EventEnvelope | undefined;
}

/** How the consumer's partition is doing while a dead letter is being kept. */
export interface PartitionGate {
  stillOwned(): boolean;
  /** Waits before a retry (readiness says why); false once the partition is taken away. */
  pause(attempt: number, error: unknown): Promise<boolean>;
}

const UUID = new RegExp(UUID_PATTERN);

/**
 * Where a consumer's dead letters go: the topic's `.dlq` (a bounded number of tries, DlqPublisher) and the
 * service's `dead_letter` table (listed and replayed through `/api/dead-letters`). Either one keeps the
 * message, so the partition moves on once one has it: a `.dlq` topic that refuses for good (deleted, an
 * ACL, a size limit) costs its tries, not the partition. Only while neither takes it is it retried, with
 * readiness saying so: it is never dropped.
 */
export class ConsumerDeadLetters {
  constructor(
    private readonly groupId: string,
    private readonly runner: TransactionRunner,
    private readonly repository: DeadLetterRepository,
    private readonly dlq: DlqPublisher,
    private readonly log: (message: string) => void,
  ) {}

  /** True once kept; false when the partition was taken away meanwhile (its new owner keeps it). */
  async send(input: DeadLetterInput, gate: PartitionGate): Promise<boolean> {
    const { batch, message, reason, attempts } = input;
    const headers: IHeaders = {
      ...message.headers,
      'dlq-reason': reason.slice(0, 2000),
      'dlq-consumer': this.groupId,
      'dlq-original-topic': batch.topic,
      'dlq-original-partition': String(batch.partition),
      'dlq-original-offset': message.offset,
      'dlq-attempts': String(attempts),
      'dlq-failed-at': new Date().toISOString(),
    };
    const labels = { consumer: this.groupId, topic: batch.topic };
    for (let round = 1; ; round++) {
      const sent = await this.dlq.publish(
        dlqTopicName(batch.topic),
        { key: message.key, value: message.value, headers },
        gate.stillOwned,
      );
      if ('interrupted' in sent) return false;
      if (!sent.sent) messagingMetrics.deadLetterPublishFailures.inc(labels);
      const recorded = await this.record(input, sent.sent, gate);
      if (recorded === 'interrupted') return false;
      if (sent.sent || recorded === 'recorded') {
        messagingMetrics.deadLettered.inc(labels);
        const kept = !sent.sent ? 'kept in dead_letter only' : recorded === 'recorded' ? '' : 'not recorded';
        this.log(
          `${this.groupId}: dead-lettered ${batch.topic}[${batch.partition}]@${message.offset}${kept ? ` (${kept})` : ''}: ${reason}`,
        );
        return true;
      }
      // Neither the topic nor the database took it: wait, and try both again rather than lose it.
      if (!(await gate.pause(round, 'error' in sent ? sent.error : recorded))) return false;
    }
  }

  /** Records the dead letter; a transient database failure is retried. Returns the error it gave up on. */
  private async record(
    { batch, message, reason, attempts, envelope }: DeadLetterInput,
    dlqPublished: boolean,
    gate: PartitionGate,
  ): Promise<'recorded' | 'interrupted' | Error> {
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : (v ?? ''))]),
    );
    const headerId = headers[ENVELOPE_HEADERS.eventId];
    const letter = {
      consumer: this.groupId,
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      value: message.value,
      headers,
      eventId: envelope?.eventId ?? (headerId !== undefined && UUID.test(headerId) ? headerId : null),
      eventType: envelope?.type ?? headers[ENVELOPE_HEADERS.type] ?? null,
      reason,
      attempts,
      dlqPublished,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.runner.run((tx) => this.repository.record(tx, letter));
        return 'recorded';
      } catch (error) {
        if (!isTransient(error)) {
          this.log(`${this.groupId}: could not record a dead letter: ${(error as Error).message}`);
          return error as Error;
        }
        if (!(await gate.pause(attempt, error))) return 'interrupted';
      }
    }
  }
}

import {
  describeErrors,
  type EventValidator,
  type EventEnvelope,
  type TopicDefinition,
} from '@tradeflow/shared/contracts';
import type { Tx } from '@tradeflow/shared/persistence';
import type { OutboxRecord, OutboxRepository } from './outbox.repository';

export interface OutgoingEvent {
  topic: TopicDefinition | string;
  envelope: EventEnvelope<object>;
}

export class InvalidEventError extends Error {
  constructor(topic: string, reason: string) {
    super(`event for ${topic} breaks its contract: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * Writes events in the caller's transaction, validated against their contract first: an event that a
 * consumer would dead-letter is refused here, and the state change that caused it rolls back with it.
 */
export class Outbox {
  constructor(
    private readonly validator: EventValidator,
    private readonly repository: OutboxRepository,
  ) {}

  async append(tx: Tx, events: readonly OutgoingEvent[]): Promise<void> {
    await this.repository.append(
      tx,
      events.map((e) => this.toRecord(e)),
    );
  }

  toRecord({ topic, envelope }: OutgoingEvent): OutboxRecord {
    const name = typeof topic === 'string' ? topic : topic.name;
    const result = this.validator.validate(name, envelope);
    if (!result.ok) throw new InvalidEventError(name, describeErrors(result.errors));
    return {
      eventId: envelope.eventId,
      type: envelope.type,
      version: envelope.version,
      topic: name,
      key: envelope.key,
      value: JSON.stringify(envelope),
    };
  }
}

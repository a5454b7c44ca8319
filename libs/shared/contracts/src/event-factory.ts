import type { Actor, EventEnvelope } from './event-envelope';
import { newEventId } from './event-id';
import type { TopicDefinition } from './topic-definition';

export interface NewEvent<P> {
  topic: TopicDefinition;
  producer: string;
  key: string;
  correlationId?: string;
  causationId?: string | null;
  actor: Actor;
  payload: P;
  occurredAt: Date;
}

/** Builds an envelope for a topic; the occurredAt comes from the caller's injected clock. */
export function createEnvelope<P extends object>(event: NewEvent<P>): EventEnvelope<P> {
  return {
    eventId: newEventId(event.occurredAt.getTime()),
    type: event.topic.type,
    version: event.topic.version,
    occurredAt: event.occurredAt.toISOString(),
    producer: event.producer,
    key: event.key,
    correlationId: event.correlationId ?? event.key,
    causationId: event.causationId ?? null,
    actor: event.actor,
    payload: event.payload,
  };
}

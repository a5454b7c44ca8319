/** Who or what caused a change: a user with a role, or a service acting on its own. */
export interface Actor {
  id: string;
  role: string;
}

/** The one shape of every Kafka message value (docs/events.md, "The envelope"). */
export interface EventEnvelope<P = Record<string, unknown>> {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  producer: string;
  key: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  payload: P;
}

/** Kafka headers repeat these so tools can route without parsing the value. */
export const ENVELOPE_HEADERS = { type: 'type', version: 'version', eventId: 'event-id' } as const;

export const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

export const envelopeJsonSchema = {
  $id: 'https://tradeflow.dev/schemas/event-envelope.json',
  title: 'EventEnvelope',
  type: 'object',
  additionalProperties: false,
  required: [
    'eventId',
    'type',
    'version',
    'occurredAt',
    'producer',
    'key',
    'correlationId',
    'causationId',
    'actor',
    'payload',
  ],
  properties: {
    eventId: { type: 'string', pattern: UUID_PATTERN, description: 'UUID v7; the inbox key' },
    type: { type: 'string', pattern: '^[a-z][a-z-]*(\\.[a-z][a-z-]*)+$' },
    version: { type: 'integer', minimum: 1 },
    occurredAt: { type: 'string', pattern: INSTANT_PATTERN },
    producer: { type: 'string', minLength: 1 },
    key: { type: 'string', minLength: 1, description: 'same as the Kafka message key' },
    correlationId: { type: 'string', minLength: 1 },
    causationId: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'null' }] },
    actor: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'role'],
      properties: { id: { type: 'string', minLength: 1 }, role: { type: 'string', minLength: 1 } },
    },
    payload: { type: 'object' },
  },
} as const;

import { objectSchema, type JsonSchema } from '@tradeflow/shared/contracts';
import type { DeadLetterReplayRecord, StoredDeadLetter } from '@tradeflow/shared/messaging';
import { pageSchema } from '../openapi/openapi-schemas';

// The dead-letter API's answers, for every service's OpenAPI document (PLATFORM_SCHEMAS).

const nullable = (type: string, description: string) => ({ type: [type, 'null'], description });
const instant = { type: 'string', format: 'date-time' } as const;
const id = { type: 'string', pattern: '^[1-9][0-9]{0,17}$', description: 'the dead letter’s id' } as const;

const deadLetterSchema = objectSchema<StoredDeadLetter>()({
  type: 'object',
  description:
    'A parked outbox record (`outbox`: its topic refused it for good, or it waits behind an earlier parked record of its topic and key) or an event a consumer gave up on (`consumer`).',
  additionalProperties: false,
  required: [
    'id',
    'source',
    'topic',
    'key',
    'eventId',
    'eventType',
    'reason',
    'parkedAt',
    'attempts',
    'consumer',
    'partition',
    'offset',
    'dlqPublished',
  ],
  properties: {
    id,
    source: { type: 'string', enum: ['outbox', 'consumer'] },
    topic: { type: 'string', description: 'the topic it was for (outbox) or read from (consumer)' },
    key: nullable('string', 'the message key'),
    eventId: nullable('string', 'the envelope’s eventId; null when the message could not be read'),
    eventType: nullable('string', 'the envelope’s type; null when the message could not be read'),
    reason: { type: 'string', description: 'why, in one line' },
    parkedAt: { ...instant, description: 'when it was parked or dead-lettered' },
    attempts: {
      type: 'integer',
      minimum: 0,
      description:
        'outbox: sends refused in the relay pass that parked it (0 for a record parked behind another); consumer: handler runs that failed (1 for a message that could not be read), replays included',
    },
    consumer: nullable('string', 'the consumer group that gave up (consumer only)'),
    partition: nullable('integer', 'the partition it was read from (consumer only)'),
    offset: nullable('string', 'the offset it was read at (consumer only)'),
    dlqPublished: { type: 'boolean', description: 'the `.dlq` topic has it too (consumer only)' },
  },
});

const replaySchema = objectSchema<DeadLetterReplayRecord>()({
  type: 'object',
  description: 'A replay, as it is kept: who replayed which dead letter, when, and what it did.',
  additionalProperties: false,
  required: [
    'deadLetterId',
    'source',
    'topic',
    'key',
    'eventId',
    'records',
    'outcome',
    'replayedBy',
    'replayedByRole',
    'replayedAt',
  ],
  properties: {
    deadLetterId: id,
    source: { type: 'string', enum: ['outbox', 'consumer'] },
    topic: { type: 'string' },
    key: nullable('string', 'the message key'),
    eventId: nullable('string', 'the envelope’s eventId, when known'),
    records: {
      type: 'integer',
      minimum: 0,
      description:
        'outbox: how many records went back to the outbox (the record and every later record of its topic and key); consumer: 1 applied, 0 when the inbox had it already',
    },
    outcome: {
      type: 'string',
      enum: ['released', 'applied', 'duplicate'],
      description:
        '`released`: back in the outbox, published in order by the relay; `applied`: the handler applied it; `duplicate`: it had been applied already',
    },
    replayedBy: { type: 'string', description: 'the user who replayed it' },
    replayedByRole: { type: 'string' },
    replayedAt: { ...instant },
  },
});

export const DEAD_LETTER_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  DeadLetter: deadLetterSchema,
  DeadLetterPage: pageSchema('DeadLetter', 'A page of dead letters, oldest first.'),
  DeadLetterReplay: replaySchema,
};

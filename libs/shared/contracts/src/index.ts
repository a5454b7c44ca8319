export {
  ENVELOPE_HEADERS,
  INSTANT_PATTERN,
  UUID_PATTERN,
  envelopeJsonSchema,
  type Actor,
  type EventEnvelope,
} from './event-envelope';
export { createEnvelope, type NewEvent } from './event-factory';
export { newEventId } from './event-id';
export {
  EventValidator,
  describeErrors,
  type FieldError,
  type PayloadValidationResult,
  type ValidationResult,
} from './event-validator';
export { topicJsonSchema } from './json-schema-export';
export {
  DEFAULT_PARTITIONS,
  DLQ_CONFIG,
  DLQ_SUFFIX,
  defineTopic,
  dlqTopicName,
  type TopicDefinition,
} from './topic-definition';
export { ALL_TOPICS, TOPICS, TopicRegistry, topicsProducedBy } from './topic-registry';
export type { TopicPayloads } from './topic-registry';
export * from './payloads';

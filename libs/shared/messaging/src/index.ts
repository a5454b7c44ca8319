export { backoffDelay, sleep } from './backoff';
export { DeadLetterTables1765000000000 } from './dead-letter-tables.migration';
export {
  SqlDeadLetterRepository,
  type ConsumerDeadLetter,
  type DeadLetterReplayRecord,
  type DeadLetterRepository,
  type ReplayableDeadLetter,
  type StoredDeadLetter,
} from './dead-letter.repository';
export { type DlqPublishOptions } from './dlq-publisher';
export {
  EventConsumer,
  ReplayRefusedError,
  type BatchEventHandler,
  type BatchInfo,
  type ConsumedEvent,
  type ConsumerHooks,
  type EventConsumerOptions,
  type EventContext,
  type EventHandler,
  type HandlerSpec,
  type RecordedMessage,
} from './event-consumer';
export { SqlInboxRepository, type InboxClaim, type InboxRepository } from './inbox.repository';
export {
  KafkaBatchServer,
  type EventPatternExtras,
  type KafkaBatchServerOptions,
} from './kafka-batch.server';
export { createKafka, ensureTopics, type KafkaSettings } from './kafka-client';
export { MessagingTables1763800000000 } from './messaging-tables.migration';
export { MESSAGING_MIGRATIONS } from './messaging.migrations';
export { messagingMetrics } from './messaging.metrics';
export {
  DEAD_LETTER_REPOSITORY,
  INBOX_REPOSITORY,
  MESSAGING_PROVIDERS,
  OUTBOX_REPOSITORY,
} from './messaging.providers';
export { InvalidEventError, Outbox, type OutgoingEvent } from './outbox';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export {
  outboxInsertSql,
  outboxKeyLockSql,
  outboxJson,
  SqlOutboxRepository,
  type OutboxRecord,
  type OutboxRepository,
} from './outbox.repository';
export { classifyPublishFailure, type PermanentPublishFailure, type PublishFailure } from './publish-failure';
export {
  KafkajsPublisher,
  type OutgoingRecord,
  type PublisherFactory,
  type RecordPublisher,
} from './record-publisher';
export { RethrowRpcFilter } from './rethrow-rpc.filter';
export { TransientError, isTransient } from './transient-error';
export { MessagingInboxRetention1764100000000 } from './inbox-retention.migration';
export {
  inboxRetentionProblem,
  inboxRetentionRule,
  KAFKA_DEFAULT_SEGMENT_MS,
  redeliveryWindowMs,
} from './inbox-retention';

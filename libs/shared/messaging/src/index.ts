export { backoffDelay, sleep } from './backoff';
export {
  EventConsumer,
  type BatchEventHandler,
  type BatchInfo,
  type ConsumedEvent,
  type ConsumerHooks,
  type EventConsumerOptions,
  type EventContext,
  type EventHandler,
  type HandlerSpec,
} from './event-consumer';
export { SqlInboxRepository, type InboxClaim, type InboxRepository } from './inbox.repository';
export {
  KafkaBatchServer,
  type EventPatternExtras,
  type KafkaBatchServerOptions,
} from './kafka-batch.server';
export { createKafka, ensureTopics, type KafkaSettings } from './kafka-client';
export { MessagingTables1763800000000 } from './messaging-tables.migration';
export { messagingMetrics } from './messaging.metrics';
export { INBOX_REPOSITORY, MESSAGING_PROVIDERS, OUTBOX_REPOSITORY } from './messaging.providers';
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

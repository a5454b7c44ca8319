import { Counter, Gauge } from 'prom-client';

// Registered once per process on prom-client's default registry, which /metrics serves.
export const messagingMetrics = {
  outboxPublished: new Counter({
    name: 'tradeflow_outbox_published_total',
    help: 'Outbox events published to Kafka',
  }),
  outboxParkings: new Counter({
    name: 'tradeflow_outbox_parkings_total',
    help: 'Outbox records parked because their topic or the record was refused for good (followers included)',
    labelNames: ['topic'],
  }),
  eventsHandled: new Counter({
    name: 'tradeflow_events_handled_total',
    help: 'Events applied by a consumer (duplicates excluded)',
    labelNames: ['consumer', 'topic'],
  }),
  eventsDuplicate: new Counter({
    name: 'tradeflow_events_duplicate_total',
    help: 'Redelivered events the inbox recognised and skipped',
    labelNames: ['consumer', 'topic'],
  }),
  deadLettered: new Counter({
    name: 'tradeflow_events_dead_lettered_total',
    help: 'Messages sent to a dead-letter topic',
    labelNames: ['consumer', 'topic'],
  }),
  deadLetterPublishFailures: new Counter({
    name: 'tradeflow_dead_letter_publish_failures_total',
    help: 'Dead letters the dead-letter topic did not take within their attempts (kept in the dead_letter table only)',
    labelNames: ['consumer', 'topic'],
  }),
  retries: new Counter({
    name: 'tradeflow_consumer_retries_total',
    help: 'Batch retries after a transient failure',
    labelNames: ['consumer'],
  }),
  consumerLag: new Gauge({
    name: 'tradeflow_consumer_lag',
    help: 'Messages behind the partition end after the last batch',
    labelNames: ['consumer', 'topic', 'partition'],
  }),
};

import type { TopicDefinition } from '@tradeflow/shared/contracts';
import type { RetentionRule } from '@tradeflow/shared/persistence';

const DAY_MS = 24 * 3600 * 1000;

/** Kafka's `segment.ms` when a topic does not set its own (the broker's `log.roll.hours`, 168). */
export const KAFKA_DEFAULT_SEGMENT_MS = 7 * DAY_MS;

/**
 * How long after it was written Kafka may still deliver a record of the topic again (an offset reset, a
 * group whose committed offsets expired reading from the start), in milliseconds; undefined when there
 * is no end to it: a compacted topic keeps each key's latest record, and retention.ms -1 keeps all.
 * Kafka deletes a log segment whole once its newest record is older than retention.ms, and a segment
 * spans up to segment.ms, so a record at a segment's start outlives retention.ms by up to segment.ms.
 */
export function redeliveryWindowMs(topic: TopicDefinition): number | undefined {
  const window = redeliveryWindow(topic);
  return window && window.retentionMs + window.segmentMs;
}

function redeliveryWindow(topic: TopicDefinition): { retentionMs: number; segmentMs: number } | undefined {
  const policies = (topic.config['cleanup.policy'] ?? 'delete').split(',').map((p) => p.trim());
  const retentionMs = Number(topic.config['retention.ms'] ?? 7 * DAY_MS);
  if (!policies.includes('delete') || retentionMs < 0) return undefined;
  return { retentionMs, segmentMs: Number(topic.config['segment.ms'] ?? KAFKA_DEFAULT_SEGMENT_MS) };
}

/**
 * Why an inbox kept `retentionMs` would forget an event Kafka may still redeliver from one of the
 * `consumed` topics (one line, naming the topic and what to set instead), or undefined when it is long
 * enough. Topics with no end to redelivery do not count: their inbox rows are never pruned.
 */
export function inboxRetentionProblem(
  retentionMs: number,
  consumed: readonly TopicDefinition[],
): string | undefined {
  let longest: { topic: TopicDefinition; retentionMs: number; segmentMs: number } | undefined;
  for (const topic of consumed) {
    const window = redeliveryWindow(topic);
    if (window && window.retentionMs + window.segmentMs > total(longest)) longest = { topic, ...window };
  }
  if (!longest || retentionMs >= total(longest)) return undefined;
  return (
    `is ${days(retentionMs)}, but Kafka may redeliver an event of ${longest.topic.name} for up to ` +
    `${days(total(longest))} (retention.ms ${days(longest.retentionMs)}, plus up to segment.ms ` +
    `${days(longest.segmentMs)} until its segment is deleted whole): set ` +
    `${Math.ceil(total(longest) / DAY_MS)} or more`
  );
}

function total(window: { retentionMs: number; segmentMs: number } | undefined): number {
  return window ? window.retentionMs + window.segmentMs : 0;
}

/**
 * The inbox's retention rule: rows applied more than `retentionMs` ago go, except those of topics whose
 * records Kafka may redeliver without end (among `topics`, every topic the service knows), which stay.
 */
export function inboxRetentionRule(retentionMs: number, topics: readonly TopicDefinition[]): RetentionRule {
  return {
    table: 'inbox',
    column: 'applied_at',
    retentionMs,
    keep: {
      column: 'topic',
      values: topics.filter((t) => redeliveryWindowMs(t) === undefined).map((t) => t.name),
    },
  };
}

function days(ms: number): string {
  const n = Number((ms / DAY_MS).toFixed(2));
  return `${n} day${n === 1 ? '' : 's'}`;
}

/**
 * Why a publish failed, as the outbox relay must know it: a transient failure (a broker down, a leader
 * moving) is retried for as long as it lasts; a permanent one will fail the same way every time, so the
 * records it concerns are parked and everything else goes on.
 *
 * - `topic`: every record of the topic fails (the topic does not exist, an ACL refuses it);
 * - `record`: this record fails whatever its company (too large, or refused as invalid).
 */
export type PublishFailure = { permanent: false; reason: string } | PermanentPublishFailure;

export interface PermanentPublishFailure {
  permanent: true;
  scope: 'topic' | 'record';
  reason: string;
  /** The broker does not know the topic: the relay parks only once that has lasted (a broker restarting). */
  unknownTopic?: true;
}

// Kafka's protocol errors that say a record or a topic will never be accepted as it is.
const TOPIC_REFUSALS = new Set(['TOPIC_AUTHORIZATION_FAILED', 'INVALID_TOPIC_EXCEPTION']);
const RECORD_REFUSALS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

interface KafkaLikeError {
  name?: unknown;
  type?: unknown;
  message?: unknown;
  retriable?: unknown;
  cause?: unknown;
}

/**
 * Classifies a kafkajs send error. An unknown topic or partition is permanent only once kafkajs has
 * given up retrying it (its metadata refreshed meanwhile), and marked `unknownTopic`: a topic just
 * created, or a broker starting, may not know a topic for a moment, so the relay parks only when it has
 * lasted (OutboxRelayOptions.unknownTopicGraceMs); one still unknown after that is deleted or was never
 * made. Any other error, one this code does not recognise included, is transient: retrying a record that
 * cannot go costs time, parking one that could go costs an operator's replay.
 */
export function classifyPublishFailure(error: unknown): PublishFailure {
  const reason = describe(error);
  const chain = causes(error);
  const types = chain.map((e) => e.type).filter((t): t is string => typeof t === 'string');
  const gaveUp = chain.some((e) => e.name === 'KafkaJSNumberOfRetriesExceeded' || e.retriable === false);
  if (types.some((t) => TOPIC_REFUSALS.has(t))) return { permanent: true, scope: 'topic', reason };
  if (types.includes('UNKNOWN_TOPIC_OR_PARTITION') && gaveUp) {
    return { permanent: true, scope: 'topic', reason, unknownTopic: true };
  }
  if (types.some((t) => RECORD_REFUSALS.has(t))) return { permanent: true, scope: 'record', reason };
  return { permanent: false, reason };
}

/** The error and what it wraps (kafkajs keeps the protocol error as `cause` once its retries give up). */
function causes(error: unknown): KafkaLikeError[] {
  const chain: KafkaLikeError[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = (current as KafkaLikeError).cause;
  }
  return chain;
}

function describe(error: unknown): string {
  const chain = causes(error);
  const typed = chain.find((e) => typeof e.type === 'string');
  const message = error instanceof Error ? error.message : String(error);
  return typed ? `${String(typed.type)}: ${message}` : message;
}

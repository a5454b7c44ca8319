/** A Kafka topic and the contract of its messages, declared next to each other. */
export interface TopicDefinition {
  /** `<office>.<entity>.<event>.v<version>` */
  name: string;
  /** The envelope's `type`, e.g. `trade.captured`. */
  type: string;
  version: number;
  producer: string;
  /** What the message key is, in words (trade id, obligation id, ...). */
  keyedBy: string;
  partitions: number;
  /** Topic-level Kafka config set at creation. */
  config: Record<string, string>;
  /** JSON Schema of the payload. */
  payloadSchema: Record<string, unknown>;
}

export const DEFAULT_PARTITIONS = 6;
export const DLQ_SUFFIX = '.dlq';

export function dlqTopicName(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/** Dead letters are kept long enough for operations to look at them and replay them. */
export const DLQ_CONFIG: Record<string, string> = {
  'retention.ms': String(30 * 24 * 3600 * 1000),
  'cleanup.policy': 'delete',
};

export function defineTopic(
  name: string,
  producer: string,
  keyedBy: string,
  payloadSchema: Record<string, unknown> = { type: 'object' },
  overrides: Partial<Pick<TopicDefinition, 'partitions' | 'config'>> = {},
): TopicDefinition {
  const match = /^[a-z]+\.([a-z][a-z-]*(?:\.[a-z][a-z-]*)+)\.v([1-9]\d*)$/.exec(name);
  if (!match) throw new Error(`topic name "${name}" is not <office>.<entity>.<event>.v<version>`);
  return {
    name,
    type: match[1]!,
    version: Number(match[2]),
    producer,
    keyedBy,
    partitions: overrides.partitions ?? DEFAULT_PARTITIONS,
    config: { 'retention.ms': String(7 * 24 * 3600 * 1000), 'min.insync.replicas': '1', ...overrides.config },
    payloadSchema,
  };
}

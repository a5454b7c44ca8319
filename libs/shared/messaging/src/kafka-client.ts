import { type Admin, Kafka, logLevel, type ITopicConfig } from 'kafkajs';
import { dlqTopicName, DLQ_CONFIG, type TopicDefinition } from '@tradeflow/shared/contracts';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Milliseconds to wait for a broker connection. */
  connectionTimeoutMs?: number;
  logLevel?: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
}

const LEVELS = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const;

/** The one place kafkajs is configured, so the client could be swapped behind this library. */
export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs ?? 3000,
    requestTimeout: 30000,
    logLevel: LEVELS[settings.logLevel ?? 'error'],
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
  });
}

/** Creates each topic and its dead-letter topic if missing; safe to run from many services at once. */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicDefinition[],
  replicationFactor = 1,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const wanted: ITopicConfig[] = [];
  for (const t of topics) {
    const entries = (config: Record<string, string>) =>
      Object.entries(config).map(([name, value]) => ({ name, value }));
    if (!existing.has(t.name)) {
      wanted.push({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor,
        configEntries: entries(t.config),
      });
    }
    const dlq = dlqTopicName(t.name);
    if (!existing.has(dlq)) {
      wanted.push({ topic: dlq, numPartitions: 1, replicationFactor, configEntries: entries(DLQ_CONFIG) });
    }
  }
  if (wanted.length === 0) return;
  try {
    // Not waitForLeaders: kafkajs' own wait leaks an unhandled rejection when metadata lags the
    // creation (UNKNOWN_TOPIC_OR_PARTITION), which kills the process; we wait for leaders below.
    await admin.createTopics({ topics: dedupe(wanted), waitForLeaders: false });
  } catch (error) {
    // Another instance created some of them meanwhile: fine, as long as they all exist now.
    const now = new Set(await admin.listTopics());
    const missing = wanted.filter((w) => !now.has(w.topic));
    if (missing.length > 0) throw error;
  }
  await waitForLeaders(
    admin,
    dedupe(wanted).map((w) => w.topic),
  );
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics without a leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function dedupe(topics: ITopicConfig[]): ITopicConfig[] {
  return [...new Map(topics.map((t) => [t.topic, t])).values()];
}

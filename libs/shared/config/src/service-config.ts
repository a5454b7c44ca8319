import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';
import { parseRateLimits, type RateLimits } from './rate-limits';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface JwtSettings {
  publicKey: string;
  issuer: string;
  audience: string;
}

/** Live streams (Server-Sent Events), see docs/http.md "Live streams". */
export interface StreamSettings {
  /** Streams one user may hold open at once on an instance; one more is answered 429. */
  maxPerUser: number;
  /** How far back a reconnect may resume: no change it missed may be older than this... */
  replayWindowMs: number;
  /** ...nor more than this many changes (every book counted); beyond either it is answered 410. */
  replayMax: number;
}

export interface ServiceIdentity {
  /** Service name, also its Kafka client id and consumer group prefix. */
  name: string;
  /** PostgreSQL schema the service owns. */
  schema: string;
  defaultPort: number;
}

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tradeflow';
const DEFAULT_BROKERS = '127.0.0.1:9092';
const DAY_MS = 24 * 3600 * 1000;

/**
 * The settings every service reads. Each app extends it with its own, so one validated class
 * describes a service's whole configuration and a bad value stops the boot with one clear line.
 */
export class ServiceConfig {
  readonly name: string;
  readonly schema: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  /** The longest a statement may run (or wait for a lock) before PostgreSQL cancels it; 0: no limit. */
  readonly databaseStatementTimeoutMs: number;
  readonly kafkaBrokers: string[];
  readonly consumerGroup: string;
  readonly kafkaConnectTimeoutMs: number;
  readonly jwt: JwtSettings;
  readonly logLevel: LogLevel;
  readonly shutdownTimeoutMs: number;
  /** The least time between two outbox relay passes (OutboxRelayOptions.lingerMs). */
  readonly outboxLingerMs: number;
  /** The longest a silent relay leader keeps the others from publishing (OutboxRelayOptions.takeoverMs). */
  readonly outboxTakeoverMs: number;
  readonly streams: StreamSettings;
  /**
   * How long the inbox remembers an applied event (INBOX_RETENTION_DAYS). It must outlast the time Kafka
   * may redeliver an event of a consumed topic, which the service checks at start against the topics it
   * subscribes to: 7 days of retention plus up to 7 of a log segment's age for every event topic today.
   */
  readonly inboxRetentionMs: number;
  /** Time between two runs of the background pruning of old rows (RetentionPruner). */
  readonly pruneIntervalMs: number;
  /** Requests each user (or client address, without a token) may send this instance (RATE_LIMITS). */
  readonly rateLimits: RateLimits;
  /** Sends of one dead letter to its `.dlq` topic before it is kept in the dead_letter table alone. */
  readonly deadLetterPublishAttempts: number;
  /** The wait before the second send of a dead letter; it doubles, up to 16 times this. */
  readonly deadLetterPublishBackoffMs: number;

  constructor(identity: ServiceIdentity, env: Record<string, string | undefined> = process.env) {
    const read = new EnvReader(env);
    this.name = identity.name;
    this.schema = read.string('DATABASE_SCHEMA', identity.schema);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) {
      throw new ConfigError('DATABASE_SCHEMA', `must be a lower-case SQL identifier, got "${this.schema}"`);
    }
    this.port = read.port('PORT', identity.defaultPort);
    this.databaseUrl = read.postgresUrl('DATABASE_URL', DEFAULT_DATABASE_URL);
    this.databasePoolSize = read.integer('DATABASE_POOL_SIZE', 10, 2, 200);
    this.databaseStatementTimeoutMs = read.integer('DATABASE_STATEMENT_TIMEOUT_MS', 10000, 0, 3600000);
    this.kafkaBrokers = read.brokers('KAFKA_BROKERS', DEFAULT_BROKERS);
    this.consumerGroup = read.string('KAFKA_CONSUMER_GROUP', identity.name);
    this.kafkaConnectTimeoutMs = read.integer('KAFKA_CONNECT_TIMEOUT_MS', 10000, 500, 300000);
    const publicKey = read.pem('JWT_PUBLIC_KEY');
    if (!publicKey) {
      throw new ConfigError(
        'JWT_PUBLIC_KEY',
        'is required: a PEM public key or the path to one (development: infra/dev-keys/jwt-public.pem)',
      );
    }
    this.jwt = {
      publicKey,
      issuer: read.string('JWT_ISSUER', 'tradeflow-dev'),
      audience: read.string('JWT_AUDIENCE', 'tradeflow'),
    };
    this.logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
    this.shutdownTimeoutMs = read.integer('SHUTDOWN_TIMEOUT_MS', 15000, 1000, 300000);
    this.outboxLingerMs = read.integer('OUTBOX_LINGER_MS', 10, 0, 1000);
    this.outboxTakeoverMs = read.integer('OUTBOX_TAKEOVER_MS', 15000, 3000, 600000);
    this.streams = {
      maxPerUser: read.integer('STREAM_MAX_PER_USER', 5, 1, 1000),
      replayWindowMs: read.integer('STREAM_REPLAY_WINDOW_MS', 7200000, 1000, 604800000),
      replayMax: read.integer('STREAM_REPLAY_MAX', 10000, 1, 1000000),
    };
    this.inboxRetentionMs = read.integer('INBOX_RETENTION_DAYS', 15, 1, 3650) * DAY_MS;
    this.pruneIntervalMs = read.integer('PRUNE_INTERVAL_MS', 60000, 1000, 86400000);
    this.rateLimits = parseRateLimits('RATE_LIMITS', read.optional('RATE_LIMITS'));
    this.deadLetterPublishAttempts = read.integer('DEAD_LETTER_PUBLISH_ATTEMPTS', 5, 1, 100);
    this.deadLetterPublishBackoffMs = read.integer('DEAD_LETTER_PUBLISH_BACKOFF_MS', 500, 10, 60000);
  }
}

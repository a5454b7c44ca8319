import { Logger, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { ConfigError, redactUrl, type ServiceConfig } from '@tradeflow/shared/config';
import { TopicRegistry, topicsProducedBy, type TopicDefinition } from '@tradeflow/shared/contracts';
import {
  createKafka,
  DEAD_LETTER_REPOSITORY,
  ensureTopics,
  INBOX_REPOSITORY,
  inboxRetentionProblem,
  KafkaBatchServer,
  OutboxRelay,
  type ConsumerHooks,
  type DeadLetterRepository,
  type InboxRepository,
} from '@tradeflow/shared/messaging';
import { ensureDatabase, RetentionPruner, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { EventValidator } from '@tradeflow/shared/contracts';
import { collectDefaultMetrics, Gauge, Histogram } from 'prom-client';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { ConsumerStatus } from './consumer-status';
import { answerParseError } from './edge/http-parse-error';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { HealthService } from './health.service';
import {
  createOpenApiDocument,
  DOCS_JSON_PATH,
  DOCS_PATH,
  type OpenApiOptions,
} from './openapi/openapi-document';
import { KAFKA } from './platform.tokens';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter, toProblem } from './problem-details.filter';

export interface ServiceDefinition {
  config: ServiceConfig;
  module: Type;
  title: string;
  description: string;
  /** Topics this service produces; created with their dead-letter topics at start. */
  produces?: TopicDefinition[];
  hooks?: ConsumerHooks;
  /** The service's own schemas and tags for its OpenAPI document. */
  openapi?: OpenApiOptions;
}

export interface RunningService {
  app: INestApplication;
  url: string;
  relay: OutboxRelay;
  consumers: KafkaBatchServer;
  shutdown(reason?: string): Promise<void>;
}

const NEST_LEVELS: Record<ServiceConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the configuration, or ends the process with one line naming the bad variable. */
export function loadConfigOrExit<C extends ServiceConfig>(service: string, build: () => C): C {
  try {
    return build();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${service}] configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Fails fast, with one line naming the variable, when the database or the broker cannot be reached. */
export async function checkDependencies(
  config: ServiceConfig,
  timeoutMs = config.kafkaConnectTimeoutMs,
): Promise<void> {
  await probePort(config.port, process.env['HOST'] ?? '0.0.0.0');
  try {
    await ensureDatabase(config.databaseUrl);
  } catch (error) {
    throw new ConfigError(
      'DATABASE_URL',
      `cannot connect to ${redactUrl(config.databaseUrl)}: ${(error as Error).message}`,
    );
  }
  const admin = createKafka({
    brokers: config.kafkaBrokers,
    clientId: `${config.name}-boot`,
    connectionTimeoutMs: 2000,
  }).admin({
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      await admin.connect();
      await admin.describeCluster();
      await admin.disconnect();
      return;
    } catch (error) {
      last = (error as Error).message;
      await admin.disconnect().catch(() => undefined);
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new ConfigError(
    'KAFKA_BROKERS',
    `no broker answered at ${config.kafkaBrokers.join(',')} within ${timeoutMs / 1000} s (${last})`,
  );
}

/**
 * Starts a service: checks its dependencies, migrates its schema, creates its topics, starts its
 * consumers, its outbox relay and its HTTP API, and stops all of it in order on SIGTERM or SIGINT.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<RunningService> {
  const { config } = definition;
  const logger = new Logger(config.name);
  // Listen for signals from the first moment: one that arrives while booting stops the service as soon
  // as it is up, instead of killing it half-started.
  let onSignal: (signal: NodeJS.Signals) => void = (signal) => {
    pendingSignal = signal;
  };
  let pendingSignal: NodeJS.Signals | undefined;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => onSignal(signal));
  try {
    await checkDependencies(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${config.name}] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = await NestFactory.create<NestFastifyApplication>(
    definition.module,
    new FastifyAdapter({
      bodyLimit: 1_048_576,
      // What Fastify answers before routing (a URL it cannot decode, a path segment over 100
      // characters) is problem+json too, naming the URL.
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
        const problem = toProblem(error, request.url);
        void reply
          .status(problem.status)
          .header('Content-Type', PROBLEM_CONTENT_TYPE)
          .send({ ...problem, errors: [{ field: 'url', message: error.message }] });
      },
      // What Node's HTTP parser refuses (a control character in a header) is problem+json as well.
      clientErrorHandler: answerParseError,
    }),
    {
      logger: NEST_LEVELS[config.logLevel],
    },
  );
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalFilters(new ProblemDetailsFilter());
  registerHttpMetrics(app);

  const kafka = app.get<ReturnType<typeof createKafka>>(KAFKA);
  const registry = app.get(TopicRegistry);
  const dataSource = app.get(DataSource);
  // A quiet client for topic administration: metadata lagging a creation is expected, not an error.
  const admin = createKafka({
    brokers: config.kafkaBrokers,
    clientId: `${config.name}-admin`,
    logLevel: 'nothing',
  }).admin();
  await admin.connect();
  await ensureTopics(admin, definition.produces ?? topicsProducedBy(config.name));

  const consumers = new KafkaBatchServer({
    kafka,
    groupId: config.consumerGroup,
    runner: new TypeOrmTransactionRunner(dataSource),
    validator: app.get(EventValidator),
    inbox: app.get<InboxRepository>(INBOX_REPOSITORY),
    deadLetters: app.get<DeadLetterRepository>(DEAD_LETTER_REPOSITORY),
    deadLetterPublish: {
      attempts: config.deadLetterPublishAttempts,
      backoffMs: config.deadLetterPublishBackoffMs,
    },
    ...(definition.hooks ? { hooks: definition.hooks } : {}),
    beforeStart: async (topics) => {
      const consumed = topics.map((t) => registry.require(t));
      // Before joining the group: an inbox that forgets sooner than Kafka redelivers applies twice.
      const tooShort = inboxRetentionProblem(config.inboxRetentionMs, consumed);
      if (tooShort) throw new ConfigError('INBOX_RETENTION_DAYS', tooShort);
      await ensureTopics(admin, consumed);
    },
  });
  // inheritAppConfig: the consumers get ProblemDetailsFilter too, which passes their errors through.
  app.connectMicroservice({ strategy: consumers }, { inheritAppConfig: true });
  try {
    await app.startAllMicroservices();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${config.name}] configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await admin.disconnect();
  app.get(ConsumerStatus).attach(
    () => consumers.eventConsumer?.assigned ?? true,
    consumers.eventConsumer?.topics ?? [],
    () => consumers.eventConsumer?.stalled,
  );
  app.get(DeadLetterService).attachReplayer(consumers.eventConsumer);

  const relay = new OutboxRelay({
    kafka,
    databaseUrl: config.databaseUrl,
    schema: config.schema,
    lingerMs: config.outboxLingerMs,
    takeoverMs: config.outboxTakeoverMs,
    log: (m) => logger.warn(m),
  });
  relay.start();
  registerOutboxGauges(relay);
  const pruner = app.get(RetentionPruner);
  pruner.start();

  const document = createOpenApiDocument(app, definition);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH });

  await app.listen(config.port, process.env['HOST'] ?? '0.0.0.0');
  const url = `http://127.0.0.1:${config.port}`;
  logger.log(`listening on ${url} (OpenAPI ${url}/api/docs)`);

  let stopping: Promise<void> | undefined;
  const shutdown = (reason = 'shutdown'): Promise<void> => {
    stopping ??= (async () => {
      logger.log(`${reason}: stopping consumers and HTTP, flushing the outbox, closing connections`);
      const guard = setTimeout(() => {
        logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
        process.exit(1);
      }, config.shutdownTimeoutMs);
      guard.unref();
      app.get(HealthService).markShuttingDown();
      // Not awaited: it stops between two statements, and nothing below waits for its last one.
      void pruner.stop();
      await consumers.close(); // waits for the batch in flight, commits, leaves the group
      // HTTP next (requests in flight finish, streams end): only then is the outbox final, so the
      // flush publishes what the last requests wrote. The relay has connections of its own.
      await app.close();
      await relay.flush(Math.max(1000, config.shutdownTimeoutMs - 3000));
      await relay.stop();
      clearTimeout(guard);
    })();
    return stopping;
  };
  onSignal = (signal) => {
    void shutdown(signal).then(() => process.exit(0));
  };
  if (pendingSignal) onSignal(pendingSignal);
  return { app, url, relay, consumers, shutdown };
}

function registerHttpMetrics(app: NestFastifyApplication): void {
  collectDefaultMetrics();
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request, reply) => {
      latency.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
}

function registerOutboxGauges(relay: OutboxRelay): void {
  new Gauge({
    name: 'tradeflow_outbox_backlog',
    help: 'Events written to the outbox and not yet published',
    async collect() {
      this.set(await relay.backlog().catch(() => -1));
    },
  });
  new Gauge({
    name: 'tradeflow_outbox_parked',
    help: 'Outbox records parked (refused for good, or behind such a record of their topic and key), by topic',
    labelNames: ['topic'],
    async collect() {
      const parked = await relay.parkedByTopic().catch(() => undefined);
      if (!parked) return; // the database out of reach: keep the last counts
      this.reset();
      for (const [topic, n] of parked) this.set({ topic }, n);
    },
  });
}

/**
 * Whether the HTTP port can be listened on, found out before anything joins a consumer group: a port in
 * use is one line naming PORT, not a stack trace after the consumers have joined and must leave again.
 */
async function probePort(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConfigError('PORT', `${port} cannot be listened on (${error.code ?? error.message})`)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

import { Logger, Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuthModule } from '@tradeflow/shared/auth';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { EventValidator, TopicRegistry, type TopicDefinition } from '@tradeflow/shared/contracts';
import {
  createKafka,
  DEAD_LETTER_REPOSITORY,
  INBOX_REPOSITORY,
  inboxRetentionRule,
  MESSAGING_MIGRATIONS,
  MESSAGING_PROVIDERS,
  Outbox,
  OUTBOX_REPOSITORY,
} from '@tradeflow/shared/messaging';
import {
  createServiceDataSource,
  migrate,
  RetentionPruner,
  TypeOrmTransactionRunner,
  type RetentionRule,
  type TransactionRunner,
} from '@tradeflow/shared/persistence';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Clock, SystemClock } from './clock';
import { ConsumerStatus } from './consumer-status';
import { HttpEdgeModule } from './edge/http-edge.module';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { EventStreamService } from './streams/event-stream.service';
import { WhoAmIController } from './whoami.controller';
import { KAFKA, SERVICE_CONFIG, TRANSACTION_RUNNER } from './platform.tokens';

export interface PlatformOptions {
  config: ServiceConfig;
  entities?: Type[];
  /** The service's own migrations; the outbox, inbox and dead-letter tables are added first. */
  migrations?: Type[];
  /** Extra topic contracts (tests); the registry always holds every topic of TOPICS (docs/events.md). */
  topics?: TopicDefinition[];
  /** The service's own tables pruned in the background (RetentionPruner); the inbox always is. */
  retention?: RetentionRule[];
}

/**
 * What every service shares: its configuration, its database (migrated on start), the transaction runner,
 * Kafka, the event validator and outbox, the clock, auth, the rate limit and the edge check of every
 * request's text (HttpEdgeModule), health, metrics, the dead-letter API and live streams' limits.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        AuthModule.forRoot({
          publicKey: config.jwt.publicKey,
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
        }),
        // After AuthModule: its guard checks the token first, then the rate limit and the input's text.
        HttpEdgeModule.forRoot(config.rateLimits),
      ],
      controllers: [HealthController, MetricsController, WhoAmIController, DeadLettersController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createServiceDataSource({
              url: config.databaseUrl,
              schema: config.schema,
              entities: options.entities ?? [],
              migrations: [...MESSAGING_MIGRATIONS, ...(options.migrations ?? [])],
              poolSize: config.databasePoolSize,
              statementTimeoutMs: config.databaseStatementTimeoutMs,
              applicationName: config.name,
            });
            await dataSource.initialize();
            await migrate(dataSource, config.schema);
            return dataSource;
          },
        },
        {
          provide: TRANSACTION_RUNNER,
          useFactory: (ds: DataSource) => new TypeOrmTransactionRunner(ds),
          inject: [DataSource],
        },
        {
          provide: KAFKA,
          useFactory: (): Kafka =>
            createKafka({
              brokers: config.kafkaBrokers,
              clientId: config.name,
              logLevel: config.logLevel === 'debug' ? 'info' : 'error',
            }),
        },
        { provide: TopicRegistry, useFactory: () => new TopicRegistry().addAll(options.topics ?? []) },
        {
          provide: EventValidator,
          useFactory: (r: TopicRegistry) => new EventValidator(r),
          inject: [TopicRegistry],
        },
        ...MESSAGING_PROVIDERS,
        { provide: Clock, useClass: SystemClock },
        {
          // Started and stopped by bootstrapService.
          provide: RetentionPruner,
          useFactory: (runner: TransactionRunner, clock: Clock, registry: TopicRegistry) => {
            const logger = new Logger(config.name);
            return new RetentionPruner(
              {
                runner,
                now: () => clock.now(),
                intervalMs: config.pruneIntervalMs,
                log: (m) => logger.warn(m),
              },
              [inboxRetentionRule(config.inboxRetentionMs, registry.all()), ...(options.retention ?? [])],
            );
          },
          inject: [TRANSACTION_RUNNER, Clock, TopicRegistry],
        },
        ConsumerStatus,
        HealthService,
        EventStreamService,
        DeadLetterService,
      ],
      exports: [
        SERVICE_CONFIG,
        DataSource,
        TRANSACTION_RUNNER,
        KAFKA,
        TopicRegistry,
        EventValidator,
        Outbox,
        OUTBOX_REPOSITORY,
        INBOX_REPOSITORY,
        DEAD_LETTER_REPOSITORY,
        Clock,
        ConsumerStatus,
        HealthService,
        EventStreamService,
        RetentionPruner,
      ],
    };
  }
}

import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule } from '@tradeflow/shared/auth';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { EventValidator, TopicRegistry, type TopicDefinition } from '@tradeflow/shared/contracts';
import {
  createKafka,
  DEAD_LETTER_REPOSITORY,
  INBOX_REPOSITORY,
  MESSAGING_MIGRATIONS,
  MESSAGING_PROVIDERS,
  Outbox,
  OUTBOX_REPOSITORY,
} from '@tradeflow/shared/messaging';
import { createServiceDataSource, migrate, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Clock, SystemClock } from './clock';
import { ConsumerStatus } from './consumer-status';
import { ControlCharactersGuard } from './control-characters.guard';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { WhoAmIController } from './whoami.controller';
import { KAFKA, SERVICE_CONFIG, TRANSACTION_RUNNER } from './platform.tokens';

export interface PlatformOptions {
  config: ServiceConfig;
  entities?: Type[];
  /** The service's own migrations; the outbox, inbox and dead-letter tables are added first. */
  migrations?: Type[];
  /** Extra topic contracts (tests); the registry always holds every topic of TOPICS (docs/events.md). */
  topics?: TopicDefinition[];
}

/**
 * What every service shares: its configuration, its database (migrated on start), the transaction runner,
 * Kafka, the event validator and outbox, the clock, auth, health, metrics and the dead-letter API.
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
        ConsumerStatus,
        HealthService,
        DeadLetterService,
        { provide: APP_GUARD, useClass: ControlCharactersGuard },
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
      ],
    };
  }
}

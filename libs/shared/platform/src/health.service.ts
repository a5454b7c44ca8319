import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConsumerStatus } from './consumer-status';
import { KAFKA } from './platform.tokens';

export interface Readiness {
  ready: boolean;
  checks: { database: string; broker: string; consumers: string };
}

const CHECK_TIMEOUT_MS = 1500;

/** Ready = the database answers, a broker answers, and the consumers have their partitions. */
@Injectable()
export class HealthService implements OnModuleDestroy {
  private admin: Admin | undefined;
  private shuttingDown = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly consumers: ConsumerStatus,
  ) {}

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<Readiness> {
    const [database, broker] = await Promise.all([this.checkDatabase(), this.checkBroker()]);
    const stalled = this.consumers.stalled;
    const consumers = this.shuttingDown
      ? 'stopping'
      : !this.consumers.assigned
        ? 'not assigned'
        : stalled !== undefined
          ? `stalled: ${stalled}`
          : 'assigned';
    return {
      ready: database === 'up' && broker === 'up' && consumers === 'assigned',
      checks: { database, broker, consumers },
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async checkDatabase(): Promise<string> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS);
      return 'up';
    } catch (error) {
      return `down: ${(error as Error).message}`;
    }
  }

  private async checkBroker(): Promise<string> {
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await withTimeout(this.admin.connect(), CHECK_TIMEOUT_MS);
      await withTimeout(this.admin.describeCluster(), CHECK_TIMEOUT_MS);
      return 'up';
    } catch (error) {
      const admin = this.admin;
      this.admin = undefined; // a fresh client next time, once the broker is back
      void admin?.disconnect().catch(() => undefined);
      return `down: ${(error as Error).message}`;
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

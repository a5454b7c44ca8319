import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { SERVICE_CONFIG } from '@tradeflow/shared/platform';
import { Client } from 'pg';
import { Subject, type Observable } from 'rxjs';
import { statusChannel, type StatusChange } from './timeline.service';

/**
 * Status changes as they commit, on every instance: the timeline consumer NOTIFYs in its transaction, and
 * each instance LISTENs, so a stream sees changes whichever instance's consumer applied them. One
 * connection per instance, opened with the first subscriber and re-opened after a loss.
 */
@Injectable()
export class TradeStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('TradeStream');
  private readonly changes = new Subject<StatusChange>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  /** Resolves once this instance is listening: changes committed after that are delivered. */
  async live(): Promise<Observable<StatusChange>> {
    await this.listen();
    return this.changes.asObservable();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.changes.complete();
    await this.client?.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: `${this.config.name}:trade-stream`,
      connectionTimeoutMillis: 5000,
    });
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        this.changes.next(JSON.parse(message.payload) as StatusChange);
      } catch {
        this.logger.warn(`unreadable status notification ignored: ${message.payload.slice(0, 200)}`);
      }
    });
    client.on('error', (error) => {
      this.logger.warn(`status listener lost its connection (${error.message}); reconnecting`);
      this.client = undefined;
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN "${statusChannel(this.config.schema)}"`);
    this.client = client;
  }
}

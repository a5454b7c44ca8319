import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { ChannelListener } from '@tradeflow/shared/persistence';
import { SERVICE_CONFIG } from '@tradeflow/shared/platform';
import { Subject, type Observable } from 'rxjs';
import { statusChannel, type StatusChange } from './timeline.service';

/**
 * Status changes as they commit, on every instance: the timeline NOTIFYs in its transaction, and each
 * instance LISTENs, so a stream sees changes whichever instance applied them. One connection per
 * instance, opened with the first subscriber.
 */
@Injectable()
export class TradeStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('TradeStream');
  private readonly changes = new Subject<StatusChange>();
  private readonly listener: ChannelListener;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.listener = new ChannelListener({
      databaseUrl: config.databaseUrl,
      channel: statusChannel(config.schema),
      applicationName: `${config.name}:trade-stream`,
      onNotify: (payload) => this.changes.next(JSON.parse(payload) as StatusChange),
      log: (m) => this.logger.warn(m),
    });
  }

  /** Resolves once this instance is listening: changes committed after that are delivered. */
  async live(): Promise<Observable<StatusChange>> {
    await this.listener.start();
    return this.changes.asObservable();
  }

  async onModuleDestroy(): Promise<void> {
    this.changes.complete();
    await this.listener.stop();
  }
}

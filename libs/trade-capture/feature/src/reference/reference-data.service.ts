import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { backoffDelay, sleep } from '@tradeflow/shared/messaging';
import { ChannelListener, type TransactionRunner } from '@tradeflow/shared/persistence';
import { SERVICE_CONFIG, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import type { Book, Counterparty, Instrument } from '@tradeflow/shared/reference';
import {
  ReferenceRepository,
  type ReferenceKind,
  type StoredReference,
} from '@tradeflow/trade-capture/data-access';
import {
  bookToReference,
  counterpartyToReference,
  instrumentToReference,
  type BookRecord,
  type CounterpartyRecord,
  type InstrumentRecord,
  type ReferenceLookup,
} from '@tradeflow/trade-capture/domain';
import { referenceChannel, type AnyRecord } from './reference-kinds';
import { ReferenceSeedService } from './reference-seed.service';

/** How often every instance reloads the whole set anyway (a few hundred rows). */
const RESYNC_MS = 60_000;

/**
 * This instance's copy of the static data, which trade validation reads from memory. It loads the shipped
 * set at first start, keeps the copy fresh through NOTIFY on every instance's commit, and reloads it all
 * when a refresh fails and once a minute anyway.
 */
@Injectable()
export class ReferenceDataService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReferenceData');
  private resync: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private readonly records = new Map<string, StoredReference<AnyRecord>>();
  private readonly instruments = new Map<string, Instrument>();
  private readonly counterparties = new Map<string, Counterparty>();
  private readonly books = new Map<string, Book>();
  /** Another instance's write: reload that record once it has committed. */
  private readonly listener: ChannelListener;

  /** What trade validation reads; an inactive counterparty cannot be traded with. */
  readonly lookup: ReferenceLookup = {
    instrument: (id) => this.instruments.get(id),
    counterparty: (lei) => this.counterparties.get(lei),
    book: (code) => this.books.get(code),
  };

  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly repository: ReferenceRepository,
    private readonly seeding: ReferenceSeedService,
  ) {
    this.listener = new ChannelListener({
      databaseUrl: config.databaseUrl,
      channel: referenceChannel(config.schema),
      applicationName: `${config.name}:reference`,
      onNotify: (payload) => void this.refresh(payload),
      // Writes made while disconnected were not heard: reload everything.
      onReconnect: async () => this.reloadAll(),
      log: (m) => this.logger.warn(m),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    await this.seeding.loadShipped();
    await this.reloadAll();
    // A safety net for what NOTIFY cannot tell: a connection that went quiet without an error.
    this.resync = setInterval(() => this.reloadUntilDone(), RESYNC_MS);
    this.resync.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.resync);
    this.stopping.abort();
    await this.reloading;
    await this.listener.stop();
  }

  /** Takes a record this instance has just committed, or reloaded; an older version than held is ignored. */
  remember(stored: StoredReference<AnyRecord>): void {
    const previous = this.records.get(`${stored.kind}:${stored.key}`);
    if (previous && previous.version > stored.version) return; // a late notification of an older write
    this.records.set(`${stored.kind}:${stored.key}`, stored);
    switch (stored.kind) {
      case 'instrument':
        this.instruments.set(stored.key, instrumentToReference(stored.record as InstrumentRecord));
        break;
      case 'counterparty': {
        const record = stored.record as CounterpartyRecord;
        if (record.active) this.counterparties.set(stored.key, counterpartyToReference(record));
        else this.counterparties.delete(stored.key);
        break;
      }
      case 'book':
        this.books.set(stored.key, bookToReference(stored.record as BookRecord));
        break;
    }
  }

  private async refresh(payload: string): Promise<void> {
    const { kind, key } = JSON.parse(payload) as { kind: ReferenceKind; key: string };
    try {
      const stored = await this.repository.find(this.runner, kind, key);
      if (stored) this.remember(stored as StoredReference<AnyRecord>);
    } catch (error) {
      // The change is not in this instance's copy: trades must not go on being checked against the
      // old record (a counterparty deactivated meanwhile), so reload everything until it works.
      this.logger.warn(
        `reference refresh of ${kind} ${key} failed (${(error as Error).message}); reloading all reference data`,
      );
      this.reloadUntilDone();
    }
  }

  private async reloadAll(): Promise<void> {
    for (const stored of await this.repository.all(this.runner))
      this.remember(stored as StoredReference<AnyRecord>);
  }

  /** Reloads every record, retrying with back-off until it succeeds; one such loop at a time. */
  private reloadUntilDone(): void {
    this.reloading ??= (async () => {
      for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
        try {
          await this.reloadAll();
          return;
        } catch (error) {
          this.logger.warn(`reloading reference data failed (${(error as Error).message}); retrying`);
          await sleep(backoffDelay(attempt, 200, 10_000), this.stopping.signal);
        }
      }
    })().finally(() => (this.reloading = undefined));
  }
}

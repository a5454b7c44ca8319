import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { ChannelListener, type TransactionRunner } from '@tradeflow/shared/persistence';
import { SERVICE_CONFIG, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import {
  TimelineRepository,
  type StreamedChange,
  type StreamPosition,
} from '@tradeflow/trade-capture/data-access';
import { Observable, Subject, type Subscription } from 'rxjs';
import { statusChannel } from './timeline.service';
import { tradeStreamMetrics } from './trade-stream.metrics';

/** What the live stream carries for one status change. */
export interface StatusChange {
  seq: string;
  tradeId: string;
  book: string | null;
  /** The trade version the step concerns, when it concerns one. */
  version?: number;
  status: string;
  previousStatus?: string;
  step: string;
  event: string;
  occurredAt: string;
  actor: { id: string; role: string };
  summary: string;
}

/** A status change and its stream position. */
export interface StreamEvent {
  position: StreamPosition;
  change: StatusChange;
}

/** Rows read per query. */
const PAGE = 500;
/** Reads at most this often, however many commits wake the stream. */
const MIN_GAP_MS = 25;
/** Reads this often anyway: a change held back by an older transaction still running, a lost wake-up. */
const SWEEP_MS = 250;

const MAX_XID8 = 2n ** 64n - 1n;
const MAX_BIGINT = 2n ** 63n - 1n;

/** The SSE event id of a position: `<transaction id>-<seq>`. */
export const positionId = (p: StreamPosition): string => `${p.tx}-${p.seq}`;

/** The position an SSE event id names, or undefined when it is not one this stream sends. */
export function parsePositionId(id: string): StreamPosition | undefined {
  const match = /^(\d{1,20})-(\d{1,19})$/.exec(id);
  if (!match || BigInt(match[1]!) > MAX_XID8 || BigInt(match[2]!) > MAX_BIGINT) return undefined;
  return { tx: BigInt(match[1]!).toString(), seq: BigInt(match[2]!).toString() };
}

/** Whether `a` comes after `b` in the stream. */
export function isAfter(a: StreamPosition, b: StreamPosition): boolean {
  const [ta, tb] = [BigInt(a.tx), BigInt(b.tx)];
  return ta !== tb ? ta > tb : BigInt(a.seq) > BigInt(b.seq);
}

export function toStreamEvent({ position, entry: e }: StreamedChange): StreamEvent {
  return {
    position,
    change: {
      seq: e.seq,
      tradeId: e.tradeId,
      book: e.book,
      ...(e.version !== undefined ? { version: e.version } : {}),
      status: e.statusAfter ?? '',
      ...(e.statusBefore ? { previousStatus: e.statusBefore } : {}),
      step: e.step,
      event: e.event,
      occurredAt: e.occurredAt,
      actor: e.actor,
      summary: e.summary,
    },
  };
}

/** Emitted first by `TradeStreamService.live()`: from here on, every change that commits is delivered. */
export const LIVE = 'live';

/**
 * Status changes as they commit, on every instance. A commit that changes a status wakes each
 * instance's LISTEN; the instance then reads the changes after its position from the table, once for
 * all its streams. Reading by position (see `TimelineRepository.changesAfter`) rather than passing
 * what the NOTIFY said is what keeps a change from being skipped when transactions commit in another
 * order than they took their seqs. The LISTEN connection and the sweep exist only while someone
 * subscribes: the last subscriber to leave, whenever it leaves, takes them down.
 */
@Injectable()
export class TradeStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('TradeStream');
  private readonly changes = new Subject<StreamEvent>();
  private readonly listener: ChannelListener;
  /** Subscribers of `live()`, those still being set up included. */
  private subscribers = 0;
  /** Where this instance has read to; set while anyone is subscribed. */
  private cursor: StreamPosition | undefined;
  private starting: Promise<void> | undefined;
  /** Starts and stops of the listener, one at a time, each toward what the subscribers then need. */
  private transitions: Promise<void> = Promise.resolve();
  private listening = false;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private sweep: NodeJS.Timeout | undefined;
  private destroyed = false;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly timeline: TimelineRepository,
  ) {
    this.listener = new ChannelListener({
      databaseUrl: config.databaseUrl,
      channel: statusChannel(config.schema),
      applicationName: `${config.name}:trade-stream`,
      onNotify: () => this.read(),
      onReconnect: async () => this.read(),
      log: (m) => this.logger.warn(m),
    });
  }

  /** What this instance holds for its streams: subscribers, the LISTEN connection, the sweep. */
  get state(): { subscribers: number; listening: boolean; sweeping: boolean } {
    return { subscribers: this.subscribers, listening: this.listening, sweeping: this.sweep !== undefined };
  }

  /**
   * `LIVE` once this instance is listening and knows where the stream stands, then every change that
   * commits after that, in stream order. Completes when the service stops.
   */
  live(): Observable<typeof LIVE | StreamEvent> {
    return new Observable<typeof LIVE | StreamEvent>((subscriber) => {
      if (this.destroyed) return subscriber.complete();
      this.subscribers += 1;
      tradeStreamMetrics.subscribers.inc();
      let changes: Subscription | undefined;
      this.reconcile().then(
        () => {
          if (subscriber.closed) return; // it left during set-up: its teardown has run
          changes = this.changes.subscribe(subscriber);
          this.sweep ??= setInterval(() => this.read(), SWEEP_MS);
          subscriber.next(LIVE);
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        changes?.unsubscribe();
        this.subscribers -= 1;
        tradeStreamMetrics.subscribers.dec();
        if (this.subscribers > 0) return;
        // Nobody to read for: the next subscriber starts from where the stream stands then.
        clearInterval(this.sweep);
        this.sweep = undefined;
        this.cursor = undefined;
        void this.reconcile().catch(() => undefined);
      };
    });
  }

  /** Resolves once the starts and stops of the listener asked for so far have run. */
  settled(): Promise<void> {
    return this.transitions;
  }

  /** Brings the listener to what the subscribers need now, after any start or stop under way. */
  private reconcile(): Promise<void> {
    const step = this.transitions.then(async () => {
      if (this.subscribers > 0 && !this.destroyed) {
        await this.listener.start();
        this.setListening(true);
        await this.ensureCursor();
      } else if (this.listening) {
        await this.listener.stop();
        this.setListening(false);
      }
    });
    this.transitions = step.catch(() => undefined);
    return step;
  }

  private setListening(listening: boolean): void {
    this.listening = listening;
    tradeStreamMetrics.listening.set(listening ? 1 : 0);
  }

  private ensureCursor(): Promise<void> {
    if (this.cursor) return Promise.resolve();
    this.starting ??= this.timeline
      .streamHead(this.runner)
      .then((head) => {
        if (this.subscribers > 0) this.cursor ??= head;
      })
      .finally(() => (this.starting = undefined));
    return this.starting;
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    clearInterval(this.sweep);
    this.sweep = undefined;
    this.changes.complete();
    await this.settled();
    await this.listener.stop();
    this.setListening(false);
    await this.reading;
  }

  /** One read at a time; wake-ups during a read make one more after it, at most every MIN_GAP_MS. */
  private read(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.drain()
      .catch((error: Error) => this.logger.warn(`status stream: reading changes failed (${error.message})`))
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, MIN_GAP_MS)))
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain) {
          this.readAgain = false;
          this.read();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const from = this.cursor;
      if (!from || this.subscribers === 0) return;
      const page = await this.timeline.changesAfter(this.runner, from, undefined, PAGE);
      if (this.cursor !== from) return; // everyone left meanwhile
      for (const change of page) {
        this.cursor = change.position;
        this.changes.next(toStreamEvent(change));
      }
      if (page.length < PAGE) return;
    }
  }
}

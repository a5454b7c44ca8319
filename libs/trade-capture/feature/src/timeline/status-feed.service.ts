import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { ServiceConfig, StreamSettings } from '@tradeflow/shared/config';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import {
  Clock,
  ProblemException,
  replayWindowPassed,
  SERVICE_CONFIG,
  TRANSACTION_RUNNER,
  type StreamItem,
} from '@tradeflow/shared/platform';
import { TimelineRepository, type StreamPosition } from '@tradeflow/trade-capture/data-access';
import { canSee, visibleBooks } from '@tradeflow/trade-capture/domain';
import { Observable } from 'rxjs';
import {
  isAfter,
  LIVE,
  parsePositionId,
  positionId,
  toStreamEvent,
  TradeStreamService,
  type StreamEvent,
} from './trade-stream.service';

const REPLAY_PAGE = 1_000;

/**
 * `GET /api/stream/trades` for one caller: what changed after their Last-Event-ID (read from the
 * timeline), then the live changes of this instance's `TradeStreamService`, both kept to the books the
 * trade access policy lets them see.
 */
@Injectable()
export class StatusFeedService {
  private readonly logger = new Logger('TradeStream');
  private readonly settings: StreamSettings;

  constructor(
    private readonly stream: TradeStreamService,
    private readonly timeline: TimelineRepository,
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    @Inject(SERVICE_CONFIG) config: Pick<ServiceConfig, 'streams'>,
    private readonly clock: Clock,
  ) {
    this.settings = config.streams;
  }

  /**
   * The caller's feed, once their Last-Event-ID has passed: 400 when it is not a position this stream
   * hands out, 410 when what they missed is past the replay window. The feed holds nothing until it
   * is subscribed, and lets everything go whenever it is unsubscribed.
   */
  async open(principal: Principal, lastEventId: string | undefined): Promise<Observable<StreamItem>> {
    const resumeFrom = lastEventId === undefined ? undefined : parsePositionId(lastEventId);
    if (lastEventId !== undefined && !resumeFrom) throw neverSent();
    if (resumeFrom) {
      const since = new Date(this.clock.now().getTime() - this.settings.replayWindowMs);
      const { replayMax } = this.settings;
      const missed = await this.timeline.resumeCheck(this.runner, resumeFrom, replayMax, since);
      if (missed.ahead) throw neverSent();
      if (missed.stale || missed.missed > replayMax) throw replayWindowPassed(this.settings);
    }
    return this.feed(principal, resumeFrom);
  }

  private feed(principal: Principal, resumeFrom: StreamPosition | undefined): Observable<StreamItem> {
    return new Observable<StreamItem>((subscriber) => {
      // Positions only grow in the order they are handed out, so one comparison drops what the replay
      // and the live feed both carry.
      let lastSent = resumeFrom;
      const send = ({ position, change }: StreamEvent) => {
        if (!canSee(principal, change.book) || (lastSent && !isAfter(position, lastSent))) return;
        lastSent = position;
        subscriber.next({ kind: 'event', id: positionId(position), event: 'status', data: change });
      };
      // Listen first, replay second, then let live events through: nothing falls between the two.
      const buffered: StreamEvent[] = [];
      let replaying = resumeFrom !== undefined;
      const caughtUp = () => {
        replaying = false;
        for (const event of buffered.splice(0)) send(event);
      };
      const live = () => {
        subscriber.next({ kind: 'open' });
        if (!resumeFrom) return subscriber.next({ kind: 'comment', text: 'connected' });
        this.replay(principal, resumeFrom, send, () => subscriber.closed).then(
          (complete) =>
            complete
              ? caughtUp()
              : subscriber.next({
                  kind: 'end',
                  reason: 'replay limit reached: reconnect with Last-Event-ID',
                }),
          (error: Error) => {
            this.logger.warn(`status stream: replay failed (${error.message})`);
            subscriber.next({ kind: 'end', reason: 'replay failed: reconnect with Last-Event-ID' });
          },
        );
      };
      return this.stream.live().subscribe({
        next: (item) => (item === LIVE ? live() : replaying ? buffered.push(item) : send(item)),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
  }

  /** Whether the replay caught up: false when it stopped at STREAM_REPLAY_MAX changes. */
  private async replay(
    principal: Principal,
    after: StreamPosition,
    send: (event: StreamEvent) => void,
    closed: () => boolean,
  ): Promise<boolean> {
    let from = after;
    for (let replayed = 0; !closed();) {
      const page = await this.timeline.changesAfter(this.runner, from, visibleBooks(principal), REPLAY_PAGE);
      for (const change of page) send(toStreamEvent(change));
      replayed += page.length;
      if (page.length < REPLAY_PAGE) return true;
      // The check at open counted at most this many; more committed meanwhile are the next connection's.
      if (replayed >= this.settings.replayMax) return false;
      from = page[page.length - 1]!.position;
    }
    return true;
  }
}

function neverSent(): ProblemException {
  return new ProblemException(400, 'Last-Event-ID must be an id this stream sent', [
    { field: 'Last-Event-ID', message: 'must be an `id:` this stream sent, such as 5123-42' },
  ]);
}

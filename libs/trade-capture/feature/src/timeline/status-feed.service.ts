import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { ProblemException, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import { TimelineRepository, type StreamPosition } from '@tradeflow/trade-capture/data-access';
import { canSee, visibleBooks } from '@tradeflow/trade-capture/domain';
import { Observable } from 'rxjs';
import {
  isAfter,
  parsePositionId,
  toStreamEvent,
  TradeStreamService,
  type StreamEvent,
} from './trade-stream.service';

/** The most changes replayed to a reconnecting client; older ones are its to read from the list. */
const REPLAY_LIMIT = 10_000;
const REPLAY_PAGE = 1_000;

/** One caller's stream: the changes it may see, each once, in stream order. */
export interface StatusFeed {
  /** Whether the feed starts with a replay from Last-Event-ID. */
  resumed: boolean;
  /** Completes when the service stops; errs when the replay cannot be read. */
  events: Observable<StreamEvent>;
}

/**
 * `GET /api/stream/trades` for one caller: what changed after their Last-Event-ID (read from the
 * timeline), then the live changes of this instance's `TradeStreamService`, both kept to the books the
 * trade access policy lets them see.
 */
@Injectable()
export class StatusFeedService {
  private readonly logger = new Logger('TradeStream');

  constructor(
    private readonly stream: TradeStreamService,
    private readonly timeline: TimelineRepository,
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
  ) {}

  /** Resolves once the feed is live: nothing that commits afterwards can be missed. */
  async open(principal: Principal, lastEventId: string | undefined): Promise<StatusFeed> {
    const resumeFrom = lastEventId === undefined ? undefined : parsePositionId(lastEventId);
    if (lastEventId !== undefined && !resumeFrom) {
      throw new ProblemException(400, 'Last-Event-ID must be an id this stream sent', [
        { field: 'Last-Event-ID', message: 'must be an `id:` this stream sent, such as 5123-42' },
      ]);
    }
    const live = await this.stream.live();
    const events = new Observable<StreamEvent>((subscriber) => {
      // Positions only grow in the order they are handed out, so one comparison drops what the replay
      // and the live feed both carry.
      let lastSent = resumeFrom;
      const send = ({ position, change }: StreamEvent) => {
        if (!canSee(principal, change.book) || (lastSent && !isAfter(position, lastSent))) return;
        lastSent = position;
        subscriber.next({ position, change });
      };
      // Listen first, replay second, then let live events through: nothing falls between the two.
      const buffered: StreamEvent[] = [];
      let replaying = resumeFrom !== undefined;
      const subscription = live.subscribe({
        next: (event) => (replaying ? buffered.push(event) : send(event)),
        complete: () => subscriber.complete(),
      });
      if (resumeFrom) {
        this.replay(principal, resumeFrom, send, () => subscriber.closed).then(
          () => {
            replaying = false;
            for (const event of buffered.splice(0)) send(event);
          },
          (error: Error) => {
            this.logger.warn(`status stream: replay failed (${error.message})`);
            subscriber.error(error);
          },
        );
      }
      return subscription;
    });
    return { resumed: resumeFrom !== undefined, events };
  }

  private async replay(
    principal: Principal,
    after: StreamPosition,
    send: (event: StreamEvent) => void,
    closed: () => boolean,
  ): Promise<void> {
    let from = after;
    for (let replayed = 0; replayed < REPLAY_LIMIT && !closed();) {
      const page = await this.timeline.changesAfter(this.runner, from, visibleBooks(principal), REPLAY_PAGE);
      for (const change of page) send(toStreamEvent(change));
      replayed += page.length;
      if (page.length < REPLAY_PAGE) return;
      from = page[page.length - 1]!.position;
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { EventEnvelope } from '@tradeflow/shared/contracts';
import type { TransactionRunner, Tx } from '@tradeflow/shared/persistence';
import { Clock, ProblemException, SERVICE_CONFIG, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import type { ServiceConfig } from '@tradeflow/shared/config';
import {
  TimelineRepository,
  TradeRepository,
  type NewTimelineRow,
  type TimelineEntry,
} from '@tradeflow/trade-capture/data-access';
import { canSee, deriveTradeStatus, statusesAlong } from '@tradeflow/trade-capture/domain';
import type { TradeStatus } from '@tradeflow/shared/trading';
import { TIMELINE_TOPICS, type StepDraft, type TimelineTopic } from './timeline-steps';

export interface TradeTimeline {
  tradeId: string;
  status: string;
  steps: TimelineEntry[];
}

/** trade-capture's own topics (their keys in `TOPICS`), whose steps are written with the change. */
type OwnTopic = Extract<TimelineTopic, 'tradeCaptured' | 'tradeAmended' | 'tradeCancelled'>;

/** One of trade-capture's own changes, as the timeline records it. */
export interface OwnChange {
  topic: OwnTopic;
  envelope: EventEnvelope<object>;
  head: { book: string; version: number };
  before: TradeStatus | null;
  after: TradeStatus;
}

/** A timeline row, and the channel of the streams to wake when it changes the status. */
export interface OwnStep {
  row: NewTimelineRow;
  wake?: string;
}

export const statusChannel = (schema: string) => `trade_status_${schema}`;

/**
 * Applies lifecycle events from every office to the timeline and moves the trade's status. The status
 * is derived from all the steps seen, not from the last one, so the order events arrive in across topics
 * does not matter and a redelivery changes nothing.
 */
@Injectable()
export class TimelineService {
  private readonly channel: string;

  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly clock: Clock,
    private readonly timeline: TimelineRepository,
    private readonly trades: TradeRepository,
  ) {
    this.channel = statusChannel(config.schema);
  }

  /**
   * Other offices' events, a consumer batch of one topic in one transaction: one step per trade each
   * names, and the status derived from all steps. Every trade the batch names is locked first, in id
   * order (the order amend and cancel take too): locking event by event would let two batches that name
   * the same trades in another order deadlock.
   */
  async apply(topic: TimelineTopic, events: readonly { envelope: EventEnvelope }[], tx: Tx): Promise<void> {
    const drafts = events.flatMap(({ envelope }) =>
      TIMELINE_TOPICS[topic](envelope).map((draft) => ({ envelope, draft })),
    );
    const heads = await this.timeline.lockHeads(tx, [...new Set(drafts.map((d) => d.draft.tradeId))].sort());
    for (const { envelope, draft } of drafts) {
      const head = heads.get(draft.tradeId);
      // A trade this service never booked cannot move; its step is still kept, not dropped.
      const seen = head ? await this.timeline.steps(tx, draft.tradeId) : undefined;
      const before = seen?.lastStatus ?? null;
      const after =
        head && seen
          ? deriveTradeStatus([...seen.steps, draft.step], {
              version: head.version,
              cancelled: head.status === 'CANCELLED',
            })
          : null;
      const seq = await this.record(tx, envelope, draft, head ?? null, before, after);
      if (seq !== undefined && head && after !== null && after !== head.status) {
        await this.timeline.setStatus(tx, draft.tradeId, after);
        head.status = after;
      }
    }
  }

  /**
   * trade-capture's own steps (booked, amended, cancelled) as rows, which TradeChangeRecorder writes in
   * the statement that makes the change: the timeline never lags the trade, and the service does not
   * read its own events back.
   */
  ownSteps(changes: readonly OwnChange[]): OwnStep[] {
    return changes.flatMap(({ topic, envelope, head, before, after }) => {
      const generic = envelope as unknown as EventEnvelope;
      return TIMELINE_TOPICS[topic](generic).map((draft) => this.entry(generic, draft, head, before, after));
    });
  }

  private async record(
    tx: Tx,
    envelope: EventEnvelope,
    draft: StepDraft,
    head: { book: string; version: number } | null,
    before: TradeStatus | null,
    after: TradeStatus | null,
  ): Promise<string | undefined> {
    const { row, wake } = this.entry(envelope, draft, head, before, after);
    return this.timeline.insert(tx, row, wake);
  }

  /** The timeline row of one step, and whether it wakes the streams (it changes the status). */
  private entry(
    envelope: EventEnvelope,
    draft: StepDraft,
    head: { book: string; version: number } | null,
    before: TradeStatus | null,
    after: TradeStatus | null,
  ): OwnStep {
    return {
      row: {
        tradeId: draft.tradeId,
        book: head?.book ?? null,
        eventId: envelope.eventId,
        eventType: envelope.type,
        producer: envelope.producer,
        step: draft.step,
        recordedAt: this.clock.now().toISOString(),
        actor: envelope.actor,
        summary: draft.summary,
        facts: draft.facts,
        statusBefore: before,
        statusAfter: after,
      },
      // Streams hear of a change against what the timeline last said.
      ...(head !== null && after !== null && after !== before ? { wake: this.channel } : {}),
    };
  }

  /** Every step of a trade the caller may see, oldest first. */
  async forTrade(tradeId: string, principal: Principal): Promise<TradeTimeline> {
    const trade = await this.trades.findPublished(this.runner, tradeId);
    if (!trade || !canSee(principal, trade.book)) {
      throw new ProblemException(404, `no trade ${tradeId}`);
    }
    const rows = await this.timeline.forTrade(this.runner, tradeId);
    // Shown in story order with the status each step left the trade in, whatever order events arrived in.
    const statuses = statusesAlong(rows.map((r) => r.step));
    const steps = rows.map(({ entry }, i) => ({
      ...entry,
      ...(i > 0 ? { statusBefore: statuses[i - 1]! } : {}),
      statusAfter: statuses[i]!,
    }));
    return { tradeId, status: trade.payload.status, steps };
  }
}

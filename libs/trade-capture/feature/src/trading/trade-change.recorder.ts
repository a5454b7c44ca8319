import { Injectable } from '@nestjs/common';
import { createEnvelope, TOPICS, type Actor, type TradePayload } from '@tradeflow/shared/contracts';
import { Outbox } from '@tradeflow/shared/messaging';
import type { Tx } from '@tradeflow/shared/persistence';
import {
  TradeChangeRepository,
  tradeRowFromPayload,
  type TradeChangeRows,
} from '@tradeflow/trade-capture/data-access';
import { TimelineService } from '../timeline/timeline.service';

interface ChangeBase {
  /** The trade as it stands after the change, as answered and as its version is published. */
  trade: TradePayload;
  actor: Actor;
  at: Date;
}

/** A change of a trade, as its use case decided it. */
export type TradeChange =
  | (ChangeBase & {
      kind: 'captured';
      /** The Idempotency-Key it was booked under: it is written only if the key is new. */
      idempotency: { key: string; requestHash: string };
    })
  | (ChangeBase & { kind: 'amended'; previous: TradePayload })
  | (ChangeBase & { kind: 'cancelled'; previous: TradePayload; reason: string });

// Each kind's topic (its key in the registry, which the timeline's steps share).
const TOPIC = {
  captured: 'tradeCaptured',
  amended: 'tradeAmended',
  cancelled: 'tradeCancelled',
} as const satisfies Record<TradeChange['kind'], keyof typeof TOPICS>;

/**
 * The one way trade-capture records a change of a trade: the trade's row, its new version (a cancel
 * makes none), its event in the outbox (which wakes the relay) and its timeline step (which wakes the
 * live streams), all in one statement in the caller's transaction, for one change or a batch. The
 * outbox write locks each trade's key until commit, so two writers of one trade publish in commit order.
 */
@Injectable()
export class TradeChangeRecorder {
  constructor(
    private readonly outbox: Outbox,
    private readonly timeline: TimelineService,
    private readonly changes: TradeChangeRepository,
  ) {}

  /**
   * Records the changes and returns the ids of the trades written: every one, except captures whose
   * key was claimed before (the caller answers those from the key). Captures must come sorted by key.
   */
  async record(q: Pick<Tx, 'query'>, changes: readonly TradeChange[]): Promise<Set<string>> {
    return this.changes.write(
      q,
      changes.map((c) => this.rowsOf(c)),
    );
  }

  private rowsOf(change: TradeChange): TradeChangeRows {
    const { trade, actor, at } = change;
    const topic = TOPIC[change.kind];
    const envelope = createEnvelope({
      topic: TOPICS[topic],
      producer: 'trade-capture',
      key: trade.tradeId,
      actor: { id: actor.id, role: actor.role },
      occurredAt: at,
      payload: eventPayload(change),
    });
    const before = change.kind === 'captured' ? null : change.previous.status;
    return {
      trade: tradeRowFromPayload(trade, at.toISOString(), actor.id),
      isNew: change.kind === 'captured',
      ...(change.kind === 'cancelled'
        ? {}
        : { version: { payload: trade, recordedAt: at, recordedBy: actor.id } }),
      event: this.outbox.toRecord({ topic: TOPICS[topic], envelope }),
      steps: this.timeline.ownSteps([{ topic, envelope, head: trade, before, after: trade.status }]),
      ...(change.kind === 'captured'
        ? {
            claim: {
              principal: actor.id,
              key: change.idempotency.key,
              requestHash: change.idempotency.requestHash,
              statusCode: 201,
            },
          }
        : {}),
    };
  }
}

/** The event's payload, as each topic's contract has it. */
function eventPayload(change: TradeChange): object {
  switch (change.kind) {
    case 'captured':
      return change.trade;
    case 'amended':
      return { ...change.trade, previousVersion: change.previous.version };
    case 'cancelled':
      return { tradeId: change.trade.tradeId, version: change.trade.version, reason: change.reason };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import { createEnvelope, TOPICS, type TradePayload } from '@tradeflow/shared/contracts';
import { Outbox } from '@tradeflow/shared/messaging';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { Clock, ProblemException, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import {
  IdempotencyRepository,
  TradeRepository,
  tradeRowFromPayload,
} from '@tradeflow/trade-capture/data-access';
import { formatTradeId, toTradePayload, validateCaptureRequest } from '@tradeflow/trade-capture/domain';
import { ReferenceDataService } from './reference-data.service';
import { checkIdempotencyKey, claimOrReplay, requestHash } from './request-preconditions';
import { TimelineService } from './timeline.service';

export interface CaptureResult {
  status: number;
  body: TradePayload;
  replayed: boolean;
}

/**
 * Books a trade: validate against the domain rules and reference data, then in one transaction claim
 * the idempotency key, store the trade and its first version, and write fo.trade.captured.v1 to the
 * outbox. A failed validation writes nothing; a repeated key answers what the first request got.
 */
@Injectable()
export class CaptureTradeService {
  private readonly trades = new TradeRepository();
  private readonly keys = new IdempotencyRepository();

  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly reference: ReferenceDataService,
    private readonly timeline: TimelineService,
  ) {}

  async capture(
    body: unknown,
    idempotencyKey: string | undefined,
    principal: Principal,
  ): Promise<CaptureResult> {
    checkIdempotencyKey(idempotencyKey);
    const now = this.clock.now();
    const validated = validateCaptureRequest(body, {
      principal,
      today: now.toISOString().slice(0, 10),
      reference: this.reference.lookup,
    });
    if (!validated.ok) {
      throw new ProblemException(validated.status, describe(validated.status), validated.errors);
    }
    const hash = requestHash(body);
    return this.runner.run(async (tx) => {
      const replay = await claimOrReplay(this.keys, tx, principal.id, idempotencyKey, hash, now);
      if (replay) {
        return { status: replay.statusCode ?? 201, body: replay.response as TradePayload, replayed: true };
      }
      const tradeId = formatTradeId(now.toISOString().slice(0, 10), await this.trades.nextSequence(tx));
      // Typed as the contract, so the domain's view of a trade and the event cannot drift apart.
      const payload: TradePayload = toTradePayload(validated.trade, tradeId, 1, 'CAPTURED');
      const envelope = createEnvelope({
        topic: TOPICS.tradeCaptured,
        producer: 'trade-capture',
        key: tradeId,
        actor: { id: principal.id, role: principal.role },
        occurredAt: now,
        payload,
      });
      await this.trades.insert(tx, tradeRowFromPayload(payload, now.toISOString(), principal.id));
      await this.trades.insertVersion(tx, tradeId, 1, payload, envelope.eventId, now, principal.id);
      await this.outbox.append(tx, [{ topic: TOPICS.tradeCaptured, envelope }]);
      await this.timeline.recordOwn(tx, 'fo.trade.captured.v1', envelope, payload, null, 'CAPTURED');
      await this.keys.complete(tx, principal.id, idempotencyKey, 201, payload);
      return { status: 201, body: payload, replayed: false };
    });
  }

  /** A trade the caller may see: traders only their own books; others are 404 to them, as if absent. */
  async get(tradeId: string, principal: Principal): Promise<TradePayload> {
    const found = await this.trades.findPublished(this.runner, tradeId);
    if (!found || (principal.role === 'trader' && !principal.books.includes(found.book))) {
      throw new ProblemException(404, `no trade ${tradeId}`);
    }
    return found.payload;
  }
}

function describe(status: number): string {
  if (status === 403) return 'you may not book in this book';
  if (status === 400) return 'the request is malformed';
  return 'the trade breaks a rule; see errors';
}

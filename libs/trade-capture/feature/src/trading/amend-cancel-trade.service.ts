import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { TradePayload } from '@tradeflow/shared/contracts';
import type { TransactionRunner, Tx } from '@tradeflow/shared/persistence';
import { Clock, ProblemException, problemFor, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import { transition, type TradeMove } from '@tradeflow/shared/trading';
import { IdempotencyRepository, TradeRepository } from '@tradeflow/trade-capture/data-access';
import { ReferenceDataService } from '../reference/reference-data.service';
import { checkIdempotencyKey, claimOrReplay, readIfMatch, requestHash } from '../http/request-preconditions';
import { TradeChangeRecorder } from './trade-change.recorder';
import {
  canSee,
  checkAmendPatch,
  checkCancelBody,
  toTradePayload,
  validateCaptureRequest,
} from '@tradeflow/trade-capture/domain';

/**
 * Amend and cancel: both lock the trade, check the caller's version (If-Match) and the lifecycle rule,
 * then record the change (TradeChangeRecorder: the new state, the new version for an amendment, the
 * event and the timeline step) in the same transaction.
 */
@Injectable()
export class AmendCancelTradeService {
  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly clock: Clock,
    private readonly reference: ReferenceDataService,
    private readonly recorder: TradeChangeRecorder,
    private readonly trades: TradeRepository,
    private readonly keys: IdempotencyRepository,
  ) {}

  async amend(
    tradeId: string,
    patch: unknown,
    ifMatch: string | undefined,
    principal: Principal,
  ): Promise<TradePayload> {
    const expected = readIfMatch(ifMatch, true);
    const checked = checkAmendPatch(patch);
    if (!checked.ok) throw problemFor(checked.failure);
    const now = this.clock.now();
    return this.runner.run(async (tx) => {
      const current = await this.visibleLocked(tx, tradeId, principal);
      this.checkVersion(current.payload, expected);
      this.checkMove(current.payload, 'amend');
      const changes = checked.patch;
      const request: Record<string, unknown> = {
        ...captureFields(current.payload),
        ...changes,
      };
      // A new trade date moves the default settlement date unless the amendment names one.
      if ('tradeDate' in changes && !('settlementDate' in changes)) delete request['settlementDate'];
      const validated = validateCaptureRequest(request, {
        principal,
        today: now.toISOString().slice(0, 10),
        reference: this.reference.lookup,
      });
      if (!validated.ok) throw problemFor(validated.failure, 'the amended trade breaks a rule; see errors');
      const version = current.payload.version + 1;
      // The trade stays the booking trader's (their limits, their four-eyes rule); who amended it is the
      // event's actor and the version's author.
      const trade = { ...validated.trade, trader: current.payload.trader };
      const payload: TradePayload = toTradePayload(trade, tradeId, version, 'CAPTURED');
      const actor = { id: principal.id, role: principal.role };
      await this.recorder.record(tx, [
        { kind: 'amended', trade: payload, previous: current.payload, actor, at: now },
      ]);
      return payload;
    });
  }

  /**
   * Cancels; with an Idempotency-Key a retried cancel gets the first answer again (marked replayed)
   * instead of a 409 "already cancelled", and the same key with another request is a 409. The trade is
   * locked before the key is claimed, so duplicates wait on it and find the first one's answer.
   */
  async cancel(
    tradeId: string,
    body: unknown,
    ifMatch: string | undefined,
    idempotencyKey: string | undefined,
    principal: Principal,
  ): Promise<{ body: TradePayload; replayed: boolean }> {
    if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey);
    const expected = readIfMatch(ifMatch, false);
    const cancelBody = checkCancelBody(body);
    if (!cancelBody.ok) throw problemFor(cancelBody.failure);
    const reason = cancelBody.reason;
    const now = this.clock.now();
    const hash = requestHash({ cancel: tradeId, ifMatch: expected ?? null, reason });
    return this.runner.run(async (tx) => {
      // The access rule first, a replay included: a trader whose book was taken away since gets 404, as
      // for any trade they may not see, not the answer stored under their key.
      const current = await this.visibleLocked(tx, tradeId, principal);
      const replay =
        idempotencyKey === undefined
          ? undefined
          : await claimOrReplay(this.keys, tx, principal.id, idempotencyKey, hash, now);
      if (replay) return { body: replay.response as TradePayload, replayed: true };
      if (expected !== undefined) this.checkVersion(current.payload, expected);
      this.checkMove(current.payload, 'cancel');
      const payload: TradePayload = { ...current.payload, status: 'CANCELLED' };
      const actor = { id: principal.id, role: principal.role };
      await this.recorder.record(tx, [
        { kind: 'cancelled', trade: payload, previous: current.payload, reason, actor, at: now },
      ]);
      if (idempotencyKey !== undefined) {
        await this.keys.complete(tx, principal.id, idempotencyKey, 200, payload);
      }
      return { body: payload, replayed: false };
    });
  }

  private async visibleLocked(tx: Tx, tradeId: string, principal: Principal) {
    const found = await this.trades.lockPublished(tx, tradeId);
    if (!found || !canSee(principal, found.book)) throw new ProblemException(404, `no trade ${tradeId}`);
    return found;
  }

  private checkVersion(current: TradePayload, expected: number): void {
    if (current.version !== expected) {
      throw new ProblemException(
        412,
        `the trade is at version ${current.version}, not ${expected}: read it again`,
        [{ field: 'If-Match', message: `is "${expected}", the current version is "${current.version}"` }],
      );
    }
  }

  private checkMove(current: TradePayload, move: TradeMove): void {
    const result = transition({ status: current.status, version: current.version }, move);
    if (!result.ok) throw new ProblemException(409, result.reason);
  }
}

function captureFields(trade: TradePayload): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    book: trade.book,
    side: trade.side,
    instrumentId: trade.instrumentId,
    quantity: trade.quantity,
    price: trade.price,
    counterpartyLei: trade.counterpartyLei,
    tradeDate: trade.tradeDate,
    settlementDate: trade.settlementDate,
  };
  if (trade.venueMic !== undefined) fields['venueMic'] = trade.venueMic;
  if (trade.commission !== undefined) fields['commission'] = trade.commission;
  if (trade.externalRef !== undefined) fields['externalRef'] = trade.externalRef;
  return fields;
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { TradePayload } from '@tradeflow/shared/contracts';
import { isTransient } from '@tradeflow/shared/messaging';
import { GroupCommit, type ItemOutcome, type TransactionRunner } from '@tradeflow/shared/persistence';
import { Clock, ProblemException, problemFor, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import {
  IdempotencyRepository,
  keyId,
  TradeRepository,
  type StoredResponse,
} from '@tradeflow/trade-capture/data-access';
import {
  canSee,
  formatTradeId,
  toTradePayload,
  validateCaptureRequest,
  type ValidatedTrade,
} from '@tradeflow/trade-capture/domain';
import { captureMetrics } from './capture.metrics';
import { ReferenceDataService } from '../reference/reference-data.service';
import { checkIdempotencyKey, keyReused, requestHash } from '../http/request-preconditions';
import { TradeChangeRecorder, type TradeChange } from './trade-change.recorder';
import { TradeNumbers } from './trade-numbers';

export interface CaptureResult {
  status: number;
  body: TradePayload;
  replayed: boolean;
}

/** How captures share transactions (see GroupCommit). */
export interface CaptureSettings {
  /** The most captures in one transaction. */
  batchMax: number;
  /** Capture transactions in flight at once. */
  transactions: number;
  /** Captures waiting beyond this are answered 503 at once. */
  queueMax: number;
}

export const CAPTURE_SETTINGS = Symbol('CAPTURE_SETTINGS');
export const DEFAULT_CAPTURE_SETTINGS: CaptureSettings = { batchMax: 64, transactions: 2, queueMax: 5000 };

/** A validated capture waiting for its transaction. */
interface PendingCapture {
  trade: ValidatedTrade;
  principal: Principal;
  key: string;
  hash: string;
  now: Date;
}

/**
 * Books a trade: validate against the domain rules and reference data, then in one statement claim
 * the idempotency key and record the capture (TradeChangeRecorder: the trade, its first version, its
 * event in the outbox and its first timeline step). A failed validation writes nothing; a repeated
 * key answers what the first request got. Captures that arrive together share a statement (group
 * commit): each still gets its own answer, and every guarantee above holds per capture.
 */
@Injectable()
export class CaptureTradeService {
  private readonly group: GroupCommit<PendingCapture, CaptureResult>;
  // Blocks of 256: a reservation every 256 captures, a few milliseconds of numbers at full speed.
  private readonly numbers = new TradeNumbers((count) => this.trades.reserveNumbers(this.runner, count), 256);

  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly clock: Clock,
    private readonly reference: ReferenceDataService,
    private readonly recorder: TradeChangeRecorder,
    private readonly trades: TradeRepository,
    private readonly keys: IdempotencyRepository,
    @Optional() @Inject(CAPTURE_SETTINGS) settings: CaptureSettings | null,
  ) {
    const { batchMax, transactions, queueMax } = settings ?? DEFAULT_CAPTURE_SETTINGS;
    this.group = new GroupCommit({
      write: (items) => this.write(items),
      keyOf: (c) => keyId(c.principal.id, c.key),
      maxBatch: batchMax,
      concurrency: transactions,
      maxQueue: queueMax,
      // Answered at once with Retry-After (the filter adds it to every 503), nothing written.
      overloaded: () => new ProblemException(503, 'too many captures are waiting; retry shortly'),
      // A lost or overloaded database fails every capture alike: answer 503 at once, not one by one.
      retryAlone: (error) => !isTransient(error),
      onWaited: (seconds) => captureMetrics.waitSeconds.observe(seconds),
      onCommit: (items, seconds) => {
        captureMetrics.batchSize.observe(items);
        captureMetrics.batchSeconds.observe(seconds);
      },
    });
  }

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
      // A retry of a booking that succeeded gets its first answer even if the rules or reference
      // data have changed since (a counterparty deactivated meanwhile): the trade is booked, and a
      // 422 now would have the trader book it again. Another request under the key is a 409. Only a
      // well-formed request is looked up (a malformed body is never hashed: it may be anything), and
      // a caller no longer allowed the book (forbidden) is not answered from the key.
      if (validated.failure.kind === 'rule-broken') {
        const earlier = await this.answerFromKey(principal, idempotencyKey, requestHash(body));
        if (earlier) return earlier;
      }
      throw problemFor(validated.failure);
    }
    return this.group.submit({
      trade: validated.trade,
      principal,
      key: idempotencyKey,
      hash: requestHash(body),
      now,
    });
  }

  /**
   * One statement for a batch of captures (TradeChangeRecorder): the answers are built first and
   * stored with the keys' claims; only captures whose key was new are written. A key claimed before
   * answers what it answered then (same request) or 409 (another request).
   */
  private async write(batch: readonly PendingCapture[]): Promise<ItemOutcome<CaptureResult>[]> {
    const numbers = await this.numbers.take(batch.length);
    const built = batch.map((c, i) => {
      const tradeId = formatTradeId(c.now.toISOString().slice(0, 10), numbers[i]!);
      // Typed as the contract, so the domain's view of a trade and the event cannot drift apart.
      const payload: TradePayload = toTradePayload(c.trade, tradeId, 1, 'CAPTURED');
      const change: TradeChange = {
        kind: 'captured',
        trade: payload,
        actor: { id: c.principal.id, role: c.principal.role },
        at: c.now,
        idempotency: { key: c.key, requestHash: c.hash },
      };
      return { capture: c, id: keyId(c.principal.id, c.key), payload, change };
    });
    // Sorted, so batches on two instances take the keys' locks in one order.
    const sorted = [...built].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const written = await this.recorder.record(
      this.runner,
      sorted.map((b) => b.change),
    );
    // Replays only (a statement on their path alone): their answers, each key marked used now.
    const others = sorted.filter((b) => !written.has(b.payload.tradeId));
    const earlier =
      others.length > 0
        ? await this.keys.replay(
            this.runner,
            others.map((b) => ({ principal: b.capture.principal.id, key: b.capture.key })),
            this.clock.now(),
          )
        : new Map<string, StoredResponse>();
    return built.map((b): ItemOutcome<CaptureResult> => {
      if (written.has(b.payload.tradeId)) {
        return { ok: true, value: { status: 201, body: b.payload, replayed: false } };
      }
      const stored = earlier.get(b.id)!;
      if (stored.requestHash !== b.capture.hash) return { ok: false, error: keyReused() };
      return { ok: true, value: replayOf(stored) };
    });
  }

  /** What a key answered before, replayed; 409 if it came with another request; undefined if new. */
  private async answerFromKey(
    principal: Principal,
    key: string,
    hash: string,
  ): Promise<CaptureResult | undefined> {
    const stored = (
      await this.keys.replay(this.runner, [{ principal: principal.id, key }], this.clock.now())
    ).get(keyId(principal.id, key));
    if (!stored) return undefined;
    if (stored.requestHash !== hash) throw keyReused();
    return replayOf(stored);
  }

  /** A trade the caller may see: traders only their own books; others are 404 to them, as if absent. */
  async get(tradeId: string, principal: Principal): Promise<TradePayload> {
    const found = await this.trades.findPublished(this.runner, tradeId);
    if (!found || !canSee(principal, found.book)) {
      throw new ProblemException(404, `no trade ${tradeId}`);
    }
    return found.payload;
  }
}

/** The answer a key got the first time, given again. */
function replayOf(stored: StoredResponse): CaptureResult {
  return { status: stored.statusCode ?? 201, body: stored.response as TradePayload, replayed: true };
}

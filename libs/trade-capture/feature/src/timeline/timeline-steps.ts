import type {
  CheckResultPayload,
  EventEnvelope,
  ObligationNettedPayload,
  SettlementFailedPayload,
  SettlementInstructedPayload,
  SettlementLegPayload,
  SettlementSettledPayload,
  TradeAmendedPayload,
  TradeBilateralPayload,
  TradeCancelledPayload,
  TradeCapturedPayload,
  TradeClearedPayload,
  TradeConfirmedPayload,
  TradeDecisionPayload,
  TOPICS,
} from '@tradeflow/shared/contracts';
import type { TimelineStep } from '@tradeflow/trade-capture/domain';

/** One trade's step drawn from an event, with the sentence and the facts a trader wants to see. */
export interface StepDraft {
  tradeId: string;
  step: TimelineStep;
  summary: string;
  facts: Record<string, unknown>;
}

// The consumer validated the payload against its topic's schema before the handler runs: the cast holds.
const on =
  <P>(steps: (e: EventEnvelope<P>) => StepDraft[]) =>
  (e: EventEnvelope): StepDraft[] =>
    steps(e as unknown as EventEnvelope<P>);

/**
 * The lifecycle topics the timeline follows, by their key in the registry (`TOPICS`), and how each
 * becomes steps. trade-capture's own three are written with the change itself (TradeChangeRecorder);
 * the others come from TimelineConsumer.
 */
export const TIMELINE_TOPICS = {
  tradeCaptured: on(captured),
  tradeAmended: on(amended),
  tradeCancelled: on(cancelled),
  tradeApproved: on((e: EventEnvelope<TradeDecisionPayload>) => decision(e, 'APPROVED')),
  tradeHeld: on((e: EventEnvelope<TradeDecisionPayload>) => decision(e, 'HELD')),
  tradeRejected: on((e: EventEnvelope<TradeDecisionPayload>) => decision(e, 'REJECTED')),
  tradeConfirmed: on(confirmed),
  tradeCleared: on(cleared),
  tradeBilateral: on(bilateral),
  obligationNetted: on(netted),
  settlementInstructed: on(instructed),
  settlementSettled: on(settled),
  settlementFailed: on(failed),
} as const satisfies Partial<Record<keyof typeof TOPICS, (e: EventEnvelope) => StepDraft[]>>;

export type TimelineTopic = keyof typeof TIMELINE_TOPICS;

function captured({ payload: t, occurredAt }: EventEnvelope<TradeCapturedPayload>): StepDraft[] {
  return [
    {
      tradeId: t.tradeId,
      step: { kind: 'CAPTURED', version: t.version, occurredAt },
      summary: `booked by ${t.trader}: ${t.side} ${t.quantity} ${t.instrumentId} at ${t.price} ${t.currency}, net ${t.netAmount}, settling ${t.settlementDate}`,
      facts: economics(t),
    },
  ];
}

function amended({ payload: t, occurredAt }: EventEnvelope<TradeAmendedPayload>): StepDraft[] {
  return [
    {
      tradeId: t.tradeId,
      step: { kind: 'AMENDED', version: t.version, occurredAt },
      summary: `amended to version ${t.version} (supersedes version ${t.previousVersion}): ${t.side} ${t.quantity} ${t.instrumentId} at ${t.price} ${t.currency}, net ${t.netAmount}`,
      facts: { previousVersion: t.previousVersion, ...economics(t) },
    },
  ];
}

function economics(t: TradeCapturedPayload): Record<string, unknown> {
  return {
    side: t.side,
    quantity: t.quantity,
    price: t.price,
    currency: t.currency,
    grossAmount: t.grossAmount,
    netAmount: t.netAmount,
    settlementDate: t.settlementDate,
    counterpartyLei: t.counterpartyLei,
  };
}

function cancelled({ payload, occurredAt, actor }: EventEnvelope<TradeCancelledPayload>): StepDraft[] {
  return [
    {
      tradeId: payload.tradeId,
      step: { kind: 'CANCELLED', version: payload.version, occurredAt },
      summary: `cancelled by ${actor.id}: ${payload.reason}`,
      facts: { reason: payload.reason },
    },
  ];
}

function decision(
  { payload, occurredAt }: EventEnvelope<TradeDecisionPayload>,
  kind: 'APPROVED' | 'HELD' | 'REJECTED',
): StepDraft[] {
  const fired = payload.checks.filter((c) => c.outcome !== 'PASS');
  const reasons = fired.map((c) => `${c.code}: ${c.detail}`).join('; ');
  const by = payload.decidedBy ? ` by ${payload.decidedBy}` : '';
  const summary =
    kind === 'APPROVED'
      ? payload.decidedBy
        ? `released by ${payload.decidedBy}${payload.comment ? ` (${payload.comment})` : ''} after ${reasons}`
        : `approved by risk: all ${payload.checks.length} checks passed`
      : `${kind === 'HELD' ? 'held' : 'rejected'}${by || ' by risk'}: ${reasons || payload.comment || 'see checks'}`;
  return [
    {
      tradeId: payload.tradeId,
      step: { kind, version: payload.version, occurredAt },
      summary,
      facts: {
        reasons: fired.map(reason),
        checks: payload.checks.map((c) => ({ code: c.code, outcome: c.outcome })),
        ...(payload.decidedBy ? { decidedBy: payload.decidedBy } : {}),
        ...(payload.comment ? { comment: payload.comment } : {}),
      },
    },
  ];
}

function reason(c: CheckResultPayload): Record<string, string> {
  return {
    code: c.code,
    outcome: c.outcome,
    detail: c.detail,
    ...(c.limit !== undefined ? { limit: c.limit } : {}),
    ...(c.usageBefore !== undefined ? { usageBefore: c.usageBefore } : {}),
    ...(c.usageAfter !== undefined ? { usageAfter: c.usageAfter } : {}),
  };
}

function confirmed({ payload, occurredAt }: EventEnvelope<TradeConfirmedPayload>): StepDraft[] {
  return [
    {
      tradeId: payload.tradeId,
      step: { kind: 'CONFIRMED', version: payload.version, occurredAt },
      summary: `confirmation ${payload.confirmationId} matched the counterparty's`,
      facts: { confirmationId: payload.confirmationId, matchedAt: payload.matchedAt },
    },
  ];
}

function cleared({ payload, occurredAt }: EventEnvelope<TradeClearedPayload>): StepDraft[] {
  return [
    {
      tradeId: payload.tradeId,
      step: { kind: 'CLEARED', version: payload.version, occurredAt },
      summary: `novated to ${payload.ccp} as ${payload.ccpTradeRef}`,
      facts: { ccp: payload.ccp, ccpTradeRef: payload.ccpTradeRef, novatedAt: payload.novatedAt },
    },
  ];
}

function bilateral({ payload, occurredAt }: EventEnvelope<TradeBilateralPayload>): StepDraft[] {
  return [
    {
      tradeId: payload.tradeId,
      step: { kind: 'BILATERAL', version: payload.version, occurredAt },
      summary: `settles bilaterally on ${payload.settlementDate}: ${payload.legs.map(describeLeg).join(', ')}`,
      facts: { settlementDate: payload.settlementDate, legs: payload.legs },
    },
  ];
}

function netted({ payload: o, occurredAt }: EventEnvelope<ObligationNettedPayload>): StepDraft[] {
  const leg =
    o.kind === 'SECURITIES'
      ? `${o.direction} ${o.quantity} ${o.isin}`
      : `${o.direction} ${o.amount} ${o.currency}`;
  const facts = {
    obligationId: o.obligationId,
    ccp: o.ccp,
    kind: o.kind,
    direction: o.direction,
    ...(o.kind === 'SECURITIES'
      ? { isin: o.isin, quantity: o.quantity }
      : { currency: o.currency, amount: o.amount }),
    settlementDate: o.settlementDate,
    nettingRunId: o.nettingRunId,
    final: o.final,
    tradesInObligation: o.trades.length,
  };
  return o.trades.map((t) => ({
    tradeId: t.tradeId,
    step: {
      kind: 'NETTED',
      version: t.version,
      occurredAt,
      obligationId: o.obligationId,
      final: o.final,
      obligationKind: o.kind,
    },
    summary: `netted with ${o.trades.length - 1} other trade(s) into ${o.ccp} obligation ${o.obligationId}: ${leg} on ${o.settlementDate}${o.final ? '' : ' (provisional)'}`,
    facts,
  }));
}

function instructed({ payload: i, occurredAt }: EventEnvelope<SettlementInstructedPayload>): StepDraft[] {
  const source =
    i.source.kind === 'OBLIGATION' ? { obligationId: i.source.obligationId } : { version: i.source.version };
  return i.tradeIds.map((tradeId) => ({
    tradeId,
    step: { kind: 'INSTRUCTED', occurredAt, instructionId: i.instructionId, ...source },
    summary: `settlement instruction ${i.instructionId} sent for ${i.settlementDate}: ${i.legs.map(describeLeg).join(', ')}`,
    facts: {
      instructionId: i.instructionId,
      settlementDate: i.settlementDate,
      source: i.source,
      legs: i.legs,
      depositories: { ours: i.ssis.ours.depository, theirs: i.ssis.theirs.depository },
    },
  }));
}

function settled({ payload: s, occurredAt }: EventEnvelope<SettlementSettledPayload>): StepDraft[] {
  const kind = s.partial ? 'PARTIALLY_SETTLED' : 'SETTLED';
  const what = [s.settledQuantity, s.settledAmount && `${s.settledAmount} ${s.currency}`]
    .filter(Boolean)
    .join(' against ');
  return s.tradeIds.map((tradeId) => ({
    tradeId,
    step: { kind, occurredAt, instructionId: s.instructionId },
    summary: `instruction ${s.instructionId} settled ${s.partial ? 'in part' : 'in full'}: ${what}`,
    facts: {
      instructionId: s.instructionId,
      partial: s.partial,
      settledAt: s.settledAt,
      ...(s.settledQuantity !== undefined ? { settledQuantity: s.settledQuantity } : {}),
      ...(s.settledAmount !== undefined ? { settledAmount: s.settledAmount, currency: s.currency } : {}),
    },
  }));
}

function failed({ payload: f, occurredAt }: EventEnvelope<SettlementFailedPayload>): StepDraft[] {
  return f.tradeIds.map((tradeId) => ({
    tradeId,
    step: { kind: 'FAILED', occurredAt, instructionId: f.instructionId },
    summary: `instruction ${f.instructionId} failed to settle: ${f.reason} (${f.detail})`,
    facts: { instructionId: f.instructionId, reason: f.reason, detail: f.detail, failedAt: f.failedAt },
  }));
}

function describeLeg(leg: SettlementLegPayload): string {
  return leg.kind === 'SECURITIES'
    ? `${leg.direction} ${leg.quantity} ${leg.isin}`
    : `${leg.direction} ${leg.amount} ${leg.currency}`;
}

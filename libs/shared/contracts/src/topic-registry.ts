import {
  bookUpsertedSchema,
  counterpartyUpsertedSchema,
  instrumentUpsertedSchema,
  ledgerPostedSchema,
  obligationNettedSchema,
  riskAlertSchema,
  settlementFailedSchema,
  settlementInstructedSchema,
  settlementSettledSchema,
  tradeAmendedSchema,
  tradeApprovedSchema,
  tradeBilateralSchema,
  tradeCancelledSchema,
  tradeCapturedSchema,
  tradeClearedSchema,
  tradeConfirmedSchema,
  tradeHeldSchema,
  tradeRejectedSchema,
  type BookUpsertedPayload,
  type CounterpartyUpsertedPayload,
  type InstrumentUpsertedPayload,
  type LedgerPostedPayload,
  type ObligationNettedPayload,
  type RiskAlertPayload,
  type SettlementFailedPayload,
  type SettlementInstructedPayload,
  type SettlementSettledPayload,
  type TradeAmendedPayload,
  type TradeApprovedPayload,
  type TradeBilateralPayload,
  type TradeCancelledPayload,
  type TradeCapturedPayload,
  type TradeClearedPayload,
  type TradeConfirmedPayload,
  type TradeHeldPayload,
  type TradeRejectedPayload,
} from './payloads';
import { defineTopic, type TopicDefinition } from './topic-definition';

// Every topic, with its payload's JSON Schema (src/payloads); docs/events.md lists them.
const compacted = { config: { 'cleanup.policy': 'compact' } };

export const TOPICS = {
  instrumentUpserted: defineTopic(
    'ref.instrument.upserted.v1',
    'trade-capture',
    'instrument id',
    instrumentUpsertedSchema,
    compacted,
  ),
  counterpartyUpserted: defineTopic(
    'ref.counterparty.upserted.v1',
    'trade-capture',
    'LEI',
    counterpartyUpsertedSchema,
    compacted,
  ),
  bookUpserted: defineTopic('ref.book.upserted.v1', 'trade-capture', 'book', bookUpsertedSchema, compacted),
  tradeCaptured: defineTopic('fo.trade.captured.v1', 'trade-capture', 'trade id', tradeCapturedSchema),
  tradeAmended: defineTopic('fo.trade.amended.v1', 'trade-capture', 'trade id', tradeAmendedSchema),
  tradeCancelled: defineTopic('fo.trade.cancelled.v1', 'trade-capture', 'trade id', tradeCancelledSchema),
  tradeApproved: defineTopic('mo.trade.approved.v1', 'risk-compliance', 'trade id', tradeApprovedSchema),
  tradeHeld: defineTopic('mo.trade.held.v1', 'risk-compliance', 'trade id', tradeHeldSchema),
  tradeRejected: defineTopic('mo.trade.rejected.v1', 'risk-compliance', 'trade id', tradeRejectedSchema),
  riskAlert: defineTopic('mo.risk.alert.v1', 'risk-compliance', 'book', riskAlertSchema),
  tradeConfirmed: defineTopic('bo.trade.confirmed.v1', 'clearing', 'trade id', tradeConfirmedSchema),
  tradeCleared: defineTopic('bo.trade.cleared.v1', 'clearing', 'trade id', tradeClearedSchema),
  obligationNetted: defineTopic(
    'bo.obligation.netted.v1',
    'clearing',
    'obligation id',
    obligationNettedSchema,
  ),
  tradeBilateral: defineTopic('bo.trade.bilateral.v1', 'clearing', 'trade id', tradeBilateralSchema),
  settlementInstructed: defineTopic(
    'bo.settlement.instructed.v1',
    'settlement',
    'instruction id',
    settlementInstructedSchema,
  ),
  settlementSettled: defineTopic(
    'bo.settlement.settled.v1',
    'settlement',
    'instruction id',
    settlementSettledSchema,
  ),
  settlementFailed: defineTopic(
    'bo.settlement.failed.v1',
    'settlement',
    'instruction id',
    settlementFailedSchema,
  ),
  ledgerPosted: defineTopic('bo.ledger.posted.v1', 'ledger', 'account', ledgerPostedSchema),
} as const satisfies Record<string, TopicDefinition>;

/** The payload type each topic of TOPICS carries. */
export interface TopicPayloads {
  instrumentUpserted: InstrumentUpsertedPayload;
  counterpartyUpserted: CounterpartyUpsertedPayload;
  bookUpserted: BookUpsertedPayload;
  tradeCaptured: TradeCapturedPayload;
  tradeAmended: TradeAmendedPayload;
  tradeCancelled: TradeCancelledPayload;
  tradeApproved: TradeApprovedPayload;
  tradeHeld: TradeHeldPayload;
  tradeRejected: TradeRejectedPayload;
  riskAlert: RiskAlertPayload;
  tradeConfirmed: TradeConfirmedPayload;
  tradeCleared: TradeClearedPayload;
  obligationNetted: ObligationNettedPayload;
  tradeBilateral: TradeBilateralPayload;
  settlementInstructed: SettlementInstructedPayload;
  settlementSettled: SettlementSettledPayload;
  settlementFailed: SettlementFailedPayload;
  ledgerPosted: LedgerPostedPayload;
}

// Every topic has its payload type, and no payload type lacks its topic.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const topicsHavePayloads: Same<keyof typeof TOPICS, keyof TopicPayloads> = true;
void topicsHavePayloads;

export const ALL_TOPICS: readonly TopicDefinition[] = Object.values(TOPICS);

/** Topics a service produces: it creates them (and their dead-letter topics) at start. */
export function topicsProducedBy(service: string): TopicDefinition[] {
  return ALL_TOPICS.filter((t) => t.producer === service);
}

/** Looks topics up by name; tests and later contracts add their own definitions. */
export class TopicRegistry {
  private readonly byName = new Map<string, TopicDefinition>();

  constructor(definitions: Iterable<TopicDefinition> = ALL_TOPICS) {
    this.addAll(definitions);
  }

  add(definition: TopicDefinition): this {
    this.byName.set(definition.name, definition);
    return this;
  }

  addAll(definitions: Iterable<TopicDefinition>): this {
    for (const d of definitions) this.add(d);
    return this;
  }

  get(name: string): TopicDefinition | undefined {
    return this.byName.get(name);
  }

  require(name: string): TopicDefinition {
    const d = this.byName.get(name);
    if (!d) throw new Error(`unknown topic "${name}": declare it in the contracts library`);
    return d;
  }

  all(): TopicDefinition[] {
    return [...this.byName.values()];
  }
}

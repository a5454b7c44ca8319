import { defineTopic, type TopicDefinition } from './topic-definition';

// The topics of events.md. Payload schemas are permissive until the trading domain defines them.
const compacted = { config: { 'cleanup.policy': 'compact' } };

export const TOPICS = {
  instrumentUpserted: defineTopic(
    'ref.instrument.upserted.v1',
    'trade-capture',
    'instrument id',
    undefined,
    compacted,
  ),
  counterpartyUpserted: defineTopic(
    'ref.counterparty.upserted.v1',
    'trade-capture',
    'LEI',
    undefined,
    compacted,
  ),
  bookUpserted: defineTopic('ref.book.upserted.v1', 'trade-capture', 'book', undefined, compacted),
  tradeCaptured: defineTopic('fo.trade.captured.v1', 'trade-capture', 'trade id'),
  tradeAmended: defineTopic('fo.trade.amended.v1', 'trade-capture', 'trade id'),
  tradeCancelled: defineTopic('fo.trade.cancelled.v1', 'trade-capture', 'trade id'),
  tradeApproved: defineTopic('mo.trade.approved.v1', 'risk-compliance', 'trade id'),
  tradeHeld: defineTopic('mo.trade.held.v1', 'risk-compliance', 'trade id'),
  tradeRejected: defineTopic('mo.trade.rejected.v1', 'risk-compliance', 'trade id'),
  riskAlert: defineTopic('mo.risk.alert.v1', 'risk-compliance', 'book'),
  tradeConfirmed: defineTopic('bo.trade.confirmed.v1', 'clearing', 'trade id'),
  tradeCleared: defineTopic('bo.trade.cleared.v1', 'clearing', 'trade id'),
  obligationNetted: defineTopic('bo.obligation.netted.v1', 'clearing', 'obligation id'),
  tradeBilateral: defineTopic('bo.trade.bilateral.v1', 'clearing', 'trade id'),
  settlementInstructed: defineTopic('bo.settlement.instructed.v1', 'settlement', 'instruction id'),
  settlementSettled: defineTopic('bo.settlement.settled.v1', 'settlement', 'instruction id'),
  settlementFailed: defineTopic('bo.settlement.failed.v1', 'settlement', 'instruction id'),
  ledgerPosted: defineTopic('bo.ledger.posted.v1', 'ledger', 'account'),
} as const satisfies Record<string, TopicDefinition>;

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

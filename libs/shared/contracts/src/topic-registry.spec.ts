import Ajv from 'ajv';
import { defineTopic } from './topic-definition';
import { ALL_TOPICS, TOPICS, TopicRegistry, topicsProducedBy } from './topic-registry';

// The topic table of docs/events.md, copied by hand: topic name and producer.
const EVENTS_MD_TOPICS: ReadonlyArray<readonly [string, string]> = [
  ['ref.instrument.upserted.v1', 'trade-capture'],
  ['ref.counterparty.upserted.v1', 'trade-capture'],
  ['ref.book.upserted.v1', 'trade-capture'],
  ['fo.trade.captured.v1', 'trade-capture'],
  ['fo.trade.amended.v1', 'trade-capture'],
  ['fo.trade.cancelled.v1', 'trade-capture'],
  ['mo.trade.approved.v1', 'risk-compliance'],
  ['mo.trade.held.v1', 'risk-compliance'],
  ['mo.trade.rejected.v1', 'risk-compliance'],
  ['mo.risk.alert.v1', 'risk-compliance'],
  ['bo.trade.confirmed.v1', 'clearing'],
  ['bo.trade.cleared.v1', 'clearing'],
  ['bo.obligation.netted.v1', 'clearing'],
  ['bo.trade.bilateral.v1', 'clearing'],
  ['bo.settlement.instructed.v1', 'settlement'],
  ['bo.settlement.settled.v1', 'settlement'],
  ['bo.settlement.failed.v1', 'settlement'],
  ['bo.ledger.posted.v1', 'ledger'],
];

describe('the topics of docs/events.md', () => {
  it('are exactly the 18 topics of the table, each with its producer', () => {
    expect(ALL_TOPICS).toHaveLength(18);
    const actual = ALL_TOPICS.map((t) => [t.name, t.producer]).sort();
    const expected = EVENTS_MD_TOPICS.map(([name, producer]) => [name, producer]).sort();
    expect(actual).toEqual(expected);
  });

  it('are the values of TOPICS', () => {
    expect(Object.keys(TOPICS)).toHaveLength(18);
    expect(new Set(ALL_TOPICS)).toEqual(new Set(Object.values(TOPICS)));
    expect(TOPICS.tradeCaptured.name).toBe('fo.trade.captured.v1');
    expect(TOPICS.tradeApproved.name).toBe('mo.trade.approved.v1');
    expect(TOPICS.ledgerPosted.name).toBe('bo.ledger.posted.v1');
  });

  it('each have 6 partitions and version 1', () => {
    for (const topic of ALL_TOPICS) {
      expect([topic.name, topic.partitions, topic.version]).toEqual([topic.name, 6, 1]);
    }
  });

  it('carry the envelope types of their names', () => {
    expect(TOPICS.tradeCaptured.type).toBe('trade.captured');
    expect(TOPICS.instrumentUpserted.type).toBe('instrument.upserted');
    expect(TOPICS.obligationNetted.type).toBe('obligation.netted');
    expect(TOPICS.settlementFailed.type).toBe('settlement.failed');
  });

  it('each carry a closed payload schema of their own (src/payloads), compiled by strict ajv', () => {
    const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    for (const topic of ALL_TOPICS) {
      const schema = topic.payloadSchema;
      expect([topic.name, schema]).not.toEqual([topic.name, { type: 'object' }]);
      // A closed object, or a choice (oneOf) between closed objects.
      const branches = (schema['oneOf'] as Record<string, unknown>[] | undefined) ?? [schema];
      for (const branch of branches)
        expect([topic.name, branch['additionalProperties']]).toEqual([topic.name, false]);
      const validate = ajv.compile(schema);
      expect([topic.name, validate({})]).toEqual([topic.name, false]);
    }
    expect(new Set(ALL_TOPICS.map((t) => t.payloadSchema)).size).toBe(18);
  });

  it('compact the static-data topics, keeping the latest record per key', () => {
    const compacted = ALL_TOPICS.filter((t) => t.config['cleanup.policy'] === 'compact').map((t) => t.name);
    expect(compacted.sort()).toEqual([
      'ref.book.upserted.v1',
      'ref.counterparty.upserted.v1',
      'ref.instrument.upserted.v1',
    ]);
  });
});

describe('topicsProducedBy', () => {
  it('gives the 6 topics trade-capture produces', () => {
    expect(
      topicsProducedBy('trade-capture')
        .map((t) => t.name)
        .sort(),
    ).toEqual([
      'fo.trade.amended.v1',
      'fo.trade.cancelled.v1',
      'fo.trade.captured.v1',
      'ref.book.upserted.v1',
      'ref.counterparty.upserted.v1',
      'ref.instrument.upserted.v1',
    ]);
  });

  it('gives the topics of each other service and none for an unknown one', () => {
    expect(topicsProducedBy('risk-compliance')).toHaveLength(4);
    expect(topicsProducedBy('clearing')).toHaveLength(4);
    expect(topicsProducedBy('settlement')).toHaveLength(3);
    expect(topicsProducedBy('ledger').map((t) => t.name)).toEqual(['bo.ledger.posted.v1']);
    expect(topicsProducedBy('reconciliation')).toEqual([]);
  });
});

describe('TopicRegistry', () => {
  it('knows every topic of docs/events.md by default', () => {
    const registry = new TopicRegistry();
    expect(registry.all()).toHaveLength(18);
    expect(registry.get('bo.trade.cleared.v1')?.producer).toBe('clearing');
    expect(registry.get('bo.trade.cleared.v1.dlq')).toBeUndefined();
  });

  it('takes added definitions and refuses to require an unknown topic', () => {
    const widget = defineTopic('test.widget.priced.v1', 'test', 'widget id');
    const registry = new TopicRegistry([]).add(widget);
    expect(registry.require('test.widget.priced.v1')).toBe(widget);
    expect(registry.all()).toEqual([widget]);
    expect(() => registry.require('fo.trade.captured.v1')).toThrow(
      'unknown topic "fo.trade.captured.v1": declare it in the contracts library',
    );
  });
});

import { DLQ_CONFIG, DLQ_SUFFIX, defineTopic, dlqTopicName } from './topic-definition';

describe('defineTopic', () => {
  it('reads the envelope type and version from <office>.<entity>.<event>.v<version>', () => {
    const topic = defineTopic('fo.trade.captured.v1', 'trade-capture', 'trade id');
    expect(topic).toEqual({
      name: 'fo.trade.captured.v1',
      type: 'trade.captured',
      version: 1,
      producer: 'trade-capture',
      keyedBy: 'trade id',
      partitions: 6,
      // 7 days = 7 * 86 400 000 ms
      config: { 'retention.ms': '604800000', 'min.insync.replicas': '1' },
      payloadSchema: { type: 'object' },
    });
  });

  it('reads multi-digit versions, hyphenated and deeper entity names', () => {
    const topic = defineTopic(
      'bo.settlement-instruction.partially-settled.v12',
      'settlement',
      'instruction id',
    );
    expect(topic.type).toBe('settlement-instruction.partially-settled');
    expect(topic.version).toBe(12);
    expect(defineTopic('bo.ledger.account.posted.v3', 'ledger', 'account').type).toBe(
      'ledger.account.posted',
    );
  });

  it('keeps the given payload schema and applies partition and config overrides', () => {
    const schema = { type: 'object', required: ['price'] };
    const topic = defineTopic('ref.book.upserted.v1', 'trade-capture', 'book', schema, {
      partitions: 12,
      config: { 'cleanup.policy': 'compact', 'min.insync.replicas': '2' },
    });
    expect(topic.payloadSchema).toBe(schema);
    expect(topic.partitions).toBe(12);
    expect(topic.config).toEqual({
      'retention.ms': '604800000',
      'min.insync.replicas': '2',
      'cleanup.policy': 'compact',
    });
  });

  it.each([
    ['', 'empty'],
    ['fo.trade.captured', 'no version'],
    ['fo.trade.captured.v', 'a version without digits'],
    ['fo.trade.captured.1', 'a version without v'],
    ['fo.trade.captured.v0', 'version 0, which no envelope can carry (versions start at 1)'],
    ['fo.trade.captured.v01', 'a leading zero, which would name a second topic for version 1'],
    ['fo.trade.v1', 'no event part, so a type with one segment that no envelope can carry'],
    ['fo.v1', 'no entity'],
    ['FO.trade.captured.v1', 'upper case'],
    ['fo.Trade.captured.v1', 'upper case in the entity'],
    ['fo..captured.v1', 'an empty segment'],
    ['fo.trade captured.v1', 'a space'],
    ['fo.trade.captured.v1.dlq', 'a dead-letter suffix'],
    ['fo.trade.captured.v1 ', 'a trailing space'],
  ])('rejects %j (%s), naming the expected shape', (name) => {
    expect(() => defineTopic(name, 'trade-capture', 'trade id')).toThrow(
      `topic name "${name}" is not <office>.<entity>.<event>.v<version>`,
    );
  });
});

describe('dead-letter topics', () => {
  it('are named after their topic with .dlq', () => {
    expect(DLQ_SUFFIX).toBe('.dlq');
    expect(dlqTopicName('fo.trade.captured.v1')).toBe('fo.trade.captured.v1.dlq');
    expect(dlqTopicName('bo.ledger.posted.v1')).toBe('bo.ledger.posted.v1.dlq');
  });

  it('keep dead letters for 30 days and delete them after', () => {
    // 30 days = 30 * 86 400 000 ms
    expect(DLQ_CONFIG).toEqual({ 'retention.ms': '2592000000', 'cleanup.policy': 'delete' });
  });
});

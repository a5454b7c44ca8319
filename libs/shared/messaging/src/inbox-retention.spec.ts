import { defineTopic, TOPICS } from '@tradeflow/shared/contracts';
import { inboxRetentionProblem, inboxRetentionRule, redeliveryWindowMs } from './inbox-retention';

const DAY = 86_400_000;

describe('how long Kafka may redeliver a record', () => {
  it('is retention.ms plus segment.ms (7 days unless the topic sets it): 14 days for the event topics', () => {
    // 7 days of retention.ms (604,800,000 ms) + 7 days of segment.ms.
    expect(redeliveryWindowMs(TOPICS.tradeApproved)).toBe(1_209_600_000);
    const short = defineTopic('test.short-lived.happened.v1', 'test', 'id', undefined, {
      config: { 'retention.ms': '129600000', 'segment.ms': '43200000' }, // 36 h + 12 h
    });
    expect(redeliveryWindowMs(short)).toBe(172_800_000);
    const both = defineTopic('test.both-ways.happened.v1', 'test', 'id', undefined, {
      config: { 'cleanup.policy': 'compact,delete' },
    });
    expect(redeliveryWindowMs(both)).toBe(1_209_600_000);
  });

  it('has no end for a compacted topic, nor for one kept forever', () => {
    expect(redeliveryWindowMs(TOPICS.instrumentUpserted)).toBeUndefined();
    const forever = defineTopic('test.forever.happened.v1', 'test', 'id', undefined, {
      config: { 'retention.ms': '-1' },
    });
    expect(redeliveryWindowMs(forever)).toBeUndefined();
  });
});

describe('inboxRetentionProblem', () => {
  const consumed = [TOPICS.tradeApproved, TOPICS.tradeCleared, TOPICS.settlementSettled];

  it('accepts a retention at least as long as the longest window of the consumed topics', () => {
    expect(inboxRetentionProblem(15 * DAY, consumed)).toBeUndefined();
    expect(inboxRetentionProblem(14 * DAY, consumed)).toBeUndefined();
    expect(inboxRetentionProblem(1, [])).toBeUndefined();
  });

  it('refuses a shorter one in one line naming the topic and the least to set', () => {
    expect(inboxRetentionProblem(13 * DAY, consumed)).toBe(
      'is 13 days, but Kafka may redeliver an event of mo.trade.approved.v1 for up to 14 days ' +
        '(retention.ms 7 days, plus up to segment.ms 7 days until its segment is deleted whole): set 14 or more',
    );
    expect(inboxRetentionProblem(14 * DAY - 1, consumed)).toMatch(/: set 14 or more$/);
    const short = defineTopic('test.short-lived.happened.v1', 'test', 'id', undefined, {
      config: { 'retention.ms': '129600000', 'segment.ms': '43200000' }, // 36 h + 12 h
    });
    expect(inboxRetentionProblem(DAY, [short])).toBe(
      'is 1 day, but Kafka may redeliver an event of test.short-lived.happened.v1 for up to 2 days ' +
        '(retention.ms 1.5 days, plus up to segment.ms 0.5 days until its segment is deleted whole): set 2 or more',
    );
  });

  it('leaves compacted topics out: their inbox rows are kept', () => {
    expect(inboxRetentionProblem(DAY, [TOPICS.bookUpserted, TOPICS.counterpartyUpserted])).toBeUndefined();
    expect(inboxRetentionProblem(DAY, [TOPICS.bookUpserted, TOPICS.ledgerPosted])).toMatch(
      /^is 1 day, but Kafka may redeliver an event of bo\.ledger\.posted\.v1 for up to 14 days/,
    );
  });
});

describe('inboxRetentionRule', () => {
  it('prunes inbox rows by applied_at, keeping those of the topics Kafka may redeliver without end', () => {
    expect(inboxRetentionRule(15 * DAY, Object.values(TOPICS))).toEqual({
      table: 'inbox',
      column: 'applied_at',
      retentionMs: 1_296_000_000,
      keep: {
        column: 'topic',
        values: ['ref.instrument.upserted.v1', 'ref.counterparty.upserted.v1', 'ref.book.upserted.v1'],
      },
    });
  });
});

import { Dec } from '@tradeflow/shared/money';
import {
  CHECK_CODES,
  type CheckCode,
  type CheckContext,
  type CheckedTrade,
  type CheckResult,
  decide,
  formatAmount,
  localNotional,
  notionalUsd,
  toDecisionRecord,
} from './pre-trade-checks';

const d = (v: string): Dec => new Dec(v);

/** BUY 1,000 AAPL at 190.00 USD: notional 190,000.00 USD. */
const trade: CheckedTrade = {
  book: 'EQ-US-1',
  trader: 't.jones',
  side: 'BUY',
  instrumentId: 'AAPL',
  instrumentType: 'EQUITY',
  quantity: d('1000'),
  price: d('190.00'),
  notionalCurrency: 'USD',
  usdRate: d('1'),
  counterparty: 'GSCO',
  tradeTime: '2026-12-04T14:00:00Z',
};

/** Generous figures: the trade above passes every check. */
const context: CheckContext = {
  restrictedInstruments: new Set(['XYZ']),
  referencePrice: d('190.00'),
  bookTradeNotionalLimit: d('1000000'),
  traderDailyNotional: d('500000'),
  traderDailyLimit: d('5000000'),
  counterpartyExposure: d('2000000'),
  counterpartyCreditLimit: d('10000000'),
  bookPosition: d('0'),
  bookPositionLimit: d('100000'),
  recentFills: [],
};

const check = (checks: readonly CheckResult[], code: CheckCode): CheckResult => {
  const found = checks.find((c) => c.code === code);
  if (found === undefined) throw new Error(`no ${code}`);
  return found;
};
const fired = (checks: readonly CheckResult[]): CheckCode[] =>
  checks.filter((c) => c.outcome !== 'passed').map((c) => c.code);
const str = (v: Dec | null): string | null => (v === null ? null : v.toFixed());

describe('decide', () => {
  it('approves a clean trade and lists every check, passed, in order', () => {
    const result = decide(trade, context);
    expect(result.decision).toBe('APPROVED');
    expect(result.checks.map((c) => c.code)).toEqual([...CHECK_CODES]);
    expect(fired(result.checks)).toEqual([]);
    expect(result.notionalUsd.toFixed()).toBe('190000');
    expect(check(result.checks, 'MAX_TRADE_NOTIONAL').reason).toBe(
      "notional is 190,000.00 USD, within book EQ-US-1's per-trade limit of 1,000,000.00 USD",
    );
  });

  it('RESTRICTED_INSTRUMENT: rejects an instrument on the restricted list', () => {
    const result = decide(trade, { ...context, restrictedInstruments: new Set(['AAPL']) });
    expect(result.decision).toBe('REJECTED');
    expect(fired(result.checks)).toEqual(['RESTRICTED_INSTRUMENT']);
    const c = check(result.checks, 'RESTRICTED_INSTRUMENT');
    expect(c.outcome).toBe('reject');
    expect(c.reason).toBe('instrument AAPL is on the restricted list');
  });

  it('a reject wins over holds', () => {
    const result = decide(trade, {
      ...context,
      restrictedInstruments: new Set(['AAPL']),
      referencePrice: d('150.00'),
      bookTradeNotionalLimit: d('100000'),
    });
    expect(fired(result.checks)).toEqual(['RESTRICTED_INSTRUMENT', 'PRICE_TOLERANCE', 'MAX_TRADE_NOTIONAL']);
    expect(result.decision).toBe('REJECTED');
  });

  it('PRICE_TOLERANCE: 190.00 against 180.00 is 10/180 = 5.5556% off, above the 5% equity band', () => {
    const result = decide(trade, { ...context, referencePrice: d('180.00') });
    expect(result.decision).toBe('HELD');
    expect(fired(result.checks)).toEqual(['PRICE_TOLERANCE']);
    const c = check(result.checks, 'PRICE_TOLERANCE');
    expect(str(c.limit)).toBe('0.05');
    expect(c.usageAfter?.eq(d('10').div(d('180')))).toBe(true);
    expect(c.reason).toBe('price 190 is 5.5556% off the reference price 180, above the 5% band');
  });

  it('PRICE_TOLERANCE boundary: exactly 5% off passes, 5.005% holds', () => {
    const at = decide(trade, { ...context, referencePrice: d('200.00') }); // |190 − 200| / 200 = 0.05
    expect(check(at.checks, 'PRICE_TOLERANCE').outcome).toBe('passed');
    expect(str(check(at.checks, 'PRICE_TOLERANCE').usageAfter)).toBe('0.05');
    const above = decide({ ...trade, price: d('210.01') }, { ...context, referencePrice: d('200.00') });
    expect(check(above.checks, 'PRICE_TOLERANCE').outcome).toBe('hold');
    expect(str(check(above.checks, 'PRICE_TOLERANCE').usageAfter)).toBe('0.05005');
  });

  it('PRICE_TOLERANCE: a deviation just above the band never reads as equal to it', () => {
    const result = decide({ ...trade, price: d('210.00002') }, { ...context, referencePrice: d('200') });
    const c = check(result.checks, 'PRICE_TOLERANCE');
    expect([c.outcome, str(c.usageAfter)]).toEqual(['hold', '0.0500001']);
    expect(c.reason).toBe('price 210.00002 is 5.0001% off the reference price 200, above the 5% band');
  });

  it('PRICE_TOLERANCE uses the band of the instrument type, configurable', () => {
    const ctx = { ...context, referencePrice: d('100.00') };
    const bond = { ...trade, instrumentType: 'BOND' as const, price: d('102.00') }; // 2% exactly
    expect(check(decide(bond, ctx).checks, 'PRICE_TOLERANCE').outcome).toBe('passed');
    expect(check(decide({ ...bond, price: d('102.01') }, ctx).checks, 'PRICE_TOLERANCE').outcome).toBe(
      'hold',
    );
    const fx = { ...trade, instrumentType: 'FX_SPOT' as const, price: d('101.01') }; // 1.01% > 1%
    expect(check(decide(fx, ctx).checks, 'PRICE_TOLERANCE').outcome).toBe('hold');
    const wider = { ...ctx, priceBands: { FX_SPOT: d('0.02') } };
    expect(check(decide(fx, wider).checks, 'PRICE_TOLERANCE').outcome).toBe('passed');
  });

  it('PRICE_TOLERANCE: a missing reference price holds, it never passes silently', () => {
    const result = decide(trade, { ...context, referencePrice: undefined });
    expect(result.decision).toBe('HELD');
    expect(fired(result.checks)).toEqual(['PRICE_TOLERANCE']);
    expect(check(result.checks, 'PRICE_TOLERANCE').reason).toBe(
      'no usable reference price for AAPL, so price 190 cannot be checked against the 5% band',
    );
  });

  it('MAX_TRADE_NOTIONAL: 1,000 × 190.00 = 190,000.00 USD above a 150,000.00 USD per-trade limit', () => {
    const result = decide(trade, { ...context, bookTradeNotionalLimit: d('150000') });
    expect(result.decision).toBe('HELD');
    expect(fired(result.checks)).toEqual(['MAX_TRADE_NOTIONAL']);
    const c = check(result.checks, 'MAX_TRADE_NOTIONAL');
    expect([str(c.limit), str(c.usageBefore), str(c.usageAfter)]).toEqual(['150000', '0', '190000']);
    expect(c.reason).toBe(
      "notional is 190,000.00 USD, above book EQ-US-1's per-trade limit of 150,000.00 USD",
    );
  });

  it('MAX_TRADE_NOTIONAL boundary: exactly at the limit passes, a cent below it holds', () => {
    expect(
      check(
        decide(trade, { ...context, bookTradeNotionalLimit: d('190000.00') }).checks,
        'MAX_TRADE_NOTIONAL',
      ).outcome,
    ).toBe('passed');
    expect(
      check(
        decide(trade, { ...context, bookTradeNotionalLimit: d('189999.99') }).checks,
        'MAX_TRADE_NOTIONAL',
      ).outcome,
    ).toBe('hold');
  });

  it('a missing limit holds, saying no limit is set', () => {
    const result = decide(trade, { ...context, bookTradeNotionalLimit: undefined });
    expect(fired(result.checks)).toEqual(['MAX_TRADE_NOTIONAL']);
    const c = check(result.checks, 'MAX_TRADE_NOTIONAL');
    expect(c.limit).toBeNull();
    expect(c.reason).toBe("notional is 190,000.00 USD, but book EQ-US-1's per-trade limit is not set");
  });

  it('TRADER_DAILY_NOTIONAL: 4,900,000.00 + 190,000.00 = 5,090,000.00 USD above 5,000,000.00 USD', () => {
    const result = decide(trade, { ...context, traderDailyNotional: d('4900000') });
    expect(fired(result.checks)).toEqual(['TRADER_DAILY_NOTIONAL']);
    const c = check(result.checks, 'TRADER_DAILY_NOTIONAL');
    expect([str(c.limit), str(c.usageBefore), str(c.usageAfter)]).toEqual(['5000000', '4900000', '5090000']);
    expect(c.reason).toBe(
      "trader t.jones's gross notional today with this trade is 5,090,000.00 USD, above their daily limit of 5,000,000.00 USD",
    );
  });

  it('TRADER_DAILY_NOTIONAL boundary: 4,810,000.00 + 190,000.00 = exactly 5,000,000.00 passes', () => {
    const c = check(
      decide(trade, { ...context, traderDailyNotional: d('4810000') }).checks,
      'TRADER_DAILY_NOTIONAL',
    );
    expect(c.outcome).toBe('passed');
    expect(str(c.usageAfter)).toBe('5000000');
    const over = decide(trade, { ...context, traderDailyNotional: d('4810000.01') });
    expect(check(over.checks, 'TRADER_DAILY_NOTIONAL').outcome).toBe('hold');
  });

  it('COUNTERPARTY_EXPOSURE: 9,850,000.00 + 190,000.00 = 10,040,000.00 USD above 10,000,000.00 USD', () => {
    const result = decide(trade, { ...context, counterpartyExposure: d('9850000') });
    expect(fired(result.checks)).toEqual(['COUNTERPARTY_EXPOSURE']);
    const c = check(result.checks, 'COUNTERPARTY_EXPOSURE');
    expect([str(c.limit), str(c.usageBefore), str(c.usageAfter)]).toEqual([
      '10000000',
      '9850000',
      '10040000',
    ]);
    expect(c.reason).toBe(
      "counterparty GSCO's unsettled exposure with this trade is 10,040,000.00 USD, above its credit limit of 10,000,000.00 USD",
    );
  });

  it('COUNTERPARTY_EXPOSURE boundary: exactly at the credit limit passes', () => {
    const c = check(
      decide(trade, { ...context, counterpartyExposure: d('9810000') }).checks,
      'COUNTERPARTY_EXPOSURE',
    );
    expect(c.outcome).toBe('passed');
  });

  it('BOOK_POSITION_LIMIT: long 99,500 + buy 1,000 = 100,500 above 100,000', () => {
    const result = decide(trade, { ...context, bookPosition: d('99500') });
    expect(fired(result.checks)).toEqual(['BOOK_POSITION_LIMIT']);
    const c = check(result.checks, 'BOOK_POSITION_LIMIT');
    expect([str(c.limit), str(c.usageBefore), str(c.usageAfter)]).toEqual(['100000', '99500', '100500']);
    expect(c.reason).toBe(
      "book EQ-US-1's absolute position in AAPL after the trade is 100,500, above its position limit of 100,000",
    );
  });

  it('BOOK_POSITION_LIMIT: a sell reduces a long, a sell deepens a short; exactly at the limit passes', () => {
    const sell = { ...trade, side: 'SELL' as const };
    const reduce = check(
      decide(sell, { ...context, bookPosition: d('100500') }).checks,
      'BOOK_POSITION_LIMIT',
    );
    expect([reduce.outcome, str(reduce.usageBefore), str(reduce.usageAfter)]).toEqual([
      'passed',
      '100500',
      '99500',
    ]);
    const short = check(
      decide(sell, { ...context, bookPosition: d('-99500') }).checks,
      'BOOK_POSITION_LIMIT',
    );
    expect([short.outcome, str(short.usageBefore), str(short.usageAfter)]).toEqual([
      'hold',
      '99500',
      '100500',
    ]);
    const at = check(decide(trade, { ...context, bookPosition: d('99000') }).checks, 'BOOK_POSITION_LIMIT');
    expect([at.outcome, str(at.usageAfter)]).toEqual(['passed', '100000']);
  });

  it('WASH_TRADE: the book sold AAPL at 190.00 30 s before this buy at 190.00', () => {
    const result = decide(trade, {
      ...context,
      recentFills: [{ tradeId: 'T-1', side: 'SELL', price: d('190.0'), tradeTime: '2026-12-04T13:59:30Z' }],
    });
    expect(result.decision).toBe('HELD');
    expect(fired(result.checks)).toEqual(['WASH_TRADE']);
    expect(check(result.checks, 'WASH_TRADE').reason).toBe(
      'book EQ-US-1 buys AAPL at 190 30 s from its sell T-1 at the same price',
    );
  });

  it('WASH_TRADE boundary: exactly 60 s holds, 60.001 s, the same side or another price pass', () => {
    const washes = (side: 'BUY' | 'SELL', price: string, tradeTime: string): string =>
      check(
        decide(trade, { ...context, recentFills: [{ tradeId: 'T-1', side, price: d(price), tradeTime }] })
          .checks,
        'WASH_TRADE',
      ).outcome;
    expect(washes('SELL', '190', '2026-12-04T13:59:00Z')).toBe('hold');
    expect(washes('SELL', '190', '2026-12-04T14:01:00Z')).toBe('hold');
    expect(washes('SELL', '190', '2026-12-04T13:58:59.999Z')).toBe('passed');
    expect(washes('BUY', '190', '2026-12-04T13:59:30Z')).toBe('passed');
    expect(washes('SELL', '190.01', '2026-12-04T13:59:30Z')).toBe('passed');
  });

  it('WASH_TRADE: an unreadable trade time holds rather than passing silently', () => {
    const result = decide({ ...trade, tradeTime: 'yesterday' }, context);
    expect(fired(result.checks)).toEqual(['WASH_TRADE']);
    expect(check(result.checks, 'WASH_TRADE').reason).toBe(
      'trade time "yesterday" is not an instant, so wash trades of book EQ-US-1 in AAPL cannot be checked',
    );
  });
});

describe('notional', () => {
  it('bond: nominal 2,000,000 × clean 98.75 / 100 = 1,975,000.00 EUR × 1.08 = 2,133,000.00 USD', () => {
    const bond: CheckedTrade = {
      ...trade,
      instrumentType: 'BOND',
      quantity: d('2000000'),
      price: d('98.75'),
      notionalCurrency: 'EUR',
      usdRate: d('1.08'),
    };
    expect(localNotional(bond).toFixed()).toBe('1975000');
    expect(notionalUsd(bond).toFixed()).toBe('2133000');
  });

  it('FX spot: base 5,000,000 EUR at 1.0850 USD = 5,425,000.00 USD', () => {
    const fx: CheckedTrade = {
      ...trade,
      instrumentType: 'FX_SPOT',
      quantity: d('5000000'),
      price: d('1.0850'),
      notionalCurrency: 'EUR',
      usdRate: d('1.0850'),
    };
    expect(localNotional(fx).toFixed()).toBe('5000000');
    expect(notionalUsd(fx).toFixed()).toBe('5425000');
  });

  it('formats amounts with separators', () => {
    expect(formatAmount(d('1250000'), 2)).toBe('1,250,000.00');
    expect(formatAmount(d('-1234.5'))).toBe('-1,234.5');
    expect(formatAmount(d('999'), 2)).toBe('999.00');
  });
});

describe('toDecisionRecord', () => {
  // Neither the sentence nor the figures round: …000.005 stays …000.005.
  it('gives every figure as an exact decimal string', () => {
    const record = toDecisionRecord(decide(trade, { ...context, traderDailyNotional: d('4900000.005') }));
    expect(record.decision).toBe('HELD');
    expect(record.notionalUsd).toBe('190000');
    expect(record.checks.find((c) => c.code === 'TRADER_DAILY_NOTIONAL')).toEqual({
      code: 'TRADER_DAILY_NOTIONAL',
      outcome: 'hold',
      limit: '5000000',
      usageBefore: '4900000.005',
      usageAfter: '5090000.005',
      reason:
        "trader t.jones's gross notional today with this trade is 5,090,000.005 USD, above their daily limit of 5,000,000.00 USD",
    });
    expect(record.checks.find((c) => c.code === 'RESTRICTED_INSTRUMENT')).toMatchObject({
      limit: null,
      usageBefore: null,
      usageAfter: null,
    });
  });
});

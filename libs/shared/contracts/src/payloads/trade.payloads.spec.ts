import { TOPICS } from '../topic-registry';
import { payloadFields, without } from './payload-spec.helpers';
import type { TradeAmendedPayload, TradeCancelledPayload, TradeCapturedPayload } from './trade.payloads';

// 1000 × 190.25 = 190,250.00 gross; a buy pays the commission on top: 190,262.50 net.
const equityBuy = {
  tradeId: 'T-20261120-000123',
  version: 1,
  book: 'EQ-US-FLOW',
  trader: 'alice',
  side: 'BUY',
  instrumentId: 'US0378331005',
  instrumentType: 'EQUITY',
  quantity: '1000',
  price: '190.25',
  currency: 'USD',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  settlementDate: '2026-11-23',
  venueMic: 'XNAS',
  commission: '12.50',
  externalRef: 'OMS-88412',
  grossAmount: '190250.00',
  netAmount: '190262.50',
  status: 'CAPTURED',
} satisfies TradeCapturedPayload;

// 5,000,000 nominal × 98.765 / 100 = 4,938,250.00 clean, + 12,345.67 accrued = 4,950,595.67.
const bondSell = {
  tradeId: 'T-20261120-000124',
  version: 1,
  book: 'RATES-UST',
  trader: 'carol',
  side: 'SELL',
  instrumentId: 'US91282CJL54',
  instrumentType: 'BOND',
  quantity: '5000000',
  price: '98.765',
  currency: 'USD',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  settlementDate: '2026-11-23',
  grossAmount: '4950595.67',
  accruedInterest: '12345.67',
  netAmount: '4950595.67',
  status: 'CAPTURED',
} satisfies TradeCapturedPayload;

// 10,000,000 EUR × 1.0845 = 10,845,000.00 USD, the counter leg.
const fxBuy = {
  tradeId: 'T-20261120-000125',
  version: 1,
  book: 'FX-SPOT',
  trader: 'dave',
  side: 'BUY',
  instrumentId: 'EUR/USD',
  instrumentType: 'FX_SPOT',
  quantity: '10000000',
  price: '1.0845',
  currency: 'USD',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  settlementDate: '2026-11-24',
  grossAmount: '10845000.00',
  netAmount: '10845000.00',
  counterAmount: '10845000.00',
  counterCurrency: 'USD',
  status: 'CAPTURED',
} satisfies TradeCapturedPayload;

const amended = {
  ...equityBuy,
  version: 2,
  previousVersion: 1,
  quantity: '1200',
  grossAmount: '228300.00',
  netAmount: '228312.50',
} satisfies TradeAmendedPayload;

const cancelled = {
  tradeId: 'T-20261120-000123',
  version: 2,
  reason: 'booked in the wrong book',
} satisfies TradeCancelledPayload;

describe('trade.captured', () => {
  it.each([
    ['an equity buy', equityBuy],
    [
      'an equity without the optional venue, commission and reference',
      without(without(equityBuy, 'venueMic'), 'commission'),
    ],
    ['a bond sell with accrued interest', bondSell],
    ['an FX spot with its counter leg', fxBuy],
    [
      'a fractional quantity of 6 decimals and a price of 8',
      { ...equityBuy, quantity: '0.123456', price: '0.00000001' },
    ],
  ])('accepts %s', (_, payload) => {
    expect(payloadFields(TOPICS.tradeCaptured, payload)).toEqual([]);
  });

  it.each([
    ['a quantity of 1e309', { ...equityBuy, quantity: '1e309' }, 'payload.quantity'],
    ['a quantity of 7 decimals', { ...equityBuy, quantity: '1.0000001' }, 'payload.quantity'],
    ['a zero quantity', { ...equityBuy, quantity: '0.000' }, 'payload.quantity'],
    ['a negative quantity', { ...equityBuy, quantity: '-1000' }, 'payload.quantity'],
    ['a price with 9 decimals', { ...equityBuy, price: '190.250000001' }, 'payload.price'],
    ['a price sent as a number', { ...equityBuy, price: 190.25 }, 'payload.price'],
    ['a price of NaN', { ...equityBuy, price: 'NaN' }, 'payload.price'],
    ['a net amount of 4 decimals', { ...equityBuy, netAmount: '190262.5000' }, 'payload.netAmount'],
    ['a missing tradeId', without(equityBuy, 'tradeId'), 'payload.tradeId'],
    ['a trade id of another shape', { ...equityBuy, tradeId: 'T-123' }, 'payload.tradeId'],
    ['version 0', { ...equityBuy, version: 0 }, 'payload.version'],
    ['a side of B', { ...equityBuy, side: 'B' }, 'payload.side'],
    ['an unknown status', { ...equityBuy, status: 'BOOKED' }, 'payload.status'],
    ['a lower-case currency', { ...equityBuy, currency: 'usd' }, 'payload.currency'],
    ['a trade date with a time', { ...equityBuy, tradeDate: '2026-11-20T00:00:00Z' }, 'payload.tradeDate'],
    [
      'a settlement date in month 13',
      { ...equityBuy, settlementDate: '2026-13-01' },
      'payload.settlementDate',
    ],
    ['a venue that is not a MIC', { ...equityBuy, venueMic: 'NASDAQ' }, 'payload.venueMic'],
    ['an unknown field', { ...equityBuy, trader2: 'bob' }, 'payload.trader2'],
    [
      'a previousVersion, which only amendments carry',
      { ...equityBuy, previousVersion: 1 },
      'payload.previousVersion',
    ],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeCaptured, payload)).toEqual([field]);
  });

  it.each([
    ['a bond without accrued interest', without(bondSell, 'accruedInterest'), 'payload.accruedInterest'],
    ['an equity with accrued interest', { ...equityBuy, accruedInterest: '1.00' }, 'payload'],
    ['an FX trade without its counter amount', without(fxBuy, 'counterAmount'), 'payload.counterAmount'],
    ['an equity with a counter currency', { ...equityBuy, counterCurrency: 'EUR' }, 'payload'],
    ['a bad ISIN', { ...equityBuy, instrumentId: 'US037833100' }, 'payload.instrumentId'],
    [
      'an FX trade whose instrument is an ISIN',
      { ...fxBuy, instrumentId: 'US0378331005' },
      'payload.instrumentId',
    ],
    [
      'an equity whose instrument is a pair',
      { ...equityBuy, instrumentId: 'EUR/USD' },
      'payload.instrumentId',
    ],
  ])('refuses %s, which its instrument type does not allow', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeCaptured, payload)).toContain(field);
  });
});

describe('trade.amended', () => {
  it('accepts the new version of a trade with the version it supersedes', () => {
    expect(payloadFields(TOPICS.tradeAmended, amended)).toEqual([]);
  });

  it.each([
    ['no previousVersion', without(amended, 'previousVersion'), 'payload.previousVersion'],
    ['a previousVersion as a string', { ...amended, previousVersion: '1' }, 'payload.previousVersion'],
    ['a quantity of 1e309', { ...amended, quantity: '1e309' }, 'payload.quantity'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeAmended, payload)).toEqual([field]);
  });
});

describe('trade.cancelled', () => {
  it('accepts a cancellation with its reason', () => {
    expect(payloadFields(TOPICS.tradeCancelled, cancelled)).toEqual([]);
  });

  it.each([
    ['a missing tradeId', without(cancelled, 'tradeId'), 'payload.tradeId'],
    ['an empty reason', { ...cancelled, reason: '' }, 'payload.reason'],
    ['the trade carried along', { ...cancelled, quantity: '1000' }, 'payload.quantity'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeCancelled, payload)).toEqual([field]);
  });
});

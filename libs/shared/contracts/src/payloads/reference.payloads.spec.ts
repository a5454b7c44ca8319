import { TOPICS } from '../topic-registry';
import { payloadFields, without } from './payload-spec.helpers';
import type {
  BondInstrumentPayload,
  BookUpsertedPayload,
  CounterpartyUpsertedPayload,
  EquityInstrumentPayload,
  FxSpotInstrumentPayload,
} from './reference.payloads';

const apple = {
  type: 'EQUITY',
  instrumentId: 'US0378331005',
  isin: 'US0378331005',
  ticker: 'AAPL',
  name: 'Apple Inc.',
  currency: 'USD',
  mic: 'XNAS',
  ccp: 'NSCC',
  settlementMarket: 'US',
  minIncrement: '1',
} satisfies EquityInstrumentPayload;

const treasury = {
  type: 'BOND',
  instrumentId: 'US91282CJL54',
  isin: 'US91282CJL54',
  name: 'US Treasury 4.375% 30 Nov 2028',
  currency: 'USD',
  issuerType: 'GOVERNMENT',
  couponRate: '4.375',
  couponFrequency: 2,
  dayCount: 'ACT/ACT-ICMA',
  issueDate: '2023-11-30',
  maturityDate: '2028-11-30',
  minIncrement: '100',
  settlementMarket: 'US',
} satisfies BondInstrumentPayload;

const eurusd = {
  type: 'FX_SPOT',
  instrumentId: 'EUR/USD',
  pair: 'EUR/USD',
  baseCurrency: 'EUR',
  currency: 'USD',
  name: 'Euro / US Dollar',
} satisfies FxSpotInstrumentPayload;

const counterparty = {
  lei: 'W22LROWP2IHZNBB6K528',
  name: 'Goldman Sachs International',
  shortName: 'GSI',
  country: 'GB',
  bic: 'GOLDGB2L',
  creditLimitUsd: '500000000',
  active: true,
} satisfies CounterpartyUpsertedPayload;

const book = {
  book: 'EQ-US-FLOW',
  name: 'US equities flow',
  traders: ['alice', 'erin'],
  baseCurrency: 'USD',
  instrumentTypes: ['EQUITY'],
  limits: { maxTradeNotionalUsd: '25000000', positionLimit: '500000' },
} satisfies BookUpsertedPayload;

describe('instrument.upserted', () => {
  it.each([
    ['an equity', apple],
    ['an equity that settles bilaterally (no CCP, no ticker)', without(apple, 'ccp')],
    ['a government bond', treasury],
    [
      'a corporate bond with a dated date',
      { ...treasury, issuerType: 'CORPORATE', dayCount: '30/360', datedDate: '2023-12-01' },
    ],
    ['an FX pair', eurusd],
  ])('accepts %s', (_, payload) => {
    expect(payloadFields(TOPICS.instrumentUpserted, payload)).toEqual([]);
  });

  it.each([
    ['a bad ISIN', { ...apple, isin: 'US037833100A' }, 'payload.isin'],
    ['an equity without its MIC', without(apple, 'mic'), 'payload.mic'],
    ['a bond field on an equity', { ...apple, couponRate: '4.375' }, 'payload.couponRate'],
    ['a bond without a day count', without(treasury, 'dayCount'), 'payload.dayCount'],
    ['an unknown day count', { ...treasury, dayCount: 'ACT/360' }, 'payload.dayCount'],
    [
      'a maturity date that is not YYYY-MM-DD',
      { ...treasury, maturityDate: '30/11/2028' },
      'payload.maturityDate',
    ],
    ['a coupon frequency of 3', { ...treasury, couponFrequency: 3 }, 'payload.couponFrequency'],
    ['an FX pair without a slash', { ...eurusd, pair: 'EURUSD' }, 'payload.pair'],
    ['an unknown instrument type', { ...apple, type: 'FUTURE' }, 'payload.type'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.instrumentUpserted, payload)).toContain(field);
  });
});

describe('counterparty.upserted', () => {
  it('accepts a counterparty', () => {
    expect(payloadFields(TOPICS.counterpartyUpserted, counterparty)).toEqual([]);
    expect(payloadFields(TOPICS.counterpartyUpserted, { ...counterparty, active: false })).toEqual([]);
  });

  it.each([
    ['a LEI of 19 characters', { ...counterparty, lei: 'W22LROWP2IHZNBB6K52' }, 'payload.lei'],
    [
      'a LEI with letters in its check digits',
      { ...counterparty, lei: 'W22LROWP2IHZNBB6K5AB' },
      'payload.lei',
    ],
    ['a credit limit as a number', { ...counterparty, creditLimitUsd: 500000000 }, 'payload.creditLimitUsd'],
    ['a negative credit limit', { ...counterparty, creditLimitUsd: '-1' }, 'payload.creditLimitUsd'],
    ['a three-letter country', { ...counterparty, country: 'GBR' }, 'payload.country'],
    ['active as a string', { ...counterparty, active: 'yes' }, 'payload.active'],
    ['a missing name', without(counterparty, 'name'), 'payload.name'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.counterpartyUpserted, payload)).toEqual([field]);
  });
});

describe('book.upserted', () => {
  it('accepts a book', () => {
    expect(payloadFields(TOPICS.bookUpserted, book)).toEqual([]);
  });

  it.each([
    ['a lower-case book code', { ...book, book: 'eq-us-flow' }, 'payload.book'],
    ['a trader listed twice', { ...book, traders: ['alice', 'alice'] }, 'payload.traders'],
    [
      'a limit in exponent notation',
      { ...book, limits: { ...book.limits, maxTradeNotionalUsd: '2.5e7' } },
      'payload.limits.maxTradeNotionalUsd',
    ],
    [
      'an unknown limit',
      { ...book, limits: { ...book.limits, maxLoss: '1000000' } },
      'payload.limits.maxLoss',
    ],
    ['no limits', without(book, 'limits'), 'payload.limits'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.bookUpserted, payload)).toEqual([field]);
  });
});

// Static data owned by trade-capture: ref.instrument|counterparty|book.upserted.v1 (compacted, keyed by
// instrument id, LEI and book). Each event carries the whole record, so the latest one per key is the state.
import {
  amountSchema,
  bicSchema,
  bookSchema,
  ccpSchema,
  countrySchema,
  currencySchema,
  dateSchema,
  fxPairSchema,
  idSchema,
  INSTRUMENT_TYPES,
  isinSchema,
  leiSchema,
  micSchema,
  objectSchema,
  quantitySchema,
  settlementMarketSchema,
  textSchema,
  type InstrumentType,
  type SettlementMarket,
} from './common.schemas';

export type IssuerType = 'GOVERNMENT' | 'CORPORATE';
export type DayCount = 'ACT/ACT-ICMA' | '30/360';

export interface EquityInstrumentPayload {
  type: 'EQUITY';
  /** The ISIN. */
  instrumentId: string;
  isin: string;
  ticker?: string;
  name: string;
  /** Trading currency of the listing. */
  currency: string;
  /** MIC of the listing. */
  mic: string;
  /** CCP code when CCP-eligible; absent means it settles bilaterally. */
  ccp?: string;
  settlementMarket: SettlementMarket;
  /** Smallest tradable quantity step, in shares. */
  minIncrement: string;
}

export interface BondInstrumentPayload {
  type: 'BOND';
  /** The ISIN. */
  instrumentId: string;
  isin: string;
  name: string;
  currency: string;
  issuerType: IssuerType;
  /** Annual coupon in percent: '4.25' is 4.25 %. */
  couponRate: string;
  /** Coupons per year. */
  couponFrequency: 1 | 2 | 4 | 12;
  dayCount: DayCount;
  issueDate: string;
  maturityDate: string;
  /** Accrual start when it differs from the issue date. */
  datedDate?: string;
  /** Nominal step a trade's quantity must be a multiple of. */
  minIncrement: string;
  settlementMarket: SettlementMarket;
}

export interface FxSpotInstrumentPayload {
  type: 'FX_SPOT';
  /** The pair, `BASE/QUOTE`. */
  instrumentId: string;
  pair: string;
  baseCurrency: string;
  /** The quote currency: the one prices are in. */
  currency: string;
  name: string;
}

export type InstrumentUpsertedPayload =
  EquityInstrumentPayload | BondInstrumentPayload | FxSpotInstrumentPayload;

export const equityInstrumentSchema = objectSchema<EquityInstrumentPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['type', 'instrumentId', 'isin', 'name', 'currency', 'mic', 'settlementMarket', 'minIncrement'],
  properties: {
    type: { const: 'EQUITY' },
    instrumentId: isinSchema,
    isin: isinSchema,
    ticker: { type: 'string', pattern: '^[A-Z0-9.]{1,12}$' },
    name: textSchema,
    currency: currencySchema,
    mic: micSchema,
    ccp: ccpSchema,
    settlementMarket: settlementMarketSchema,
    minIncrement: quantitySchema,
  },
});

export const bondInstrumentSchema = objectSchema<BondInstrumentPayload>()({
  type: 'object',
  additionalProperties: false,
  required: [
    'type',
    'instrumentId',
    'isin',
    'name',
    'currency',
    'issuerType',
    'couponRate',
    'couponFrequency',
    'dayCount',
    'issueDate',
    'maturityDate',
    'minIncrement',
    'settlementMarket',
  ],
  properties: {
    type: { const: 'BOND' },
    instrumentId: isinSchema,
    isin: isinSchema,
    name: textSchema,
    currency: currencySchema,
    issuerType: { type: 'string', enum: ['GOVERNMENT', 'CORPORATE'] },
    couponRate: { type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,8})?$' },
    couponFrequency: { type: 'integer', enum: [1, 2, 4, 12] },
    dayCount: { type: 'string', enum: ['ACT/ACT-ICMA', '30/360'] },
    issueDate: dateSchema,
    maturityDate: dateSchema,
    datedDate: dateSchema,
    minIncrement: quantitySchema,
    settlementMarket: settlementMarketSchema,
  },
});

export const fxSpotInstrumentSchema = objectSchema<FxSpotInstrumentPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['type', 'instrumentId', 'pair', 'baseCurrency', 'currency', 'name'],
  properties: {
    type: { const: 'FX_SPOT' },
    instrumentId: fxPairSchema,
    pair: fxPairSchema,
    baseCurrency: currencySchema,
    currency: currencySchema,
    name: textSchema,
  },
});

/** One of the three instrument shapes, told apart by `type`. */
export const instrumentUpsertedSchema = {
  title: 'instrument.upserted payload',
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', enum: INSTRUMENT_TYPES } },
  oneOf: [equityInstrumentSchema, bondInstrumentSchema, fxSpotInstrumentSchema],
} as const;

export interface CounterpartyUpsertedPayload {
  /** ISO 17442 LEI; the key. */
  lei: string;
  name: string;
  shortName?: string;
  /** ISO 3166 alpha-2 of the legal seat. */
  country: string;
  /** BIC the counterparty is known by on settlement messages. */
  bic?: string;
  /** Unsettled exposure allowed, in USD (the reporting currency). */
  creditLimitUsd: string;
  /** False once the counterparty may no longer be traded with. */
  active: boolean;
}

export const counterpartyUpsertedSchema = objectSchema<CounterpartyUpsertedPayload>()({
  title: 'counterparty.upserted payload',
  type: 'object',
  additionalProperties: false,
  required: ['lei', 'name', 'country', 'creditLimitUsd', 'active'],
  properties: {
    lei: leiSchema,
    name: textSchema,
    shortName: textSchema,
    country: countrySchema,
    bic: bicSchema,
    creditLimitUsd: amountSchema,
    active: { type: 'boolean' },
  },
});

export interface BookLimitsPayload {
  /** MAX_TRADE_NOTIONAL: one trade's notional, in USD. */
  maxTradeNotionalUsd: string;
  /** BOOK_POSITION_LIMIT: absolute position per instrument after a trade, in its quantity unit. */
  positionLimit: string;
}

export interface BookUpsertedPayload {
  /** The book code, e.g. `EQ-US-FLOW`; the key. */
  book: string;
  name: string;
  /** Trader ids allowed to trade the book. */
  traders: string[];
  baseCurrency: string;
  instrumentTypes?: InstrumentType[];
  limits: BookLimitsPayload;
}

export const bookLimitsSchema = objectSchema<BookLimitsPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['maxTradeNotionalUsd', 'positionLimit'],
  properties: { maxTradeNotionalUsd: amountSchema, positionLimit: quantitySchema },
});

export const bookUpsertedSchema = objectSchema<BookUpsertedPayload>()({
  title: 'book.upserted payload',
  type: 'object',
  additionalProperties: false,
  required: ['book', 'name', 'traders', 'baseCurrency', 'limits'],
  properties: {
    book: bookSchema,
    name: textSchema,
    traders: { type: 'array', uniqueItems: true, items: idSchema },
    baseCurrency: currencySchema,
    instrumentTypes: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: INSTRUMENT_TYPES },
    },
    limits: bookLimitsSchema,
  },
});

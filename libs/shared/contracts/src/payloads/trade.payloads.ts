// Front office, produced by trade-capture and keyed by trade id: fo.trade.captured|amended|cancelled.v1.
import {
  amountSchema,
  bookSchema,
  currencySchema,
  dateSchema,
  FX_PAIR_PATTERN,
  idSchema,
  instrumentTypeSchema,
  ISIN_PATTERN,
  leiSchema,
  micSchema,
  objectSchema,
  priceSchema,
  quantitySchema,
  requires,
  sideSchema,
  textSchema,
  tradeIdSchema,
  tradeStatusSchema,
  versionSchema,
  type InstrumentType,
  type Side,
  type TradeStatus,
} from './common.schemas';

/** The whole trade as trade-capture holds it at this version (what the trading API answers). */
export interface TradePayload {
  tradeId: string;
  version: number;
  book: string;
  /** The trader's user id. */
  trader: string;
  side: Side;
  /** The ISIN, or the pair (`EUR/USD`) for FX spot. */
  instrumentId: string;
  instrumentType: InstrumentType;
  /** Shares, bond nominal, or FX base currency amount. */
  quantity: string;
  /** Per share, clean % of par, or quote units per base unit. */
  price: string;
  /** Currency of the cash amounts (for FX, the quote currency). */
  currency: string;
  counterpartyLei: string;
  tradeDate: string;
  settlementDate: string;
  venueMic?: string;
  commission?: string;
  externalRef?: string;
  grossAmount: string;
  /** Bonds only: accrued interest from the last coupon date to the settlement date. */
  accruedInterest?: string;
  netAmount: string;
  /** FX only: the amount of the counter (quote) currency. */
  counterAmount?: string;
  /** FX only: the counter (quote) currency. */
  counterCurrency?: string;
  status: TradeStatus;
}

export type TradeCapturedPayload = TradePayload;

export interface TradeAmendedPayload extends TradePayload {
  /** The version this one supersedes; everything downstream of it is superseded too. */
  previousVersion: number;
}

const tradeRequired = [
  'tradeId',
  'version',
  'book',
  'trader',
  'side',
  'instrumentId',
  'instrumentType',
  'quantity',
  'price',
  'currency',
  'counterpartyLei',
  'tradeDate',
  'settlementDate',
  'grossAmount',
  'netAmount',
  'status',
] as const;

const tradeProperties = {
  tradeId: tradeIdSchema,
  version: versionSchema,
  book: bookSchema,
  trader: idSchema,
  side: sideSchema,
  instrumentId: { type: 'string', pattern: `${ISIN_PATTERN}|${FX_PAIR_PATTERN}` },
  instrumentType: instrumentTypeSchema,
  quantity: quantitySchema,
  price: priceSchema,
  currency: currencySchema,
  counterpartyLei: leiSchema,
  tradeDate: dateSchema,
  settlementDate: dateSchema,
  venueMic: micSchema,
  commission: amountSchema,
  externalRef: { type: 'string', minLength: 1, maxLength: 100 },
  grossAmount: amountSchema,
  accruedInterest: amountSchema,
  netAmount: amountSchema,
  counterAmount: amountSchema,
  counterCurrency: currencySchema,
  status: tradeStatusSchema,
} as const;

const isType = (type: InstrumentType) =>
  ({ required: ['instrumentType'], properties: { instrumentType: { const: type } } }) as const;

/** What each instrument type adds to or forbids in a trade. */
const tradeByInstrumentType = [
  {
    if: isType('FX_SPOT'),
    then: {
      required: ['counterAmount', 'counterCurrency'],
      properties: {
        instrumentId: { type: 'string', pattern: FX_PAIR_PATTERN },
        counterAmount: true,
        counterCurrency: true,
      },
    },
    else: {
      properties: { instrumentId: { type: 'string', pattern: ISIN_PATTERN } },
      not: { anyOf: [requires('counterAmount'), requires('counterCurrency')] },
    },
  },
  { if: isType('BOND'), then: requires('accruedInterest'), else: { not: requires('accruedInterest') } },
] as const;

export const tradeCapturedSchema = objectSchema<TradeCapturedPayload>()({
  title: 'trade.captured payload',
  type: 'object',
  additionalProperties: false,
  required: tradeRequired,
  properties: tradeProperties,
  allOf: tradeByInstrumentType,
});

export const tradeAmendedSchema = objectSchema<TradeAmendedPayload>()({
  title: 'trade.amended payload',
  type: 'object',
  additionalProperties: false,
  required: [...tradeRequired, 'previousVersion'],
  properties: { ...tradeProperties, previousVersion: versionSchema },
  allOf: tradeByInstrumentType,
});

export interface TradeCancelledPayload {
  tradeId: string;
  /** The version cancelled: the trade's latest. */
  version: number;
  reason: string;
}

export const tradeCancelledSchema = objectSchema<TradeCancelledPayload>()({
  title: 'trade.cancelled payload',
  type: 'object',
  additionalProperties: false,
  required: ['tradeId', 'version', 'reason'],
  properties: { tradeId: tradeIdSchema, version: versionSchema, reason: textSchema },
});

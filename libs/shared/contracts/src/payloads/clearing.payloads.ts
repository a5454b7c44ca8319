// Back office, produced by clearing: bo.trade.confirmed|cleared|bilateral.v1 (keyed by trade id) and
// bo.obligation.netted.v1 (keyed by obligation id).
import {
  AMOUNT_PATTERN,
  ccpSchema,
  currencySchema,
  dateSchema,
  idSchema,
  instantSchema,
  instrumentTypeSchema,
  isinSchema,
  leiSchema,
  NON_NEGATIVE_QUANTITY_PATTERN,
  objectSchema,
  quantitySchema,
  amountSchema,
  tradeIdSchema,
  versionSchema,
  type InstrumentType,
} from './common.schemas';

export interface TradeConfirmedPayload {
  tradeId: string;
  version: number;
  confirmationId: string;
  matchedAt: string;
}

export const tradeConfirmedSchema = objectSchema<TradeConfirmedPayload>()({
  title: 'trade.confirmed payload',
  type: 'object',
  additionalProperties: false,
  required: ['tradeId', 'version', 'confirmationId', 'matchedAt'],
  properties: {
    tradeId: tradeIdSchema,
    version: versionSchema,
    confirmationId: idSchema,
    matchedAt: instantSchema,
  },
});

/** Novation: the CCP became our counterparty. */
export interface TradeClearedPayload {
  tradeId: string;
  version: number;
  ccp: string;
  novatedAt: string;
  /** The CCP's own reference of the novated trade. */
  ccpTradeRef: string;
}

export const tradeClearedSchema = objectSchema<TradeClearedPayload>()({
  title: 'trade.cleared payload',
  type: 'object',
  additionalProperties: false,
  required: ['tradeId', 'version', 'ccp', 'novatedAt', 'ccpTradeRef'],
  properties: {
    tradeId: tradeIdSchema,
    version: versionSchema,
    ccp: ccpSchema,
    novatedAt: instantSchema,
    ccpTradeRef: idSchema,
  },
});

/** A trade version that contributed to an obligation, or that a bilateral instruction settles. */
export interface TradeRefPayload {
  tradeId: string;
  version: number;
}

export const tradeRefSchema = objectSchema<TradeRefPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['tradeId', 'version'],
  properties: { tradeId: tradeIdSchema, version: versionSchema },
});

interface ObligationBase {
  obligationId: string;
  ccp: string;
  settlementDate: string;
  trades: TradeRefPayload[];
  nettingRunId: string;
  /** True once the settlement date's cut-off froze the netting; before, a later run may replace it. */
  final: boolean;
}

/** The net quantity of one ISIN the bank delivers to or receives from the CCP. */
export interface SecuritiesObligationPayload extends ObligationBase {
  kind: 'SECURITIES';
  isin: string;
  direction: 'DELIVER' | 'RECEIVE';
  quantity: string;
}

/** The net amount of one currency the bank pays to or receives from the CCP. */
export interface CashObligationPayload extends ObligationBase {
  kind: 'CASH';
  currency: string;
  direction: 'PAY' | 'RECEIVE';
  amount: string;
}

export type ObligationNettedPayload = SecuritiesObligationPayload | CashObligationPayload;

const obligationBaseRequired = [
  'obligationId',
  'ccp',
  'settlementDate',
  'trades',
  'nettingRunId',
  'final',
] as const;

const obligationBaseProperties = {
  obligationId: idSchema,
  ccp: ccpSchema,
  settlementDate: dateSchema,
  trades: { type: 'array', minItems: 1, items: tradeRefSchema },
  nettingRunId: idSchema,
  final: { type: 'boolean' },
} as const;

export const securitiesObligationSchema = objectSchema<SecuritiesObligationPayload>()({
  type: 'object',
  additionalProperties: false,
  required: [...obligationBaseRequired, 'kind', 'isin', 'direction', 'quantity'],
  properties: {
    ...obligationBaseProperties,
    kind: { const: 'SECURITIES' },
    isin: isinSchema,
    direction: { type: 'string', enum: ['DELIVER', 'RECEIVE'] },
    // Trades may net to nothing.
    quantity: { type: 'string', pattern: NON_NEGATIVE_QUANTITY_PATTERN },
  },
});

export const cashObligationSchema = objectSchema<CashObligationPayload>()({
  type: 'object',
  additionalProperties: false,
  required: [...obligationBaseRequired, 'kind', 'currency', 'direction', 'amount'],
  properties: {
    ...obligationBaseProperties,
    kind: { const: 'CASH' },
    currency: currencySchema,
    direction: { type: 'string', enum: ['PAY', 'RECEIVE'] },
    amount: { type: 'string', pattern: AMOUNT_PATTERN },
  },
});

export const obligationNettedSchema = {
  title: 'obligation.netted payload',
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: ['SECURITIES', 'CASH'] } },
  oneOf: [securitiesObligationSchema, cashObligationSchema],
} as const;

/** A securities leg: what the bank delivers or receives. */
export interface SecuritiesLegPayload {
  kind: 'SECURITIES';
  isin: string;
  direction: 'DELIVER' | 'RECEIVE';
  quantity: string;
}

/** A cash leg: what the bank pays or receives. */
export interface CashLegPayload {
  kind: 'CASH';
  currency: string;
  direction: 'PAY' | 'RECEIVE';
  amount: string;
}

export type SettlementLegPayload = SecuritiesLegPayload | CashLegPayload;

export const securitiesLegSchema = objectSchema<SecuritiesLegPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'isin', 'direction', 'quantity'],
  properties: {
    kind: { const: 'SECURITIES' },
    isin: isinSchema,
    direction: { type: 'string', enum: ['DELIVER', 'RECEIVE'] },
    quantity: quantitySchema,
  },
});

export const cashLegSchema = objectSchema<CashLegPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'currency', 'direction', 'amount'],
  properties: {
    kind: { const: 'CASH' },
    currency: currencySchema,
    direction: { type: 'string', enum: ['PAY', 'RECEIVE'] },
    amount: amountSchema,
  },
});

/** DVP: one securities and one cash leg; FX (PVP): two cash legs. */
export const settlementLegsSchema = {
  type: 'array',
  minItems: 1,
  maxItems: 2,
  items: {
    type: 'object',
    required: ['kind'],
    properties: { kind: { type: 'string', enum: ['SECURITIES', 'CASH'] } },
    oneOf: [securitiesLegSchema, cashLegSchema],
  },
} as const;

/** A trade that settles on its own, outside any CCP: bonds, FX, non-CCP equities. */
export interface TradeBilateralPayload {
  tradeId: string;
  version: number;
  instrumentType: InstrumentType;
  counterpartyLei: string;
  settlementDate: string;
  legs: SettlementLegPayload[];
}

export const tradeBilateralSchema = objectSchema<TradeBilateralPayload>()({
  title: 'trade.bilateral payload',
  type: 'object',
  additionalProperties: false,
  required: ['tradeId', 'version', 'instrumentType', 'counterpartyLei', 'settlementDate', 'legs'],
  properties: {
    tradeId: tradeIdSchema,
    version: versionSchema,
    instrumentType: instrumentTypeSchema,
    counterpartyLei: leiSchema,
    settlementDate: dateSchema,
    legs: settlementLegsSchema,
  },
});

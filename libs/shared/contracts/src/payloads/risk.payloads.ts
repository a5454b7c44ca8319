// Middle office, produced by risk-compliance: mo.trade.approved|held|rejected.v1 (keyed by trade id), the
// decision on one version of a trade with every check that ran; mo.risk.alert.v1 (keyed by book).
import {
  bookSchema,
  codeSchema,
  DECIMAL_PATTERN,
  decimalSchema,
  idSchema,
  objectSchema,
  requires,
  textSchema,
  tradeIdSchema,
  versionSchema,
} from './common.schemas';

export const CHECK_CODES = [
  'RESTRICTED_INSTRUMENT',
  'PRICE_TOLERANCE',
  'MAX_TRADE_NOTIONAL',
  'TRADER_DAILY_NOTIONAL',
  'COUNTERPARTY_EXPOSURE',
  'BOOK_POSITION_LIMIT',
  'WASH_TRADE',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export const CHECK_OUTCOMES = ['PASS', 'HOLD', 'REJECT'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** One risk check and what it found, with its figures when it has any. */
export interface CheckResultPayload {
  code: CheckCode;
  outcome: CheckOutcome;
  /** Why, in words: "notional 31,500,000.00 USD above the book's 25,000,000.00". */
  detail: string;
  limit?: string;
  usageBefore?: string;
  usageAfter?: string;
}

/** A decision on one version of a trade. */
export interface TradeDecisionPayload {
  tradeId: string;
  version: number;
  checks: CheckResultPayload[];
  /** The risk officer who released or rejected a held trade; absent for an automatic decision. */
  decidedBy?: string;
  comment?: string;
}

export type TradeApprovedPayload = TradeDecisionPayload;
export type TradeHeldPayload = TradeDecisionPayload;
export type TradeRejectedPayload = TradeDecisionPayload;

export const checkResultSchema = objectSchema<CheckResultPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['code', 'outcome', 'detail'],
  properties: {
    code: { type: 'string', enum: CHECK_CODES },
    outcome: { type: 'string', enum: CHECK_OUTCOMES },
    detail: textSchema,
    limit: decimalSchema,
    usageBefore: decimalSchema,
    usageAfter: decimalSchema,
  },
});

const checksWith = (outcome: CheckOutcome) =>
  ({
    type: 'object',
    required: ['checks'],
    properties: {
      checks: { type: 'array', contains: { type: 'object', properties: { outcome: { const: outcome } } } },
    },
  }) as const;

const decision = (title: string) =>
  ({
    title,
    type: 'object',
    additionalProperties: false,
    required: ['tradeId', 'version', 'checks'],
    properties: {
      tradeId: tradeIdSchema,
      version: versionSchema,
      // Every check runs once per version.
      checks: { type: 'array', minItems: 1, maxItems: CHECK_CODES.length, items: checkResultSchema },
      decidedBy: idSchema,
      comment: textSchema,
    },
  }) as const;

/** No check fired, or a risk officer released a held trade (then `decidedBy` says who). */
export const tradeApprovedSchema = objectSchema<TradeApprovedPayload>()({
  ...decision('trade.approved payload'),
  not: checksWith('REJECT'),
  if: checksWith('HOLD'),
  then: requires('decidedBy'),
});

/** A hold check fired and no reject check did; the trade waits for a risk officer. */
export const tradeHeldSchema = objectSchema<TradeHeldPayload>()({
  ...decision('trade.held payload'),
  allOf: [checksWith('HOLD'), { not: checksWith('REJECT') }],
});

/** A reject check fired, or a risk officer rejected a held trade (then `decidedBy` says who). */
export const tradeRejectedSchema = objectSchema<TradeRejectedPayload>()({
  ...decision('trade.rejected payload'),
  anyOf: [checksWith('REJECT'), requires('decidedBy')],
});

export const ALERT_SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface RiskAlertPayload {
  alertId: string;
  book: string;
  severity: AlertSeverity;
  /** A check code, or another alert's code such as `LIMIT_NEAR`. */
  code: string;
  message: string;
  /** Named decimal figures behind the alert, e.g. `{ limit: '25000000', usage: '24100000' }`. */
  figures: Record<string, string>;
  tradeId?: string;
  instrumentId?: string;
}

export const riskAlertSchema = objectSchema<RiskAlertPayload>()({
  title: 'risk.alert payload',
  type: 'object',
  additionalProperties: false,
  required: ['alertId', 'book', 'severity', 'code', 'message', 'figures'],
  properties: {
    alertId: idSchema,
    book: bookSchema,
    severity: { type: 'string', enum: ALERT_SEVERITIES },
    code: codeSchema,
    message: textSchema,
    figures: {
      type: 'object',
      propertyNames: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' },
      additionalProperties: { type: 'string', pattern: DECIMAL_PATTERN },
    },
    tradeId: tradeIdSchema,
    instrumentId: idSchema,
  },
});

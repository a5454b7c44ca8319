// Patterns and schema fragments shared by the payloads (docs/events.md). Decimals travel as strings; a
// pattern bounds their digits so a value a consumer would have to round is refused on produce.
import { INSTANT_PATTERN } from '../event-envelope';
import { TRADE_STATUSES, type TradeStatus } from '@tradeflow/shared/trading';

export { INSTANT_PATTERN };

/** Price > 0, at most 8 decimals (equity per share, bond clean % of par, FX rate). */
export const PRICE_PATTERN = '^(?=.*[1-9])\\d{1,18}(\\.\\d{1,8})?$';
/** Quantity > 0, at most 6 decimals (shares, bond nominal, FX base amount). */
export const QUANTITY_PATTERN = '^(?=.*[1-9])\\d{1,18}(\\.\\d{1,6})?$';
/** A quantity that may be zero (a net obligation, a settled part). */
export const NON_NEGATIVE_QUANTITY_PATTERN = '^\\d{1,18}(\\.\\d{1,6})?$';
/** A cash amount ≥ 0, at most 3 decimals (the largest ISO 4217 minor unit). */
export const AMOUNT_PATTERN = '^\\d{1,18}(\\.\\d{1,3})?$';
/** A signed cash amount, at most 3 decimals. */
export const SIGNED_AMOUNT_PATTERN = '^-?\\d{1,18}(\\.\\d{1,3})?$';
/** A signed decimal figure with at most 8 decimals (limits, usages, percentages). */
export const DECIMAL_PATTERN = '^-?\\d{1,18}(\\.\\d{1,8})?$';
/** A calendar date, `YYYY-MM-DD`. */
export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
export const CURRENCY_PATTERN = '^[A-Z]{3}$';
export const COUNTRY_PATTERN = '^[A-Z]{2}$';
export const ISIN_PATTERN = '^[A-Z]{2}[A-Z0-9]{9}[0-9]$';
export const LEI_PATTERN = '^[A-Z0-9]{18}[0-9]{2}$';
export const MIC_PATTERN = '^[A-Z0-9]{4}$';
export const BIC_PATTERN = '^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$';
export const FX_PAIR_PATTERN = '^[A-Z]{3}/[A-Z]{3}$';
export const TRADE_ID_PATTERN = '^T-\\d{8}-\\d{6,}$';
/** Book codes such as `EQ-US-FLOW`. */
export const BOOK_PATTERN = '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$';
/** CCP codes such as `NSCC` or `EUREX`. */
export const CCP_PATTERN = '^[A-Z][A-Z0-9_]{1,15}$';
/** Upper-case codes such as check or alert codes. */
export const CODE_PATTERN = '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$';
export const SHA256_PATTERN = '^[0-9a-f]{64}$';

export const SIDES = ['BUY', 'SELL'] as const;
export type Side = (typeof SIDES)[number];

export const INSTRUMENT_TYPES = ['EQUITY', 'BOND', 'FX_SPOT'] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];

// The lifecycle's own list, so the contract and the state machine cannot disagree on a status.
export { TRADE_STATUSES, type TradeStatus };

export const SETTLEMENT_MARKETS = ['US', 'EU', 'UK'] as const;
export type SettlementMarket = (typeof SETTLEMENT_MARKETS)[number];

const str = (pattern: string) => ({ type: 'string', pattern }) as const;

export const priceSchema = str(PRICE_PATTERN);
export const quantitySchema = str(QUANTITY_PATTERN);
export const nonNegativeQuantitySchema = str(NON_NEGATIVE_QUANTITY_PATTERN);
export const amountSchema = str(AMOUNT_PATTERN);
export const signedAmountSchema = str(SIGNED_AMOUNT_PATTERN);
export const decimalSchema = str(DECIMAL_PATTERN);
export const dateSchema = str(DATE_PATTERN);
export const instantSchema = str(INSTANT_PATTERN);
export const currencySchema = str(CURRENCY_PATTERN);
export const countrySchema = str(COUNTRY_PATTERN);
export const isinSchema = str(ISIN_PATTERN);
export const leiSchema = str(LEI_PATTERN);
export const micSchema = str(MIC_PATTERN);
export const bicSchema = str(BIC_PATTERN);
export const fxPairSchema = str(FX_PAIR_PATTERN);
export const tradeIdSchema = str(TRADE_ID_PATTERN);
export const bookSchema = str(BOOK_PATTERN);
export const ccpSchema = str(CCP_PATTERN);
export const codeSchema = str(CODE_PATTERN);
export const sha256Schema = str(SHA256_PATTERN);
/** An identifier or free text that must not be empty. */
export const textSchema = { type: 'string', minLength: 1, maxLength: 500 } as const;
export const idSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;
/** A trade version: 1 at capture, +1 per amendment. */
export const versionSchema = { type: 'integer', minimum: 1 } as const;
export const sideSchema = { type: 'string', enum: SIDES } as const;
export const instrumentTypeSchema = { type: 'string', enum: INSTRUMENT_TYPES } as const;
export const tradeStatusSchema = { type: 'string', enum: TRADE_STATUSES } as const;
export const settlementMarketSchema = { type: 'string', enum: SETTLEMENT_MARKETS } as const;
export const tradeIdsSchema = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: tradeIdSchema,
} as const;

// Keeping a schema next to its interface: `objectSchema<T>()({...})` does not compile unless the schema
// names exactly the interface's fields in `properties` and lists exactly its required ones in `required`.

/** The keys of T that are not optional. */
export type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The shape every payload object schema has: draft-07, closed, its required fields listed. */
export interface ObjectSchemaOf<T> {
  readonly type: 'object';
  readonly additionalProperties: false;
  readonly required: readonly (keyof T & string)[];
  readonly properties: { readonly [K in keyof T]-?: object };
}

type Drift<T, S extends ObjectSchemaOf<T>> = {
  missingFromRequired: Exclude<RequiredKeys<T>, S['required'][number]>;
  optionalInRequired: Exclude<S['required'][number], RequiredKeys<T>>;
  unknownProperties: Exclude<keyof S['properties'], keyof T>;
};
type NoDrift<T, S extends ObjectSchemaOf<T>> = Drift<T, S>[keyof Drift<T, S>] extends never
  ? unknown
  : { schemaDriftsFromInterface: Drift<T, S> };

/** Checks at compile time that a payload schema matches its interface; returns the schema unchanged. */
export function objectSchema<T>() {
  return <const S extends ObjectSchemaOf<T>>(schema: S & NoDrift<T, S>): S => schema;
}

/**
 * A subschema that requires fields, for conditions (`if`/`then`, `anyOf`, `not`); it names them in
 * `properties` too, as ajv's strict mode wants, without constraining them again.
 */
export function requires<const F extends readonly string[]>(...fields: F) {
  return {
    required: fields,
    properties: Object.fromEntries(fields.map((f) => [f, true])) as { readonly [K in F[number]]: true },
  };
}

/** Any JSON Schema object, as TOPICS carries it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

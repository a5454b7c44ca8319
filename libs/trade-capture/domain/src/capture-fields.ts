import { failed, type Failed, type FieldError } from '@tradeflow/shared/failure';

// The fields of a trade booking, declared once. The shape check of a capture (capture-request.ts) and
// the checks of an amendment and a cancellation below read this table, and the API layer builds the
// requests' JSON Schemas from it, so the OpenAPI document and the validation cannot disagree.

export interface CaptureFieldSpec {
  readonly required: boolean;
  /** Whether an amendment may change it; the others say what the trade is (cancel and book again). */
  readonly amendable: boolean;
  /** A decimal: a JSON number is refused with a message saying decimals travel as strings. */
  readonly decimal?: boolean;
  readonly description: string;
  /**
   * The form a value must have (an ECMAScript regular expression, as JSON Schema's `pattern`), with
   * `enum`, `minLength` and `maxLength` (in code points). The shape check asks only for a string; the
   * rules that follow it refuse a value out of this form, each saying exactly what is wrong with it.
   */
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly example: string;
}

/** A positive decimal with at most `decimals` decimals and 18 digits before the point, no leading zero. */
const positiveDecimal = (decimals: number) => `^(?=.*[1-9])(0|[1-9]\\d{0,17})(\\.\\d{1,${decimals}})?$`;
const DATE = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

export const CAPTURE_FIELDS = {
  book: {
    required: true,
    amendable: false,
    description: 'The book to capture in: one of the trader’s books (the token’s `books` claim).',
    pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$',
    example: 'EQ-US-FLOW',
  },
  side: {
    required: true,
    amendable: true,
    description: 'BUY or SELL, from the bank’s side.',
    enum: ['BUY', 'SELL'],
    example: 'BUY',
  },
  instrumentId: {
    required: true,
    amendable: false,
    description: 'The ISIN of an equity or a bond, or the pair of an FX spot (`EUR/USD`).',
    pattern: '^([A-Z]{2}[A-Z0-9]{9}[0-9]|[A-Z]{3}/[A-Z]{3})$',
    example: 'US0378331005',
  },
  quantity: {
    required: true,
    amendable: true,
    decimal: true,
    description: 'Shares, bond nominal or FX base amount: a decimal string, > 0, at most 6 decimals.',
    pattern: positiveDecimal(6),
    example: '1000',
  },
  price: {
    required: true,
    amendable: true,
    decimal: true,
    description:
      'Price per share, clean price in % of par, or FX rate: a decimal string, > 0, at most 8 decimals.',
    pattern: positiveDecimal(8),
    example: '190.25',
  },
  counterpartyLei: {
    required: true,
    amendable: true,
    description: 'The counterparty’s LEI (ISO 17442).',
    pattern: '^[A-Z0-9]{18}[0-9]{2}$',
    example: 'W22LROWP2IHZNBB6K528',
  },
  tradeDate: {
    required: true,
    amendable: true,
    description: 'The trade date, `YYYY-MM-DD`: a business day of the market, not after today.',
    pattern: DATE,
    example: '2026-11-20',
  },
  settlementDate: {
    required: false,
    amendable: true,
    description:
      'The settlement date, `YYYY-MM-DD`; by default the market’s cycle from the trade date (T+1, T+2).',
    pattern: DATE,
    example: '2026-11-23',
  },
  venueMic: {
    required: false,
    amendable: true,
    description: 'Where it was executed: an ISO 10383 MIC, `XOFF` off-exchange.',
    pattern: '^[A-Z0-9]{4}$',
    example: 'XNAS',
  },
  commission: {
    required: false,
    amendable: true,
    decimal: true,
    description:
      'Commission in the trade’s currency: a decimal string ≥ 0 with at most its minor units (default 0).',
    pattern: '^(0|[1-9]\\d{0,17})(\\.\\d{1,3})?$',
    example: '12.50',
  },
  externalRef: {
    required: false,
    amendable: true,
    description: 'The trader’s own reference: printable characters only.',
    pattern: '^[^\\p{C}]+$',
    minLength: 1,
    maxLength: 64,
    example: 'BLOTTER-4711',
  },
} as const satisfies Readonly<Record<string, CaptureFieldSpec>>;

type Fields = typeof CAPTURE_FIELDS;
export type CaptureField = keyof Fields;
type RequiredField = { [F in CaptureField]: Fields[F]['required'] extends true ? F : never }[CaptureField];
type OptionalField = Exclude<CaptureField, RequiredField>;

const names = (keep: (spec: CaptureFieldSpec) => boolean) =>
  (Object.keys(CAPTURE_FIELDS) as CaptureField[]).filter((f) => keep(CAPTURE_FIELDS[f]));

export const REQUIRED_CAPTURE_FIELDS = names((s) => s.required) as readonly RequiredField[];
export const OPTIONAL_CAPTURE_FIELDS = names((s) => !s.required) as readonly OptionalField[];
export const AMENDABLE_CAPTURE_FIELDS: readonly CaptureField[] = names((s) => s.amendable);

/** The body of `POST /api/trades` once its shape is right: every value a string. */
export type CaptureRequest = Readonly<Record<RequiredField, string>> &
  Readonly<Partial<Record<OptionalField, string>>>;

export const isCaptureField = (name: string): name is CaptureField =>
  Object.prototype.hasOwnProperty.call(CAPTURE_FIELDS, name);

/**
 * The keys of an amendment: a JSON object naming only amendable fields. Its values are checked with the
 * trade they change, as a whole capture request (`validateCaptureRequest`).
 */
export function checkAmendPatch(patch: unknown): { ok: true; patch: Record<string, unknown> } | Failed {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return failed(
      'malformed',
      [{ field: '', message: 'must be a JSON object' }],
      'the body must be a JSON object of the fields to change',
    );
  }
  const amendable: readonly string[] = AMENDABLE_CAPTURE_FIELDS;
  const notAmendable = Object.keys(patch).filter((k) => !amendable.includes(k));
  if (notAmendable.length > 0) {
    return failed(
      'malformed',
      notAmendable.map((field) => ({ field, message: 'cannot be amended (cancel and book again instead)' })),
      `only ${amendable.join(', ')} can be amended`,
    );
  }
  return { ok: true, patch: patch as Record<string, unknown> };
}

export const CANCEL_REASON_MAX = 500;
export const DEFAULT_CANCEL_REASON = 'cancelled by the trader';

/**
 * The body of a cancellation: none, `null` or `{}` (the default reason), or `{ reason }` of 1 to
 * CANCEL_REASON_MAX characters (code points, as the event schema counts them), not all white space.
 */
export function checkCancelBody(body: unknown): { ok: true; reason: string } | Failed {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (body === undefined || body === null || (isObject && Object.keys(body).length === 0)) {
    return { ok: true, reason: DEFAULT_CANCEL_REASON };
  }
  const extra = isObject ? Object.keys(body).filter((k) => k !== 'reason') : [''];
  const reason = isObject ? (body as { reason?: unknown }).reason : undefined;
  const goodReason =
    typeof reason === 'string' && reason.trim().length > 0 && [...reason].length <= CANCEL_REASON_MAX;
  if (extra.length === 0 && goodReason) return { ok: true, reason };
  const errors: FieldError[] = [
    ...extra.map((field) => ({ field, message: 'is not a known field' })),
    ...(goodReason ? [] : [{ field: 'reason', message: `must be 1 to ${CANCEL_REASON_MAX} characters` }]),
  ];
  return failed(
    'malformed',
    errors,
    `the body may carry only a reason (1 to ${CANCEL_REASON_MAX} characters)`,
  );
}

import { type Currency, checkCurrency } from './currency';
import { Dec } from './decimal';

export type ParseResult = { ok: true; value: Dec } | { ok: false; reason: string };

/** Fields whose limits are fixed; cash depends on its currency, see `parseCash`. */
export type FixedField = 'price' | 'quantity' | 'rate' | 'percent';

export interface FieldOptions {
  /** Tightens the field's decimal limit, e.g. 0 for whole shares; it can never loosen it. */
  readonly maxDecimals?: number;
}

export interface CashOptions {
  /** Fees, commission and most cash amounts are > 0 unless the caller says otherwise. */
  readonly allowZero?: boolean;
  readonly allowNegative?: boolean;
}

/** Integer digits beyond this are a typo or an attack, never a trade (10^18 exceeds any real notional). */
export const MAX_INTEGER_DIGITS = 18;

type Sign = 'positive' | 'non-negative';

const FIELD_RULES: Readonly<Record<FixedField, { maxDecimals: number; sign: Sign; label: string }>> = {
  price: { maxDecimals: 8, sign: 'positive', label: 'a price' },
  quantity: { maxDecimals: 6, sign: 'positive', label: 'a quantity' },
  rate: { maxDecimals: 8, sign: 'positive', label: 'an FX rate' },
  percent: { maxDecimals: 8, sign: 'non-negative', label: 'a percentage' },
};

// Longest acceptable text: sign, 18 digits, point, 8 decimals. Anything far longer is rejected before
// any regex runs over it.
const MAX_LENGTH = 64;

// The only accepted form: optional '-', digits without a superfluous leading zero, optionally a point and
// at least one digit. A leading point (".5") or a trailing one ("5.") is rejected: both are legal in
// JavaScript but are the typical sign of a truncated or mangled value, and the wire form is canonical.
const PLAIN = /^-?(\d+)(?:\.(\d+))?$/;

/** Parses a price, quantity, FX rate or percentage (coupon) given as a string; never rounds. */
export function parseDecimal(input: unknown, field: FixedField, options: FieldOptions = {}): ParseResult {
  const rule = FIELD_RULES[field];
  const tightened = options.maxDecimals;
  if (tightened !== undefined && !(Number.isInteger(tightened) && tightened >= 0)) {
    throw new RangeError(`maxDecimals must be a non-negative integer, got ${tightened}`);
  }
  const maxDecimals = Math.min(rule.maxDecimals, tightened ?? rule.maxDecimals);
  return parseWith(input, {
    maxDecimals,
    tooManyDecimals: (n) =>
      maxDecimals === 0
        ? `has ${n} decimals; no decimals are allowed here`
        : maxDecimals < rule.maxDecimals
          ? `has ${n} decimals; at most ${maxDecimals} are allowed here`
          : `has ${n} decimals; ${rule.label} allows at most ${maxDecimals}`,
    allowZero: rule.sign === 'non-negative',
    allowNegative: false,
  });
}

export function parsePrice(input: unknown, options?: FieldOptions): ParseResult {
  return parseDecimal(input, 'price', options);
}

export function parseQuantity(input: unknown, options?: FieldOptions): ParseResult {
  return parseDecimal(input, 'quantity', options);
}

export function parseRate(input: unknown, options?: FieldOptions): ParseResult {
  return parseDecimal(input, 'rate', options);
}

export function parsePercent(input: unknown, options?: FieldOptions): ParseResult {
  return parseDecimal(input, 'percent', options);
}

/** Parses a cash amount with at most the currency's minor units; > 0 unless `options` allow otherwise. */
export function parseCash(
  input: unknown,
  currency: Currency | string,
  options: CashOptions = {},
): ParseResult {
  let ccy: Currency;
  if (typeof currency === 'string') {
    const check = checkCurrency(currency);
    if (!check.ok) return { ok: false, reason: `currency ${check.reason}` };
    ccy = check.value;
  } else {
    ccy = currency;
  }
  return parseWith(input, {
    maxDecimals: ccy.minorUnits,
    tooManyDecimals: (n) =>
      ccy.minorUnits === 0
        ? `has ${n} decimals; ${ccy.code} has no minor units, so no decimals are allowed`
        : `has ${n} decimals; ${ccy.code} allows at most ${ccy.minorUnits}`,
    allowZero: options.allowZero ?? false,
    allowNegative: options.allowNegative ?? false,
  });
}

interface Rule {
  readonly maxDecimals: number;
  readonly tooManyDecimals: (decimals: number) => string;
  readonly allowZero: boolean;
  readonly allowNegative: boolean;
}

function parseWith(input: unknown, rule: Rule): ParseResult {
  const bad = (reason: string): ParseResult => ({ ok: false, reason });
  if (typeof input !== 'string') {
    return typeof input === 'number'
      ? bad('must be a decimal string such as "190.25", not a JSON number (numbers lose precision)')
      : bad(`must be a decimal string, got ${input === null ? 'null' : typeof input}`);
  }
  if (input === '') return bad('is empty');
  if (/\s/.test(input)) return bad('must not contain whitespace');
  if (input.length > MAX_LENGTH) return bad(`is too long (${input.length} characters)`);
  if (/^[+-]?nan$/i.test(input)) return bad('is NaN, not a number');
  if (/^[+-]?inf(inity)?$/i.test(input)) return bad('must be finite, not Infinity');
  if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(input)) {
    return bad('must not use exponent notation (such as 1e3); write the digits out');
  }
  if (input.startsWith('+')) return bad("must not have a leading '+'");
  if (/^-?\./.test(input)) return bad('must have a digit before the decimal point (write 0.5, not .5)');
  if (input.endsWith('.')) return bad('must have a digit after the decimal point (write 5, not 5.)');

  const match = PLAIN.exec(input);
  if (!match) return bad("is not a plain decimal number: digits, an optional leading '-' and one '.'");
  const [, integer = '', fraction = ''] = match;
  if (integer.length > 1 && integer.startsWith('0')) return bad('must not have leading zeros');
  if (integer.length > MAX_INTEGER_DIGITS) {
    return bad(
      `has ${integer.length} digits before the decimal point; at most ${MAX_INTEGER_DIGITS} are allowed`,
    );
  }
  if (fraction.length > rule.maxDecimals) return bad(rule.tooManyDecimals(fraction.length));

  const value = new Dec(input);
  const negative = input.startsWith('-');
  if (value.isZero()) {
    if (negative) return bad('must not be negative zero; write 0');
    if (!rule.allowZero)
      return bad(rule.allowNegative ? 'must not be zero' : 'must be greater than 0, got 0');
  } else if (negative && !rule.allowNegative) {
    return bad(rule.allowZero ? 'must not be negative' : 'must be greater than 0, got a negative value');
  }
  return { ok: true, value };
}

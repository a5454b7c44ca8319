import { type Decimal } from 'decimal.js';
import { type Currency, currency as currencyOf } from './currency';
import { Dec, toDec } from './decimal';

/**
 * Rounds a final cash amount to the currency's minor units, half-even (banker's rounding: ties go to the
 * even digit, so rounding errors do not drift one way over many trades). Intermediate figures are never
 * rounded: call this once, on the amount that is paid, posted or shown.
 */
export function roundCash(amount: Decimal, currency: Currency | string): Dec {
  const ccy = typeof currency === 'string' ? currencyOf(currency) : currency;
  return toDec(amount).toDecimalPlaces(ccy.minorUnits, Dec.ROUND_HALF_EVEN);
}

/**
 * Plain decimal notation, never an exponent. With `decimals`, pads with zeros to exactly that many; it
 * throws rather than drop digits, because formatting must never round silently (round first).
 */
export function formatDecimal(value: Decimal, decimals?: number): string {
  const d = toDec(value);
  if (!d.isFinite()) throw new RangeError(`cannot format ${d.toString()}`);
  if (decimals === undefined) return d.toFixed();
  if (!Number.isInteger(decimals) || decimals < 0) {
    throw new RangeError(`decimals must be a non-negative integer, got ${decimals}`);
  }
  if (d.decimalPlaces() > decimals) {
    throw new RangeError(`${d.toFixed()} has more than ${decimals} decimals; round it before formatting`);
  }
  return d.toFixed(decimals);
}

/** A cash amount with exactly its currency's minor units, e.g. "190250.00" or "1500" for JPY. */
export function formatCash(amount: Decimal, currency: Currency | string): string {
  const ccy = typeof currency === 'string' ? currencyOf(currency) : currency;
  return formatDecimal(amount, ccy.minorUnits);
}

/** The JSON form of a decimal: a string (JSON numbers are doubles), shortest plain notation, no exponent. */
export function toWire(value: Decimal): string {
  return formatDecimal(value);
}

import { Decimal } from 'decimal.js';

/**
 * Significant digits of every computation. A parsed value has at most 18 + 8 = 26 digits, so the product
 * of two of them (quantity × price, nominal × price) has at most 52: 60 keeps every such product exact and
 * is well above the 34 digits (IEEE 754 decimal128) the domain asks for.
 */
export const DECIMAL_PRECISION = 60;

/**
 * The one decimal.js configuration of the system. Half-even is the default rounding so that the rare
 * rounding at the precision limit (a division) is unbiased; the exponent thresholds keep `toString()` out
 * of exponent notation for any figure a trade can carry.
 */
export const Dec = Decimal.clone({
  precision: DECIMAL_PRECISION,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
});

/** A decimal value; instances of any decimal.js constructor satisfy it. */
export type Dec = Decimal;

/** Re-wraps a value in `Dec`, so that arithmetic on it runs with this configuration, not its creator's. */
export function toDec(value: Decimal): Dec {
  return value.constructor === Dec ? value : new Dec(value);
}

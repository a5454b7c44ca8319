import Decimal from 'decimal.js';
import type { ValueTransformer } from 'typeorm';

/**
 * NUMERIC ⇄ Decimal. pg returns NUMERIC as a string, which is exact; this keeps it exact on the way in
 * and out, so no amount ever passes through a JavaScript number.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | string | null | undefined): string | null | undefined => {
    if (value === null || value === undefined) return value;
    return value instanceof Decimal ? value.toFixed() : new Decimal(value).toFixed();
  },
  from: (value: string | null): Decimal | null => (value === null ? null : new Decimal(value)),
};

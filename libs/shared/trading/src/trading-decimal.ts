import type Decimal from 'decimal.js';
import { Dec } from '@tradeflow/shared/money';

// The system's one Decimal configuration (60 significant digits, half-even), from the money library.
export const TradingDecimal = Dec;

export type DecimalInput = Decimal | string;

export const toTradingDecimal = (value: DecimalInput): Decimal => new TradingDecimal(value);

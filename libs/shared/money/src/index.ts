// Public API of @tradeflow/shared/money.
export { DECIMAL_PRECISION, Dec, toDec } from './decimal';
export {
  CURRENCY_CODES,
  checkCurrency,
  currency,
  isCurrencyCode,
  type Currency,
  type CurrencyCheck,
  type CurrencyCode,
} from './currency';
export {
  MAX_INTEGER_DIGITS,
  parseCash,
  parseDecimal,
  parsePercent,
  parsePrice,
  parseQuantity,
  parseRate,
  type CashOptions,
  type FieldOptions,
  type FixedField,
  type ParseResult,
} from './decimal-parser';
export { formatCash, formatDecimal, roundCash, toWire } from './rounding';
export {
  computeEconomics,
  type BondEconomics,
  type BondEconomicsInput,
  type Economics,
  type EconomicsInput,
  type EconomicsSide,
  type EquityEconomics,
  type EquityEconomicsInput,
  type FxSpotEconomics,
  type FxSpotEconomicsInput,
} from './trade-economics';

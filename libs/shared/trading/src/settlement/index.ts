export { type SettlementCalendar } from './settlement-calendar';
export {
  CURRENCY_SETTLEMENT_CALENDARS,
  FX_SPOT_BUSINESS_DAYS,
  FX_SPOT_T1_PAIRS,
  MARKET_SETTLEMENT_CALENDARS,
  SECURITIES_CYCLE_RULES,
  type CycleStep,
  type SecuritiesCycleRule,
} from './settlement-cycle.rules';
export {
  defaultSettlementDate,
  fxPairCurrencies,
  settlementConvention,
  type SettlementConvention,
  type SettlementDateInput,
} from './settlement-date';
export {
  validateSettlementDate,
  type SettlementDateError,
  type SettlementDateRequest,
  type SettlementDateValidation,
} from './settlement-date.validator';
export {
  SECURITIES_SETTLEMENT_MARKETS,
  type BondSettlementTerms,
  type EquitySettlementTerms,
  type FxSpotSettlementTerms,
  type IssuerType,
  type SecuritiesSettlementMarket,
  type SettlementInstrument,
  type SettlementInstrumentType,
} from './settlement-instrument';

// Public API of @tradeflow/shared/reference.
export { type CheckResult } from './identifiers/check-result';
export { checkIsin, isinCheckDigit, isValidIsin } from './identifiers/isin';
export { checkLei, isValidLei, leiCheckDigits } from './identifiers/lei';
export { checkMic, isKnownMic, micInfo, MICS, type MicInfo, type SettlementMarket } from './identifiers/mic';
export {
  calendar,
  CALENDAR_CODES,
  jointCalendar,
  type BusinessCalendar,
  type CalendarCode,
} from './calendars/business-calendar';
export { AD_HOC_CLOSURES, type AdHocClosure } from './calendars/ad-hoc-closures.data';
export { easterSunday } from './calendars/easter';
export { type Holiday } from './calendars/holiday';
export * from './data/instrument.types';
export { BONDS, EQUITIES, FX_PAIRS, INSTRUMENTS } from './data/instruments.data';
export {
  CCPS,
  COUNTERPARTIES,
  FIRM,
  type Ccp,
  type Counterparty,
  type LegalEntity,
  type TradingMarket,
} from './data/counterparties.data';
export { BOOKS, TRADERS, type Book, type BookLimits, type Trader } from './data/books.data';
export {
  FX_SSI_CURRENCIES,
  settlementDepository,
  SSIS,
  type Depository,
  type Ssi,
  type SsiOwnerType,
} from './data/ssi.data';
export { FX_RATES, REFERENCE_PRICES, REFERENCE_PRICES_AS_OF } from './data/prices.data';
export {
  bookByCode,
  ccpByCode,
  counterpartyByLei,
  instrumentById,
  REFERENCE_DATA,
  referencePrice,
  ssiFor,
  traderById,
} from './data/reference-data';

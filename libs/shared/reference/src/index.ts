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
export { easterSunday } from './calendars/easter';
export { type Holiday } from './calendars/holiday';

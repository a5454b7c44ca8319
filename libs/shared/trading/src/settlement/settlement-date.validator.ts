import { parseIsoDate } from '../bonds/iso-date';
import { type SettlementCalendar } from './settlement-calendar';
import { defaultSettlementDate, settlementConvention } from './settlement-date';
import { type SettlementInstrument } from './settlement-instrument';

export interface SettlementDateRequest {
  readonly instrument: SettlementInstrument;
  readonly tradeDate: string;
  /** A later settlement date the trader asks for; the default when absent. */
  readonly requested?: string;
  /** The business date of the booking system, 'YYYY-MM-DD'; tests set it. */
  readonly today: string;
}

export interface SettlementDateError {
  readonly field: 'tradeDate' | 'settlementDate';
  readonly message: string;
}

export type SettlementDateValidation =
  | { readonly ok: true; readonly settlementDate: string; readonly defaultSettlementDate: string }
  | { readonly ok: false; readonly errors: readonly SettlementDateError[] };

// The business calendars (@tradeflow/shared/reference) know the years 0001 to 9999; the format allows no
// later year. An earlier date is refused here, as a field error, so no calendar lookup below can throw.
const FIRST_CALENDAR_DATE = '0001-01-01';
const LAST_CALENDAR_DATE = '9999-12-31';

const formatError = (date: string, field: string): string | undefined => {
  try {
    parseIsoDate(date, field);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (date < FIRST_CALENDAR_DATE) {
    return `${field} ${date} is before ${FIRST_CALENDAR_DATE}, the first day the business calendars know`;
  }
  return undefined;
};

/**
 * The default settlement date, or undefined when it would fall after the last day the calendars know
 * (a trade date in the last days of 9999). The instrument's rules were checked by `settlementConvention`
 * before this is called, so a RangeError here can only be the calendar running out of dates.
 */
const defaultWithinCalendar = (instrument: SettlementInstrument, tradeDate: string): string | undefined => {
  let date: string;
  try {
    date = defaultSettlementDate({ instrument, tradeDate });
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  // A weekends-only calendar counts past 9999 without complaint ('10000-01-03'): refuse that too.
  return formatError(date, 'settlement date') === undefined ? date : undefined;
};

const notBusinessDay = (date: string, calendar: SettlementCalendar, kind: string): string =>
  `${date} is not a business day of the ${calendar.name} ${kind} calendar (${calendar.closure(date) ?? 'closed'})`;

/**
 * Checks a booking's trade date and (optional) requested settlement date and gives the settlement date.
 * Every problem is reported, not just the first. `today` and the instrument are trusted input: a
 * malformed `today` or an instrument without settlement rules throws a RangeError.
 */
export function validateSettlementDate(request: SettlementDateRequest): SettlementDateValidation {
  const { instrument, tradeDate, requested, today } = request;
  parseIsoDate(today, 'today');
  const errors: SettlementDateError[] = [];

  const tradeDateFormat = formatError(tradeDate, 'trade date');
  const requestedFormat = requested === undefined ? undefined : formatError(requested, 'settlement date');
  if (requestedFormat) errors.push({ field: 'settlementDate', message: requestedFormat });
  if (tradeDateFormat)
    return { ok: false, errors: [{ field: 'tradeDate', message: tradeDateFormat }, ...errors] };

  const convention = settlementConvention({ instrument, tradeDate });
  if (!convention.tradeCalendar.isBusinessDay(tradeDate)) {
    errors.push({
      field: 'tradeDate',
      message: `trade date ${notBusinessDay(tradeDate, convention.tradeCalendar, 'market')}`,
    });
  }
  // Back-loads of past trades are normal; a future trade date is a booking error.
  if (tradeDate > today) {
    errors.push({
      field: 'tradeDate',
      message: `trade date ${tradeDate} is after today ${today}: a trade cannot be booked in the future`,
    });
  }

  if (
    requested !== undefined &&
    !requestedFormat &&
    !convention.settlementCalendar.isBusinessDay(requested)
  ) {
    errors.push({
      field: 'settlementDate',
      message: `settlement date ${notBusinessDay(requested, convention.settlementCalendar, 'settlement')}`,
    });
  }
  // No default settlement date from a trade date already refused: it is not needed to answer, and near
  // the end of the calendar (a trade date of 9999-12-31, say) it cannot be computed at all.
  if (errors.some((e) => e.field === 'tradeDate')) return { ok: false, errors: sortByField(errors) };

  const defaultDate = defaultWithinCalendar(instrument, tradeDate);
  if (defaultDate === undefined) {
    errors.push({
      field: 'tradeDate',
      message: `trade date ${tradeDate} has no settlement date (${convention.cycle}) on or before ${LAST_CALENDAR_DATE}, the last day the business calendars know`,
    });
    return { ok: false, errors: sortByField(errors) };
  }
  if (requested !== undefined && !requestedFormat && requested < defaultDate) {
    errors.push({
      field: 'settlementDate',
      message: `settlement date ${requested} is before the default ${defaultDate} (${convention.cycle})`,
    });
  }

  if (errors.length) return { ok: false, errors: sortByField(errors) };
  return { ok: true, settlementDate: requested ?? defaultDate, defaultSettlementDate: defaultDate };
}

const sortByField = (errors: readonly SettlementDateError[]): SettlementDateError[] =>
  [...errors].sort((a, b) => (a.field === b.field ? 0 : a.field === 'tradeDate' ? -1 : 1));

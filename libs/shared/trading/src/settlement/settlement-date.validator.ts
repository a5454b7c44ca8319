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

const formatError = (date: string, field: string): string | undefined => {
  try {
    parseIsoDate(date, field);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
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

  const defaultDate = defaultSettlementDate({ instrument, tradeDate });
  if (requested !== undefined && !requestedFormat) {
    if (!convention.settlementCalendar.isBusinessDay(requested)) {
      errors.push({
        field: 'settlementDate',
        message: `settlement date ${notBusinessDay(requested, convention.settlementCalendar, 'settlement')}`,
      });
    }
    if (requested < defaultDate) {
      errors.push({
        field: 'settlementDate',
        message: `settlement date ${requested} is before the default ${defaultDate} (${convention.cycle})`,
      });
    }
  }

  if (errors.length) return { ok: false, errors: sortByField(errors) };
  return { ok: true, settlementDate: requested ?? defaultDate, defaultSettlementDate: defaultDate };
}

const sortByField = (errors: readonly SettlementDateError[]): SettlementDateError[] =>
  [...errors].sort((a, b) => (a.field === b.field ? 0 : a.field === 'tradeDate' ? -1 : 1));

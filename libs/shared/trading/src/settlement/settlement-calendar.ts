import { type CalendarCode, jointCalendar } from '@tradeflow/shared/reference';
import { fromDayNumber, formatIsoDate, parseIsoDate, toDayNumber } from '../bonds/iso-date';

/** The business days settlement counts in: one calendar, several joined, or weekends only. */
export interface SettlementCalendar {
  /** For messages: 'US', 'TARGET2+US', 'US+JPY (weekends only)'. */
  readonly name: string;
  isBusinessDay(date: string): boolean;
  /** The first business day strictly after date. */
  nextBusinessDay(date: string): string;
  /** n ≥ 1 business days after date, counting from the day after. */
  addBusinessDays(date: string, n: number): string;
  /** Why date is not a business day ('Saturday', 'Thanksgiving Day', 'US: Thanksgiving Day'); undefined if it is one. */
  closure(date: string): string | undefined;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const dayNumber = (date: string): number => toDayNumber(parseIsoDate(date));
const isoDate = (day: number): string => formatIsoDate(fromDayNumber(day));

/** 0 = Sunday … 6 = Saturday; 1970-01-01 (day 0) was a Thursday. */
export const weekdayOf = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

export const isWeekend = (date: string): boolean => {
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6;
};

export const weekdayName = (date: string): string => WEEKDAY_NAMES[weekdayOf(date)] ?? '';

/**
 * Joins rule calendars; `weekendOnlyLabels` names currencies that have no calendar here and only add
 * weekends (which every rule calendar already closes), so they change the name, not the days.
 */
export function settlementCalendar(
  codes: readonly CalendarCode[],
  weekendOnlyLabels: readonly string[] = [],
): SettlementCalendar {
  const unique = [...new Set(codes)];
  const weekendsOnly = weekendOnlyLabels.length ? `${weekendOnlyLabels.join('+')} (weekends only)` : '';
  const name = [unique.join('+'), weekendsOnly].filter(Boolean).join('+') || 'weekends only';
  const rules = unique.length ? jointCalendar(unique) : undefined;

  const isBusinessDay = (date: string): boolean => (rules ? rules.isBusinessDay(date) : !isWeekend(date));

  const addBusinessDays = (date: string, n: number): string => {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`business days must be ≥ 1, got ${n}`);
    if (rules) return rules.addBusinessDays(date, n);
    let day = dayNumber(date);
    for (let left = n; left > 0;) {
      day++;
      if (!isWeekend(isoDate(day))) left--;
    }
    return isoDate(day);
  };

  return {
    name,
    isBusinessDay,
    addBusinessDays,
    nextBusinessDay: (date) => addBusinessDays(date, 1),
    closure(date) {
      if (isWeekend(date)) return weekdayName(date);
      if (!rules || rules.isBusinessDay(date)) return undefined;
      return rules.holidays(parseIsoDate(date).year).find((h) => h.date === date)?.name ?? 'holiday';
    },
  };
}

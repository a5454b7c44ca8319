// 'YYYY-MM-DD' dates as plain strings. Arithmetic goes through UTC day numbers so that no local time
// zone or daylight-saving shift can move a date.

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number;
}

/**
 * Milliseconds of a UTC calendar day. Not Date.UTC(year, …): it reads years 0 to 99 as 1900 to 1999,
 * which would move a date of the year 50 to 1950. setUTCFullYear takes the year as given.
 */
const utcMs = (year: number, monthIndex: number, day: number): number =>
  new Date(0).setUTCFullYear(year, monthIndex, day);

export const daysInMonth = (year: number, month: number): number =>
  new Date(utcMs(year, month, 0)).getUTCDate();

export const parseIsoDate = (value: string, field = 'date'): DateParts => {
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`${field} must be a date as YYYY-MM-DD, got '${value}'`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`${field} '${value}' is not a calendar date`);
  }
  return { year, month, day };
};

export const formatIsoDate = ({ year, month, day }: DateParts): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export const toDayNumber = ({ year, month, day }: DateParts): number =>
  utcMs(year, month - 1, day) / MS_PER_DAY;

export const fromDayNumber = (dayNumber: number): DateParts => {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

export const isLastDayOfMonth = ({ year, month, day }: DateParts): boolean =>
  day === daysInMonth(year, month);

export const isLastDayOfFebruary = (date: DateParts): boolean => date.month === 2 && isLastDayOfMonth(date);

/**
 * Moves a date by whole months. With `endOfMonth` the result is the last day of the target month;
 * otherwise the day is kept, clipped to the target month's length (31 Aug - 6 months = 28/29 Feb).
 */
export const addMonths = (date: DateParts, months: number, endOfMonth: boolean): DateParts => {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = daysInMonth(year, month);
  return { year, month, day: endOfMonth ? last : Math.min(date.day, last) };
};

/** Actual calendar days from `start` to `end` (negative when end is earlier). */
export const actualDaysBetween = (start: DateParts, end: DateParts): number =>
  toDayNumber(end) - toDayNumber(start);

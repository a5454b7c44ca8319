// Dates are plain 'YYYY-MM-DD' strings and day numbers (days since 1970-01-01). All arithmetic is
// integer civil-calendar arithmetic (H. Hinnant's days_from_civil), so no time zone can shift a day.

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = Sunday … 6 = Saturday

export const SUNDAY = 0;
export const MONDAY = 1;
export const THURSDAY = 4;
export const FRIDAY = 5;
export const SATURDAY = 6;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parses a strict 'YYYY-MM-DD' date; throws a RangeError naming the input otherwise. */
export function toDayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = daysFromCivil(year, month, day);
  const back = civilFromDays(n);
  if (month < 1 || month > 12 || back.month !== month || back.day !== day) {
    throw new RangeError(`date ${JSON.stringify(date)} does not exist`);
  }
  return n;
}

export function fromDayNumber(n: number): string {
  const { year, month, day } = civilFromDays(n);
  if (year < 0 || year > 9999) throw new RangeError(`date out of range: year ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function weekday(n: number): Weekday {
  // 1970-01-01 was a Thursday.
  return ((((n + THURSDAY) % 7) + 7) % 7) as Weekday;
}

export function isWeekend(n: number): boolean {
  const w = weekday(n);
  return w === SATURDAY || w === SUNDAY;
}

/** The nth (1-based) given weekday of a month, e.g. the third Monday of January. */
export function nthWeekday(year: number, month: number, wd: Weekday, nth: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((wd - weekday(first) + 7) % 7) + (nth - 1) * 7;
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export function lastWeekday(year: number, month: number, wd: Weekday): number {
  const last = daysFromCivil(year, month + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

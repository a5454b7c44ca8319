import { AD_HOC_CLOSURES } from './ad-hoc-closures.data';
import { CALENDAR_CODES, type CalendarCode } from './calendar-code';
import { civilFromDays, fromDayNumber, isWeekend, toDayNumber } from './civil-date';
import { type Holiday, type HolidayDay } from './holiday';
import { target2HolidayDays } from './target2.calendar';
import { ukHolidayDays } from './uk.calendar';
import { usHolidayDays } from './us.calendar';

export { CALENDAR_CODES, type CalendarCode } from './calendar-code';

export interface BusinessCalendar {
  /** The calendar's code, or the codes joined by '+' for a joint calendar. */
  readonly code: string;
  isBusinessDay(date: string): boolean;
  /** Weekday closing days of the year, sorted; weekends are implied. */
  holidays(year: number): Holiday[];
  /**
   * Moves n business days forward (n > 0) or back (n < 0), counting from the day after (before) date.
   * n = 0 gives date itself when it is a business day, else the next business day.
   */
  addBusinessDays(date: string, n: number): string;
  /** The first business day strictly after date. */
  nextBusinessDay(date: string): string;
  /** The last business day strictly before date. */
  previousBusinessDay(date: string): string;
}

const YEARLY_RULES: Readonly<Record<CalendarCode, (year: number) => HolidayDay[]>> = {
  US: usHolidayDays,
  TARGET2: target2HolidayDays,
  UK: ukHolidayDays,
};

// The one-off closures of each calendar, keyed 'US:2012'.
const CLOSURES = new Map<string, HolidayDay[]>();
for (const c of AD_HOC_CLOSURES) {
  const day = toDayNumber(c.date);
  const key = `${c.calendar}:${civilFromDays(day).year}`;
  CLOSURES.set(key, [...(CLOSURES.get(key) ?? []), { day, name: c.name }]);
}

/** A calendar's closing days of a year: its yearly rules plus its one-off closures. */
const rulesOf =
  (code: CalendarCode) =>
  (year: number): HolidayDay[] => [...YEARLY_RULES[code](year), ...(CLOSURES.get(`${code}:${year}`) ?? [])];

class RuleCalendar implements BusinessCalendar {
  // Holidays are derived per year on first use and kept: the rules never change at run time.
  private readonly byYear = new Map<number, ReadonlyMap<number, string>>();

  constructor(
    readonly code: string,
    private readonly rules: readonly ((year: number) => HolidayDay[])[],
    private readonly labels: readonly string[] = [],
  ) {}

  isBusinessDay(date: string): boolean {
    return this.isBusinessDayNumber(toDayNumber(date));
  }

  holidays(year: number): Holiday[] {
    if (!Number.isInteger(year) || year < 1 || year > 9999) {
      throw new RangeError(`year must be an integer from 1 to 9999, got ${year}`);
    }
    return [...this.yearHolidays(year)]
      .sort(([a], [b]) => a - b)
      .map(([day, name]) => ({ date: fromDayNumber(day), name }));
  }

  addBusinessDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n)) throw new RangeError(`business days must be an integer, got ${n}`);
    let day = toDayNumber(date);
    if (n === 0) {
      while (!this.isBusinessDayNumber(day)) day++;
      return fromDayNumber(day);
    }
    const step = n > 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0;) {
      day += step;
      if (this.isBusinessDayNumber(day)) left--;
    }
    return fromDayNumber(day);
  }

  nextBusinessDay(date: string): string {
    return this.addBusinessDays(date, 1);
  }

  previousBusinessDay(date: string): string {
    return this.addBusinessDays(date, -1);
  }

  private isBusinessDayNumber(day: number): boolean {
    return !isWeekend(day) && !this.yearHolidays(civilFromDays(day).year).has(day);
  }

  private yearHolidays(year: number): ReadonlyMap<number, string> {
    let days = this.byYear.get(year);
    if (!days) {
      const merged = new Map<number, string>();
      this.rules.forEach((rule, i) => {
        const label = this.labels[i];
        for (const h of rule(year)) {
          const name = label ? `${label}: ${h.name}` : h.name;
          const before = merged.get(h.day);
          merged.set(h.day, before ? `${before}; ${name}` : name);
        }
      });
      days = merged;
      this.byYear.set(year, days);
    }
    return days;
  }
}

const CALENDARS = new Map<CalendarCode, BusinessCalendar>(
  CALENDAR_CODES.map((code) => [code, new RuleCalendar(code, [rulesOf(code)])]),
);

function assertCode(code: string): asserts code is CalendarCode {
  if (!(CALENDAR_CODES as readonly string[]).includes(code)) {
    throw new RangeError(
      `unknown calendar ${JSON.stringify(code)}: expected one of ${CALENDAR_CODES.join(', ')}`,
    );
  }
}

export function calendar(code: CalendarCode): BusinessCalendar {
  assertCode(code);
  const found = CALENDARS.get(code);
  if (!found) throw new RangeError(`unknown calendar ${code}`);
  return found;
}

/**
 * A business day only when it is one in every given calendar, as FX spot needs for both currencies.
 * Holiday names carry their calendar code, e.g. 'US: Thanksgiving Day'.
 */
export function jointCalendar(codes: readonly CalendarCode[]): BusinessCalendar {
  const unique = [...new Set(codes)];
  if (unique.length === 0) throw new RangeError('a joint calendar needs at least one calendar');
  unique.forEach(assertCode);
  if (unique.length === 1) return calendar(unique[0] as CalendarCode);
  return new RuleCalendar(unique.join('+'), unique.map(rulesOf), unique);
}

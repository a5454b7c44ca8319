import { failed, type Failed } from '@tradeflow/shared/failure';
import { calendar, CALENDAR_CODES, type CalendarCode } from '@tradeflow/shared/reference';

export interface HolidayCalendarView {
  market: string;
  year: number;
  holidays: { date: string; name: string }[];
  /** Days of the week every calendar is closed on, besides its holidays. */
  weekends: string[];
}

export type HolidayCalendarResult = { ok: true; view: HolidayCalendarView } | Failed;

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * `GET /api/reference/calendars/{market}?year=`: the weekday closing days of a settlement calendar.
 * A malformed query is refused before the calendar is looked up (not found), as for every other request.
 */
export function holidayCalendar(
  market: string,
  year: string | undefined,
  today: string,
): HolidayCalendarResult {
  let wanted = Number(today.slice(0, 4));
  if (year !== undefined) {
    const valid = /^\d{4}$/.test(year) && Number(year) >= MIN_YEAR && Number(year) <= MAX_YEAR;
    if (!valid) {
      const got = year.length > 16 ? `${year.slice(0, 16)}…` : year;
      return failed('malformed', [
        { field: 'year', message: `year must be 4 digits from ${MIN_YEAR} to ${MAX_YEAR}, got "${got}"` },
      ]);
    }
    wanted = Number(year);
  }
  if (!(CALENDAR_CODES as readonly string[]).includes(market)) {
    const got = market.length > 16 ? `${market.slice(0, 16)}…` : market;
    return failed('not-found', [
      { field: 'market', message: `no calendar "${got}"; the calendars are ${CALENDAR_CODES.join(', ')}` },
    ]);
  }
  const holidays = calendar(market as CalendarCode)
    .holidays(wanted)
    .map((h) => ({ date: h.date, name: h.name }));
  return { ok: true, view: { market, year: wanted, holidays, weekends: ['SATURDAY', 'SUNDAY'] } };
}

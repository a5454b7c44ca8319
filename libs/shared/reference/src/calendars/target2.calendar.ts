import { daysFromCivil, isWeekend } from './civil-date';
import { easterSundayDay } from './easter';
import { type HolidayDay } from './holiday';

// TARGET (TARGET2 from 2007/2008, T2 since 2023) closing days, as decided by the ECB Governing Council.
// No observed days: a closing day on a Saturday or Sunday is simply lost, nothing moves to the Monday
// (the ECB lists the days "in addition to Saturdays and Sundays" and names no substitute).
// - 1999, TARGET's first year: New Year's Day and Christmas Day only (ECB press release "Calendar of TARGET
//   operating days for 1999", 3 Sep 1998). The calendar uses the same two days for earlier years, before
//   TARGET existed.
// - From 2000: also Good Friday, Easter Monday, 1 May and 26 December (ECB, "TARGET closing days in 2000",
//   15 Jul 1999), confirmed "from 2002 until further notice" (ECB, "Long-term calendar for TARGET closing
//   days", 14 Dec 2000: "These days will not be settlement days for the euro money market or for foreign
//   exchange transactions involving the euro").
// One-off closures (31 December 1999, 2001) are dated data in ad-hoc-closures.data.ts.
const FULL_CALENDAR_FROM = 2000;

export function target2HolidayDays(year: number): HolidayDay[] {
  const easter = easterSundayDay(year);
  const days: HolidayDay[] = [
    { day: daysFromCivil(year, 1, 1), name: "New Year's Day" },
    { day: daysFromCivil(year, 12, 25), name: 'Christmas Day' },
  ];
  if (year >= FULL_CALENDAR_FROM) {
    days.push(
      { day: easter - 2, name: 'Good Friday' },
      { day: easter + 1, name: 'Easter Monday' },
      { day: daysFromCivil(year, 5, 1), name: 'Labour Day' },
      { day: daysFromCivil(year, 12, 26), name: 'Christmas Holiday' },
    );
  }
  return days.filter((h) => !isWeekend(h.day));
}

import { daysFromCivil, isWeekend } from './civil-date';
import { easterSundayDay } from './easter';
import { type HolidayDay } from './holiday';

// TARGET2 (T2) closing days as published by the ECB: New Year's Day, Good Friday, Easter Monday,
// 1 May (Labour Day), Christmas Day, 26 December. No substitute days: a closing day on a weekend is lost.
export function target2HolidayDays(year: number): HolidayDay[] {
  const easter = easterSundayDay(year);
  const days: HolidayDay[] = [
    { day: daysFromCivil(year, 1, 1), name: "New Year's Day" },
    { day: easter - 2, name: 'Good Friday' },
    { day: easter + 1, name: 'Easter Monday' },
    { day: daysFromCivil(year, 5, 1), name: 'Labour Day' },
    { day: daysFromCivil(year, 12, 25), name: 'Christmas Day' },
    { day: daysFromCivil(year, 12, 26), name: 'Christmas Holiday' },
  ];
  return days.filter((h) => !isWeekend(h.day));
}

import {
  daysFromCivil,
  isWeekend,
  lastWeekday,
  MONDAY,
  nthWeekday,
  SATURDAY,
  SUNDAY,
  THURSDAY,
  weekday,
} from './civil-date';
import { easterSundayDay } from './easter';
import { type HolidayDay } from './holiday';

// US securities market settlement calendar: the SIFMA-recommended full-close days, which DTC follows
// for settlement. Rules followed:
// - SIFMA holiday recommendations (sifma.org "Holiday Schedule"): New Year's Day, Martin Luther King Jr.
//   Day (3rd Monday of January), Presidents Day (3rd Monday of February), Good Friday, Memorial Day
//   (last Monday of May), Juneteenth (from 2022, the first year SIFMA and NYSE closed), Independence
//   Day, Labor Day (1st Monday of September), Columbus Day (2nd Monday of October), Veterans Day,
//   Thanksgiving (4th Thursday of November), Christmas Day.
// - Observed days as for US federal holidays (5 U.S.C. 6103 / OPM): Saturday -> Friday before,
//   Sunday -> Monday after; except New Year's Day on a Saturday, which is not moved back into the old
//   year (NYSE Rule 7.2 and SIFMA: markets open on Friday 31 December).
// - Not modelled: early closes (a settlement day all the same), one-off closures (national days of
//   mourning), and the years in which SIFMA recommended only an early close on Good Friday.
function observed(day: number, name: string): HolidayDay {
  const wd = weekday(day);
  if (wd === SATURDAY) return { day: day - 1, name: `${name} (observed)` };
  if (wd === SUNDAY) return { day: day + 1, name: `${name} (observed)` };
  return { day, name };
}

export function usHolidayDays(year: number): HolidayDay[] {
  const newYear = daysFromCivil(year, 1, 1);
  const days: HolidayDay[] = [];
  if (weekday(newYear) !== SATURDAY) days.push(observed(newYear, "New Year's Day"));
  days.push({ day: nthWeekday(year, 1, MONDAY, 3), name: 'Martin Luther King Jr. Day' });
  days.push({ day: nthWeekday(year, 2, MONDAY, 3), name: 'Presidents Day' });
  days.push({ day: easterSundayDay(year) - 2, name: 'Good Friday' });
  days.push({ day: lastWeekday(year, 5, MONDAY), name: 'Memorial Day' });
  if (year >= 2022) days.push(observed(daysFromCivil(year, 6, 19), 'Juneteenth'));
  days.push(observed(daysFromCivil(year, 7, 4), 'Independence Day'));
  days.push({ day: nthWeekday(year, 9, MONDAY, 1), name: 'Labor Day' });
  days.push({ day: nthWeekday(year, 10, MONDAY, 2), name: 'Columbus Day' });
  days.push(observed(daysFromCivil(year, 11, 11), 'Veterans Day'));
  days.push({ day: nthWeekday(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' });
  days.push(observed(daysFromCivil(year, 12, 25), 'Christmas Day'));
  return days.filter((h) => !isWeekend(h.day));
}

import { daysFromCivil, isWeekend, lastWeekday, MONDAY, nthWeekday } from './civil-date';
import { easterSundayDay } from './easter';
import { type HolidayDay } from './holiday';

// England and Wales bank holidays (Banking and Financial Dealings Act 1971 and the yearly royal
// proclamations, as listed on gov.uk/bank-holidays): New Year's Day, Good Friday, Easter Monday,
// early May (1st Monday), spring (last Monday of May), summer (last Monday of August), Christmas Day,
// Boxing Day. A holiday on a weekend gets a substitute: the next weekday not already a holiday.

// One-off changes by proclamation, which no rule predicts; kept so back-loaded trades settle right.
const MOVED: Readonly<Record<string, { from: string; to: [number, number] }>> = {
  '1995': { from: 'Early May bank holiday', to: [5, 8] }, // VE Day 50th anniversary
  '2002': { from: 'Spring bank holiday', to: [6, 4] }, // Golden Jubilee
  '2012': { from: 'Spring bank holiday', to: [6, 4] }, // Diamond Jubilee
  '2020': { from: 'Early May bank holiday', to: [5, 8] }, // VE Day 75th anniversary
  '2022': { from: 'Spring bank holiday', to: [6, 2] }, // Platinum Jubilee
};
const EXTRA: readonly { date: [number, number, number]; name: string }[] = [
  { date: [1999, 12, 31], name: 'Millennium Celebrations' },
  { date: [2002, 6, 3], name: 'Golden Jubilee' },
  { date: [2011, 4, 29], name: 'Royal wedding' },
  { date: [2012, 6, 5], name: 'Diamond Jubilee' },
  { date: [2022, 6, 3], name: 'Platinum Jubilee' },
  { date: [2022, 9, 19], name: 'State Funeral of Queen Elizabeth II' },
  { date: [2023, 5, 8], name: 'Coronation of King Charles III' },
];

export function ukHolidayDays(year: number): HolidayDay[] {
  const easter = easterSundayDay(year);
  const fixed: HolidayDay[] = [
    { day: daysFromCivil(year, 1, 1), name: "New Year's Day" },
    { day: easter - 2, name: 'Good Friday' },
    { day: easter + 1, name: 'Easter Monday' },
    { day: nthWeekday(year, 5, MONDAY, 1), name: 'Early May bank holiday' },
    { day: lastWeekday(year, 5, MONDAY), name: 'Spring bank holiday' },
    { day: lastWeekday(year, 8, MONDAY), name: 'Summer bank holiday' },
    { day: daysFromCivil(year, 12, 25), name: 'Christmas Day' },
    { day: daysFromCivil(year, 12, 26), name: 'Boxing Day' },
  ];
  const moved = MOVED[String(year)];
  const rules = fixed.map((h) =>
    moved && h.name === moved.from ? { ...h, day: daysFromCivil(year, moved.to[0], moved.to[1]) } : h,
  );
  for (const e of EXTRA) if (e.date[0] === year) rules.push({ day: daysFromCivil(...e.date), name: e.name });

  // Weekday holidays claim their days first, so Christmas on a Sunday is substituted on Tuesday 27th
  // when Boxing Day already takes Monday 26th.
  const taken = new Set(rules.filter((h) => !isWeekend(h.day)).map((h) => h.day));
  const days = rules.filter((h) => !isWeekend(h.day));
  for (const h of rules) {
    if (!isWeekend(h.day)) continue;
    let sub = h.day + 1;
    while (isWeekend(sub) || taken.has(sub)) sub++;
    taken.add(sub);
    days.push({ day: sub, name: `${h.name} (substitute day)` });
  }
  return days;
}

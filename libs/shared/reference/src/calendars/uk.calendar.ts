import { daysFromCivil, isWeekend, lastWeekday, MONDAY, nthWeekday } from './civil-date';
import { easterSundayDay } from './easter';
import { type HolidayDay } from './holiday';

// England and Wales bank holidays (Banking and Financial Dealings Act 1971 and the yearly royal
// proclamations), as gov.uk lists them ("UK bank holidays", www.gov.uk/bank-holidays): New Year's Day,
// Good Friday, Easter Monday, early May (1st Monday), spring (last Monday of May), summer (last Monday of
// August), Christmas Day, Boxing Day.
// Observed days (gov.uk: "If a bank holiday is on a weekend, a 'substitute' weekday becomes a bank
// holiday, normally the following Monday", quoted from that page in spatie/holidays PR #162; the page
// itself is not in the sources searched): the next weekday not already a holiday, so
// - New Year's Day on a Saturday or Sunday: the Monday (3 Jan 2022 in the inews.co.uk list below; 2 Jan
//   2023, Belfast Telegraph 2023 bank holiday list, 3 Jan 2023);
// - Boxing Day on a Saturday: Monday 28th (28 Dec 2020, inews.co.uk, "What day is Christmas 2020?");
// - Christmas on a Saturday, Boxing Day on a Sunday: Monday 27th and Tuesday 28th (2021, inews.co.uk,
//   inews.co.uk/news/is-monday-27-december-bank-holiday-christmas-day-saturday-uk-dates-day-off-1368123);
// - Christmas on a Sunday: Boxing Day keeps Monday 26th, Christmas moves to Tuesday 27th (2022, listed in
//   the same inews.co.uk article).
// One-off extra bank holidays are dated data in ad-hoc-closures.data.ts; the proclamations that MOVED a
// regular holiday are here.
const MOVED: Readonly<Record<string, { from: string; to: [number, number] }>> = {
  // VE Day 50th anniversary; "moved once before, to coincide with VE Day's 50th anniversary in 1995"
  // (LBC, "May Bank Holiday 2020 Moved To Coincide With VE Day 75th Anniversary", 8 Jun 2019).
  '1995': { from: 'Early May bank holiday', to: [5, 8] },
  // Golden Jubilee: spring holiday "moved to Tuesday 4 June" (BBC News, "'Extra holiday' for Queen's
  // jubilee", 24 Nov 2000).
  '2002': { from: 'Spring bank holiday', to: [6, 4] },
  // Diamond Jubilee: "The 2012 late May bank holiday will be moved to Monday 4 June 2012" (announcement
  // quoted in the blog post "Diamond Jubilee Bank Holiday provision 2012", louisebaldock.blogspot.com).
  '2012': { from: 'Spring bank holiday', to: [6, 4] },
  // VE Day 75th anniversary: "moved from Monday 4 May to Friday 8 May" (government announcement reproduced
  // at valerievazmp.co.uk, "Early May Bank Holiday to be moved to 8 May 2020 for VE Day 75th anniversary").
  '2020': { from: 'Early May bank holiday', to: [5, 8] },
  // Platinum Jubilee: spring holiday on Thursday 2 June (gov.uk news "Extra bank holiday to mark the
  // Queen's Platinum Jubilee in 2022", as cited by date-holidays' GB.yaml; inews.co.uk 2022 list).
  '2022': { from: 'Spring bank holiday', to: [6, 2] },
};

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

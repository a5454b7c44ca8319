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

// US securities settlement calendar: the days SIFMA recommends a FULL close of the US dollar fixed income
// markets (its yearly "Holiday Schedule", sifma.org/resources/general/holiday-schedule), which DTC follows
// for settlement. Early closes are business days ("Early closes will not affect the closing time for
// settlements", SIFMA, "SIFMA Issues 2026 and 2027 Fixed Income Recommendations…", 17 Dec 2025).
// One-off closures (storms, days of mourning) are dated data in ad-hoc-closures.data.ts.
// "Strata USGS <year>" below: SIFMA's historical recommendations for 1996-2015 (the PDF
// misc-us-historical-holiday-market-recommendations-sifma.pdf, not itself in the sources searched) as
// transcribed row by row in OpenGamma Strata's GlobalHolidayCalendarsTest (data_usgs).
//
// A holiday on a Sunday is always observed on the Monday after. On a Saturday SIFMA differs by holiday,
// and differs from the Federal Reserve, whose Banks are open on the Friday before EVERY Saturday holiday
// (Federal Reserve, "K.8 - Holidays Observed by the Federal Reserve System 2020-2024"):
// - closed on the Friday: Independence Day and Christmas Day (and Juneteenth, unverified: see below);
// - open on the Friday (no holiday at all): New Year's Day (the Friday is the last trading day of the
//   year) and Veterans Day (the bond market traded on Fri 10 Nov 2023).
type OnSaturday = 'friday-before' | 'not-observed';

function observed(day: number, name: string, onSaturday: OnSaturday): HolidayDay | undefined {
  const wd = weekday(day);
  if (wd === SUNDAY) return { day: day + 1, name: `${name} (observed)` };
  if (wd === SATURDAY)
    return onSaturday === 'friday-before' ? { day: day - 1, name: `${name} (observed)` } : undefined;
  return { day, name };
}

export function usHolidayDays(year: number): HolidayDay[] {
  const fixed = (month: number, day: number, name: string, onSaturday: OnSaturday) =>
    observed(daysFromCivil(year, month, day), name, onSaturday);
  const days: (HolidayDay | undefined)[] = [
    // Saturday: not observed. SIFMA, "SIFMA Issues 2010 and 2011 Recommendations for Full and Early Holiday
    // Closes" (via mondovisione.com): "full day trading on Friday, December 31, 2010 due to it being the last
    // trading day for 2010"; no 31 Dec close in Strata USGS 1999, 2004, 2010. Sunday: Mon 2 Jan 2006 and
    // 2012 closed (Strata USGS).
    fixed(1, 1, "New Year's Day", 'not-observed'),
    { day: nthWeekday(year, 1, MONDAY, 3), name: 'Martin Luther King Jr. Day' },
    { day: nthWeekday(year, 2, MONDAY, 3), name: 'Presidents Day' },
    // Also in the years SIFMA recommends only an early close on Good Friday (a jobs-report Friday, e.g.
    // 2010, 2012, 2015, 2021), it recommends the day "not be treated as a good settlement day" (SIFMA,
    // "SIFMA Recommends Early Market Close on April 3 … Good Friday Holiday", 9 Mar 2015; same wording for
    // 6 Apr 2012), so Good Friday stays a settlement holiday every year.
    { day: easterSundayDay(year) - 2, name: 'Good Friday' },
    { day: lastWeekday(year, 5, MONDAY), name: 'Memorial Day' },
    // From 2022: SIFMA, "SIFMA Revises 2022 Fixed Income Market Close Recommendations in the US…"
    // (mondovisione.com, 14 Jul 2021): full close Mon 20 Jun 2022 (19 Jun on a Sunday). In 2021 (a
    // Saturday, the law two days old) SIFMA kept Fri 18 Jun open as Fedwire was open ("Wall Street
    // wrestles with Juneteenth law", a Bloomberg story reposted 19 Jun 2021). Saturday from 2022 on
    // (first in 2027): moved to the Friday like Independence Day; SIFMA's 2027 table is not in the sources
    // searched, so this case is unverified.
    year >= 2022 ? fixed(6, 19, 'Juneteenth', 'friday-before') : undefined,
    // Saturday: Fri 3 Jul closed in 2015 and 2020 (SIFMA, "SIFMA Recommends an Early Market Close on July 2
    // and a Full Market Close on July 3 in the U.S. in Observance of the Independence Day Holiday", 23 Jun
    // 2020); Fri 3 Jul 1998, 2009, 2015 in Strata USGS. Sunday: Mon 5 Jul 1999, 2004, 2010 (Strata USGS).
    fixed(7, 4, 'Independence Day', 'friday-before'),
    { day: nthWeekday(year, 9, MONDAY, 1), name: 'Labor Day' },
    { day: nthWeekday(year, 10, MONDAY, 2), name: 'Columbus Day' },
    // Saturday: not observed (issue 18): Fri 10 Nov 2000 and 2006 open (Strata USGS), and on Fri 10 Nov
    // 2023 "The U.S. bond market will also trade normal" (forexlive.com, "US markets will remain open on
    // observed Veterans Day", 10 Nov 2023). Sunday: Mon 12 Nov 2001, 2007, 2012 closed (Strata USGS).
    fixed(11, 11, 'Veterans Day', 'not-observed'),
    { day: nthWeekday(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' },
    // Saturday: Fri 24 Dec 1999, 2004, 2010 closed (Strata USGS); 2021 too ("All U.S. markets … will be
    // closed", commdiginews.com, "Christmas on Wall Street", Dec 2021). Sunday: Mon 26 Dec 2005, 2011
    // (Strata USGS).
    fixed(12, 25, 'Christmas Day', 'friday-before'),
  ];
  return days.filter((h): h is HolidayDay => h !== undefined && !isWeekend(h.day));
}

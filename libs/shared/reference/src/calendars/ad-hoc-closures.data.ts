import { type CalendarCode } from './calendar-code';

/** A one-off FULL-day closure that no yearly rule predicts. */
export interface AdHocClosure {
  /** 'YYYY-MM-DD', a weekday. */
  readonly date: string;
  readonly calendar: CalendarCode;
  readonly name: string;
}

// Only full closures: an early close is a business day (trades settle on it). Left out for that reason:
// - US 2001-09-13 and 2001-09-14: the bond market reopened 8 a.m.-2 p.m. on the Bond Market
//   Association's recommendation (Taipei Times/Bloomberg, 14 Sep 2001); 2001-09-17: 2 p.m. close
//   (Investment Executive, "U.S. equity markets to reopen Monday", 14 Sep 2001). The NYSE stayed shut
//   to the 14th; this calendar follows the bond market.
// - US 2007-01-02, President Ford: SIFMA recommended an early close only (Bloomberg, "Financial Markets to
//   Close Jan. 2 for Ford Memorial", 29 Dec 2006; AP in the Washington Post, 30 Dec 2006: "closing at
//   2 p.m.").
// - US 2012-10-29, Hurricane Sandy: early close at noon (SIFMA, "SIFMA Early Market Close Recommendations
//   for Hurricane Sandy in the US Markets", 28 Oct 2012).
// - US 2025-01-09, President Carter: early close at 2 p.m., settlement open (SIFMA, "SIFMA Recommends
//   Early Market Close on January 9, 2025 for the National Day of Mourning…", 30 Dec 2024, and SIFMA's
//   "Unscheduled close market matrix": fixed income settlement OPEN, Fedwire OPEN).
// Some full closes were still settlement days for part of the market (noted per entry); one calendar
// serves both trade and settlement dates here, so they count as closed.
export const AD_HOC_CLOSURES: readonly AdHocClosure[] = [
  // ECB, "Year 2000 - Closing of TARGET on 31 December 1999" (31 Mar 1999); "As TARGET was not operating
  // on 31 December 1999 …" (ECB, "Eurosystem operates smoothly on 3 January 2000").
  { date: '1999-12-31', calendar: 'TARGET2', name: 'Year 2000 changeover' },
  // Extra bank holiday: the plan as the Sunday Times reported it (17 Apr 1998, via Gary North's Y2K links:
  // "Friday, December 31, 1999 will be declared a Bank Holiday"); its confirmation is not in the sources
  // searched beyond Wikipedia's "In 1999, an additional bank holiday was given on 31 December".
  { date: '1999-12-31', calendar: 'UK', name: 'Millennium Celebrations' },
  // Markets shut after the attacks; bonds "started trading [13 Sep] after a two-day halt" (Taipei Times
  // quoting Bloomberg, 14 Sep 2001); "U.S. financial markets were closed Tuesday and will remain closed on
  // Wednesday" (Washington Post wire reports, 11 Sep 2001).
  { date: '2001-09-11', calendar: 'US', name: 'September 11 attacks' },
  { date: '2001-09-12', calendar: 'US', name: 'September 11 attacks' },
  // Euro cash changeover. No ECB document for it in the sources searched: taken from QuantLib's TARGET
  // calendar (ql/time/calendars/target.cpp: "December 31st, 1998, 1999, and 2001 only"); the ECB's
  // 14 Dec 2000 release confirms 2001 had its own calendar. Unverified against the ECB.
  { date: '2001-12-31', calendar: 'TARGET2', name: 'Euro cash changeover' },
  // BBC News, "'Extra holiday' for Queen's jubilee", 24 Nov 2000: "the one-off extra bank holiday would be
  // on Monday 3 June 2002".
  { date: '2002-06-03', calendar: 'UK', name: 'Golden Jubilee' },
  // National day of mourning: "The Bond Market Association trade group urged bond markets to close as
  // well" (Chicago Tribune, "Wall Street to honor Reagan", 8 Jun 2004); the Federal Reserve Banks were
  // open (TribLIVE, "National Day of Mourning", 11 Jun 2004).
  { date: '2004-06-11', calendar: 'US', name: 'National Day of Mourning for President Reagan' },
  // Royal wedding, declared a bank holiday (timeanddate.com, "Royal Wedding Bank Holiday in United
  // Kingdom"; officeholidays.com).
  { date: '2011-04-29', calendar: 'UK', name: 'Royal wedding' },
  // Diamond Jubilee: "an additional Jubilee bank holiday will be on Tuesday 5 June 2012" (announcement
  // quoted at louisebaldock.blogspot.com, Jun 2011).
  { date: '2012-06-05', calendar: 'UK', name: 'Diamond Jubilee' },
  // SIFMA "Recommends Full Market Close On October 30 For Trading Of US Dollar-Denominated Fixed-Income
  // Securities In The US Due To Hurricane Sandy" (mondovisione.com, 29 Oct 2012); it called the day "a good
  // settlement day" but asked firms to "limit settlements". Reopened 31 Oct (Bloomberg, 30 Oct 2012).
  { date: '2012-10-30', calendar: 'US', name: 'Hurricane Sandy' },
  // SIFMA, "SIFMA Recommends Full Market Close Wednesday December 5 In Honor of Former President George
  // H. W. Bush" (1 Dec 2018): government and agency trades due 5 Dec settle 6 Dec; "DTCC/NSCC will remain
  // open on Wednesday" for corporate and municipal settlement.
  { date: '2018-12-05', calendar: 'US', name: 'National Day of Mourning for President George H. W. Bush' },
  // Extra bank holiday, Friday 3 June (gov.uk news "Extra bank holiday to mark the Queen's Platinum
  // Jubilee in 2022", cited by date-holidays' GB.yaml; inews.co.uk 2022 list).
  { date: '2022-06-03', calendar: 'UK', name: 'Platinum Jubilee' },
  // Proclamation approved by the King on 10 Sep 2022 (ITV News, "King Charles approves day of the Queen's
  // funeral will be a bank holiday"); Monday 19 September (Department for Education statement, Express &
  // Star, 10 Sep 2022).
  { date: '2022-09-19', calendar: 'UK', name: 'State Funeral of Queen Elizabeth II' },
  // gov.uk news "Bank holiday proclaimed in honour of the coronation of His Majesty King Charles III"
  // (10 Downing Street, Nov 2022, reproduced at wired-gov.net): Monday 8 May 2023.
  { date: '2023-05-08', calendar: 'UK', name: 'Coronation of King Charles III' },
];

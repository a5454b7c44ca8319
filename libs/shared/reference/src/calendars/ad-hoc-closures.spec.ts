import { AD_HOC_CLOSURES } from './ad-hoc-closures.data';
import { calendar, type CalendarCode, jointCalendar } from './business-calendar';

const dates = (list: { date: string }[]): string[] => list.map((h) => h.date);

// Written out by hand from the sources cited in ad-hoc-closures.data.ts, not read from the table.
const CLOSURES: [CalendarCode, string, string][] = [
  ['TARGET2', '1999-12-31', 'Year 2000 changeover'],
  ['UK', '1999-12-31', 'Millennium Celebrations'],
  ['US', '2001-09-11', 'September 11 attacks'],
  ['US', '2001-09-12', 'September 11 attacks'],
  ['TARGET2', '2001-12-31', 'Euro cash changeover'],
  ['UK', '2002-06-03', 'Golden Jubilee'],
  ['US', '2004-06-11', 'National Day of Mourning for President Reagan'],
  ['UK', '2011-04-29', 'Royal wedding'],
  ['UK', '2012-06-05', 'Diamond Jubilee'],
  ['US', '2012-10-30', 'Hurricane Sandy'],
  ['US', '2018-12-05', 'National Day of Mourning for President George H. W. Bush'],
  ['UK', '2022-06-03', 'Platinum Jubilee'],
  ['UK', '2022-09-19', 'State Funeral of Queen Elizabeth II'],
  ['UK', '2023-05-08', 'Coronation of King Charles III'],
];

describe('ad-hoc full-day closures', () => {
  it.each(CLOSURES)('%s is closed on %s (%s)', (code, date, name) => {
    const cal = calendar(code);
    expect(cal.isBusinessDay(date)).toBe(false);
    expect(cal.holidays(Number(date.slice(0, 4)))).toContainEqual({ date, name });
  });

  it('the table holds exactly these closures, each on a weekday', () => {
    expect(AD_HOC_CLOSURES.map((c) => [c.calendar, c.date, c.name])).toEqual(CLOSURES);
    for (const [, date] of CLOSURES) expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
  });

  it('US: the days around each closure are open where the market was', () => {
    const us = calendar('US');
    // The bond market reopened on Thursday 13 September 2001 (an early close, a business day).
    expect(us.isBusinessDay('2001-09-10')).toBe(true);
    expect(us.isBusinessDay('2001-09-13')).toBe(true);
    expect(us.isBusinessDay('2001-09-14')).toBe(true);
    expect(us.isBusinessDay('2004-06-10')).toBe(true);
    expect(us.isBusinessDay('2004-06-14')).toBe(true);
    // Monday 29 October 2012 was a noon early close; SIFMA recommended a full open on the 31st.
    expect(us.isBusinessDay('2012-10-29')).toBe(true);
    expect(us.isBusinessDay('2012-10-31')).toBe(true);
    expect(us.isBusinessDay('2018-12-04')).toBe(true);
    expect(us.isBusinessDay('2018-12-06')).toBe(true);
  });

  it('US: the national days of mourning with only an early close are business days (Ford 2007, Carter 2025)', () => {
    const us = calendar('US');
    expect(us.isBusinessDay('2007-01-02')).toBe(true);
    expect(us.isBusinessDay('2007-01-01')).toBe(false); // New Year's Day itself
    expect(us.isBusinessDay('2025-01-09')).toBe(true);
  });

  it('US: SIFMA moved the settlement of 4 Dec 2018 Treasury trades from the 5th to Thursday the 6th', () => {
    expect(calendar('US').addBusinessDays('2018-12-04', 1)).toBe('2018-12-06');
    // A Tuesday 8 Jun 2004 trade, T+3: Wed 9 = 1, Thu 10 = 2, Fri 11 closed, Mon 14 = 3.
    expect(calendar('US').addBusinessDays('2004-06-08', 3)).toBe('2004-06-14');
  });

  it('TARGET2 ran on 30 December 1999 and from 3 January 2000; the UK substitute days of 1999 stay', () => {
    const t2 = calendar('TARGET2');
    expect(t2.isBusinessDay('1999-12-30')).toBe(true);
    expect(t2.nextBusinessDay('1999-12-30')).toBe('2000-01-03');
    expect(calendar('UK').holidays(1999).slice(-3)).toEqual([
      { date: '1999-12-27', name: 'Christmas Day (substitute day)' },
      { date: '1999-12-28', name: 'Boxing Day (substitute day)' },
      { date: '1999-12-31', name: 'Millennium Celebrations' },
    ]);
  });

  it('UK: the jubilees close two days running, the funeral and coronation one', () => {
    const uk = calendar('UK');
    expect(dates(uk.holidays(2002))).toEqual([
      '2002-01-01',
      '2002-03-29',
      '2002-04-01',
      '2002-05-06',
      '2002-06-03',
      '2002-06-04',
      '2002-08-26',
      '2002-12-25',
      '2002-12-26',
    ]);
    expect(uk.isBusinessDay('2002-05-27')).toBe(true); // the spring holiday moved to 4 June
    expect(dates(uk.holidays(2012)).slice(3, 6)).toEqual(['2012-05-07', '2012-06-04', '2012-06-05']);
    expect(uk.isBusinessDay('2012-05-28')).toBe(true);
    expect(uk.isBusinessDay('2022-09-20')).toBe(true);
    expect(uk.isBusinessDay('2023-05-09')).toBe(true);
    expect(uk.holidays(2011)).toContainEqual({ date: '2011-04-29', name: 'Royal wedding' });
  });

  it('a joint calendar names the closure with its calendar', () => {
    expect(jointCalendar(['US', 'UK']).holidays(2012)).toContainEqual({
      date: '2012-10-30',
      name: 'US: Hurricane Sandy',
    });
    expect(jointCalendar(['TARGET2', 'UK']).holidays(1999)).toContainEqual({
      date: '1999-12-31',
      name: 'TARGET2: Year 2000 changeover; UK: Millennium Celebrations',
    });
  });
});

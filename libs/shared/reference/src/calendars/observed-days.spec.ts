import fc from 'fast-check';
import { calendar, CALENDAR_CODES, type CalendarCode } from './business-calendar';

const dates = (list: { date: string }[]): string[] => list.map((h) => h.date);

// Each weekend case of each holiday, in real years, written out by hand from the published schedules
// cited in us.calendar.ts, target2.calendar.ts and uk.calendar.ts.
describe('US observed days (SIFMA)', () => {
  const us = calendar('US');

  it('issue 18: Fri 10 Nov 2023 is open (Veterans Day on the Saturday): T+2 from the 9th is the 13th', () => {
    expect(us.isBusinessDay('2023-11-10')).toBe(true);
    expect(us.addBusinessDays('2023-11-09', 2)).toBe('2023-11-13');
    expect(us.addBusinessDays('2023-11-09', 1)).toBe('2023-11-10');
    expect(us.holidays(2023)).toEqual([
      { date: '2023-01-02', name: "New Year's Day (observed)" },
      { date: '2023-01-16', name: 'Martin Luther King Jr. Day' },
      { date: '2023-02-20', name: 'Presidents Day' },
      { date: '2023-04-07', name: 'Good Friday' },
      { date: '2023-05-29', name: 'Memorial Day' },
      { date: '2023-06-19', name: 'Juneteenth' },
      { date: '2023-07-04', name: 'Independence Day' },
      { date: '2023-09-04', name: 'Labor Day' },
      { date: '2023-10-09', name: 'Columbus Day' },
      { date: '2023-11-23', name: 'Thanksgiving Day' },
      { date: '2023-12-25', name: 'Christmas Day' },
    ]);
  });

  it('Veterans Day: not observed on a Saturday (2000, 2006, 2017, 2028), Monday after a Sunday', () => {
    for (const friday of ['2000-11-10', '2006-11-10', '2017-11-10', '2028-11-10']) {
      expect(us.isBusinessDay(friday)).toBe(true);
    }
    for (const monday of ['2001-11-12', '2012-11-12', '2018-11-12']) {
      expect(us.isBusinessDay(monday)).toBe(false);
    }
    expect(us.holidays(2018)).toContainEqual({ date: '2018-11-12', name: 'Veterans Day (observed)' });
    expect(us.isBusinessDay('2018-11-13')).toBe(true);
  });

  it("New Year's Day: Saturday is not observed (31 Dec 2010 traded), Sunday moves to Monday (2 Jan 2012)", () => {
    expect(us.isBusinessDay('2010-12-31')).toBe(true);
    expect(dates(us.holidays(2011))[0]).toBe('2011-01-17');
    expect(us.holidays(2012)[0]).toEqual({ date: '2012-01-02', name: "New Year's Day (observed)" });
  });

  it('Independence Day: Saturday closes the Friday (3 Jul 2015, 2020), Sunday the Monday (5 Jul 2010, 2021)', () => {
    for (const closed of ['2015-07-03', '2020-07-03', '2010-07-05', '2021-07-05']) {
      expect(us.isBusinessDay(closed)).toBe(false);
    }
    expect(us.holidays(2020)).toContainEqual({ date: '2020-07-03', name: 'Independence Day (observed)' });
    expect(us.isBusinessDay('2020-07-02')).toBe(true); // an early close, a settlement day all the same
    expect(us.isBusinessDay('2021-07-06')).toBe(true);
  });

  it('Christmas Day: Saturday closes Friday 24 Dec (2010, 2021), Sunday Monday 26 Dec (2011, 2022)', () => {
    for (const closed of ['2010-12-24', '2021-12-24', '2011-12-26', '2022-12-26']) {
      expect(us.isBusinessDay(closed)).toBe(false);
    }
    expect(us.holidays(2021)).toContainEqual({ date: '2021-12-24', name: 'Christmas Day (observed)' });
    expect(us.isBusinessDay('2021-12-23')).toBe(true);
    expect(us.isBusinessDay('2022-12-27')).toBe(true);
  });

  it('Juneteenth: not in 2021, Sunday 2022 on Monday the 20th, Saturday 2027 on Friday the 18th', () => {
    expect(us.isBusinessDay('2021-06-18')).toBe(true);
    expect(us.holidays(2022)).toContainEqual({ date: '2022-06-20', name: 'Juneteenth (observed)' });
    expect(us.holidays(2027)).toContainEqual({ date: '2027-06-18', name: 'Juneteenth (observed)' });
  });

  it('Good Friday stays a settlement holiday in the early-close years (2012, 2015)', () => {
    expect(us.isBusinessDay('2012-04-06')).toBe(false);
    expect(us.isBusinessDay('2015-04-03')).toBe(false);
  });

  it("matches SIFMA's historical lists for 2000 and 2006, when New Year's Day or Veterans Day fell on a Saturday", () => {
    expect(dates(us.holidays(2000))).toEqual([
      '2000-01-17',
      '2000-02-21',
      '2000-04-21',
      '2000-05-29',
      '2000-07-04',
      '2000-09-04',
      '2000-10-09',
      '2000-11-23',
      '2000-12-25',
    ]);
    expect(dates(us.holidays(2006))).toEqual([
      '2006-01-02',
      '2006-01-16',
      '2006-02-20',
      '2006-04-14',
      '2006-05-29',
      '2006-07-04',
      '2006-09-04',
      '2006-10-09',
      '2006-11-23',
      '2006-12-25',
    ]);
  });
});

describe('TARGET2 has no observed days', () => {
  const t2 = calendar('TARGET2');

  it("New Year's Day on a Saturday (2022) or Sunday (2023): the Monday is open", () => {
    expect(t2.isBusinessDay('2022-01-03')).toBe(true);
    expect(t2.isBusinessDay('2023-01-02')).toBe(true);
  });

  it('1 May on a Saturday (2021) or Sunday (2022): the Monday is open', () => {
    expect(t2.isBusinessDay('2021-05-03')).toBe(true);
    expect(t2.isBusinessDay('2022-05-02')).toBe(true);
  });

  it('Christmas on Saturday/Sunday (2021), on Sunday (2022), 26 December on Saturday (2020)', () => {
    expect(dates(t2.holidays(2021))).toEqual(['2021-01-01', '2021-04-02', '2021-04-05']);
    expect(t2.isBusinessDay('2021-12-27')).toBe(true);
    expect(t2.isBusinessDay('2021-12-28')).toBe(true);
    expect(t2.isBusinessDay('2022-12-26')).toBe(false); // 26 December is a closing day of its own
    expect(t2.isBusinessDay('2022-12-27')).toBe(true);
    expect(t2.isBusinessDay('2020-12-28')).toBe(true);
  });

  it('1999 closed only on New Year and Christmas (and 31 December); the six-day calendar starts in 2000', () => {
    expect(t2.holidays(1999)).toEqual([
      { date: '1999-01-01', name: "New Year's Day" },
      { date: '1999-12-31', name: 'Year 2000 changeover' },
    ]);
    expect(t2.isBusinessDay('1999-04-02')).toBe(true); // Good Friday 1999
    expect(t2.isBusinessDay('1999-04-05')).toBe(true); // Easter Monday 1999
    expect(dates(t2.holidays(2000))).toEqual([
      '2000-04-21',
      '2000-04-24',
      '2000-05-01',
      '2000-12-25',
      '2000-12-26',
    ]);
  });
});

describe('UK substitute days (gov.uk)', () => {
  const uk = calendar('UK');

  it("New Year's Day on a Saturday (2022) or Sunday (2023, 2012) moves to the Monday", () => {
    expect(uk.holidays(2022)[0]).toEqual({ date: '2022-01-03', name: "New Year's Day (substitute day)" });
    expect(uk.holidays(2023)[0]).toEqual({ date: '2023-01-02', name: "New Year's Day (substitute day)" });
    expect(uk.holidays(2012)[0]).toEqual({ date: '2012-01-02', name: "New Year's Day (substitute day)" });
  });

  it('Boxing Day on a Saturday (2020): Monday 28th; Christmas on Sat/Sun (2021): 27th and 28th', () => {
    expect(uk.holidays(2020)).toEqual([
      { date: '2020-01-01', name: "New Year's Day" },
      { date: '2020-04-10', name: 'Good Friday' },
      { date: '2020-04-13', name: 'Easter Monday' },
      { date: '2020-05-08', name: 'Early May bank holiday' },
      { date: '2020-05-25', name: 'Spring bank holiday' },
      { date: '2020-08-31', name: 'Summer bank holiday' },
      { date: '2020-12-25', name: 'Christmas Day' },
      { date: '2020-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    expect(dates(uk.holidays(2021))).toEqual([
      '2021-01-01',
      '2021-04-02',
      '2021-04-05',
      '2021-05-03',
      '2021-05-31',
      '2021-08-30',
      '2021-12-27',
      '2021-12-28',
    ]);
  });

  it('Christmas on a Sunday (2011): Boxing Day keeps Monday 26th, Christmas moves to Tuesday 27th', () => {
    expect(uk.holidays(2011).slice(-2)).toEqual([
      { date: '2011-12-26', name: 'Boxing Day' },
      { date: '2011-12-27', name: 'Christmas Day (substitute day)' },
    ]);
  });
});

describe('observed-day properties', () => {
  const dow = (y: number, m: number, d: number): number => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const iso = (y: number, m: number, d: number): string =>
    new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
  const years = fc.integer({ min: 1950, max: 2150 });

  it('US: a Saturday holiday closes the Friday only for Independence Day, Christmas and Juneteenth', () => {
    const us = calendar('US');
    fc.assert(
      fc.property(years, (y) => {
        if (dow(y, 11, 11) === 6) expect(us.isBusinessDay(iso(y, 11, 10))).toBe(true);
        if (dow(y + 1, 1, 1) === 6) expect(us.isBusinessDay(iso(y, 12, 31))).toBe(true);
        if (dow(y, 7, 4) === 6) expect(us.isBusinessDay(iso(y, 7, 3))).toBe(false);
        if (dow(y, 12, 25) === 6) expect(us.isBusinessDay(iso(y, 12, 24))).toBe(false);
        if (y >= 2022 && dow(y, 6, 19) === 6) expect(us.isBusinessDay(iso(y, 6, 18))).toBe(false);
      }),
    );
  });

  it('US: every fixed-date holiday on a Sunday closes the Monday after', () => {
    const us = calendar('US');
    fc.assert(
      fc.property(years, (y) => {
        const fixed: [number, number][] = [
          [1, 1],
          [7, 4],
          [11, 11],
          [12, 25],
          ...(y >= 2022 ? ([[6, 19]] as [number, number][]) : []),
        ];
        for (const [m, d] of fixed) {
          if (dow(y, m, d) === 0) expect(us.isBusinessDay(iso(y, m, d + 1))).toBe(false);
        }
      }),
    );
  });

  it('US: 11 holidays a year before 2022 and 12 from, less New Year and Veterans Day on a Saturday', () => {
    const us = calendar('US');
    const adHoc: Record<number, number> = { 2001: 2, 2004: 1, 2012: 1, 2018: 1 };
    fc.assert(
      fc.property(years, (y) => {
        const expected =
          (y >= 2022 ? 12 : 11) -
          (dow(y, 1, 1) === 6 ? 1 : 0) -
          (dow(y, 11, 11) === 6 ? 1 : 0) +
          (adHoc[y] ?? 0);
        expect(us.holidays(y)).toHaveLength(expected);
      }),
    );
  });

  it('TARGET2 (from 2000): 6 closing days less those on a weekend, never moved', () => {
    const t2 = calendar('TARGET2');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2150 }), (y) => {
        const fixedDays: [number, number][] = [
          [1, 1],
          [5, 1],
          [12, 25],
          [12, 26],
        ];
        const onWeekend = fixedDays.filter(([m, d]) => [0, 6].includes(dow(y, m, d))).length;
        expect(t2.holidays(y)).toHaveLength(6 - onWeekend + (y === 2001 ? 1 : 0));
      }),
    );
  });

  it('no observed day leaves its year or lands on a weekend, and each date is listed once', () => {
    fc.assert(
      fc.property(fc.constantFrom<CalendarCode>(...CALENDAR_CODES), years, (code, y) => {
        const listed = calendar(code)
          .holidays(y)
          .map((h) => h.date);
        expect(new Set(listed).size).toBe(listed.length);
        for (const date of listed) {
          expect(date.startsWith(`${String(y)}-`)).toBe(true);
          expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
        }
      }),
    );
  });

  it('UK: always 8 bank holidays (a weekend one gets a weekday substitute), plus the one-off extras', () => {
    const uk = calendar('UK');
    const extras: Record<number, number> = { 1999: 1, 2002: 1, 2011: 1, 2012: 1, 2022: 2, 2023: 1 };
    fc.assert(
      fc.property(years, (y) => {
        expect(uk.holidays(y)).toHaveLength(8 + (extras[y] ?? 0));
      }),
    );
  });
});

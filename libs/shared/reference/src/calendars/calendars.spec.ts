import fc from 'fast-check';
import { calendar, CALENDAR_CODES, type CalendarCode, jointCalendar } from './business-calendar';

const dates = (list: { date: string }[]): string[] => list.map((h) => h.date);

// Every literal below was written by hand from the rules and checked against the published lists
// (SIFMA holiday schedule, ECB TARGET closing days, gov.uk/bank-holidays), not produced by this code.
describe('US securities market calendar (SIFMA full closes)', () => {
  const us = calendar('US');

  it('2026: July 4 is a Saturday, observed Friday July 3', () => {
    expect(us.holidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
      { date: '2026-02-16', name: 'Presidents Day' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-05-25', name: 'Memorial Day' },
      { date: '2026-06-19', name: 'Juneteenth' },
      { date: '2026-07-03', name: 'Independence Day (observed)' },
      { date: '2026-09-07', name: 'Labor Day' },
      { date: '2026-10-12', name: 'Columbus Day' },
      { date: '2026-11-11', name: 'Veterans Day' },
      { date: '2026-11-26', name: 'Thanksgiving Day' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
  });

  it('2027: Juneteenth and Christmas on Saturdays move to Friday, July 4 on a Sunday to Monday', () => {
    expect(dates(us.holidays(2027))).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
    ]);
  });

  it("New Year's Day on a Saturday is not moved back into the old year", () => {
    expect(us.isBusinessDay('2027-12-31')).toBe(true); // 2028-01-01 is a Saturday
    expect(us.isBusinessDay('2021-12-31')).toBe(true); // 2022-01-01 was a Saturday
    expect(dates(us.holidays(2022))[0]).toBe('2022-01-17'); // no New Year's Day at all in 2022
    expect(us.isBusinessDay('2023-01-02')).toBe(false); // 2023-01-01 was a Sunday
  });

  it('Juneteenth only from 2022; Sunday holidays are observed on Monday', () => {
    expect(us.isBusinessDay('2021-06-18')).toBe(true);
    expect(us.isBusinessDay('2022-06-20')).toBe(false);
    expect(us.isBusinessDay('2022-12-26')).toBe(false);
  });

  it('settles around Thanksgiving, Christmas, Good Friday and the T+1 switch weekend of May 2024', () => {
    expect(us.addBusinessDays('2026-11-25', 1)).toBe('2026-11-27');
    expect(us.addBusinessDays('2026-11-24', 2)).toBe('2026-11-27');
    expect(us.addBusinessDays('2027-12-23', 1)).toBe('2027-12-27');
    expect(us.addBusinessDays('2026-04-02', 1)).toBe('2026-04-06');
    expect(us.addBusinessDays('2024-05-24', 1)).toBe('2024-05-28'); // Memorial Day 2024-05-27
    expect(us.addBusinessDays('2024-05-23', 2)).toBe('2024-05-28');
    expect(us.addBusinessDays('2026-11-27', -1)).toBe('2026-11-25');
    expect(us.addBusinessDays('2026-07-04', 0)).toBe('2026-07-06');
    expect(us.addBusinessDays('2026-07-06', 0)).toBe('2026-07-06');
    expect(us.nextBusinessDay('2026-07-02')).toBe('2026-07-06');
    expect(us.previousBusinessDay('2026-07-06')).toBe('2026-07-02');
  });
});

describe('TARGET2 calendar', () => {
  const t2 = calendar('TARGET2');

  it('2026: 26 December falls on a Saturday and is not substituted', () => {
    expect(t2.holidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-01', name: 'Labour Day' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    expect(t2.isBusinessDay('2026-12-28')).toBe(true);
  });

  it('2027: 1 May, 25 and 26 December fall on weekends', () => {
    expect(dates(t2.holidays(2027))).toEqual(['2027-01-01', '2027-03-26', '2027-03-29']);
    expect(t2.isBusinessDay('2027-12-27')).toBe(true);
  });

  it('settles across Easter', () => {
    expect(t2.addBusinessDays('2026-04-02', 2)).toBe('2026-04-08');
    expect(t2.addBusinessDays('2027-03-25', 1)).toBe('2027-03-30');
  });
});

describe('UK (England and Wales) calendar', () => {
  const uk = calendar('UK');

  it('2026: Boxing Day on a Saturday gives Monday 28 December', () => {
    expect(uk.holidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('2027: Christmas on Saturday and Boxing Day on Sunday give 27 and 28 December', () => {
    expect(uk.holidays(2027)).toEqual([
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
      { date: '2027-05-03', name: 'Early May bank holiday' },
      { date: '2027-05-31', name: 'Spring bank holiday' },
      { date: '2027-08-30', name: 'Summer bank holiday' },
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('Christmas on a Sunday is substituted on Tuesday 27th; New Year on a weekend on Monday', () => {
    expect(uk.isBusinessDay('2022-12-26')).toBe(false);
    expect(uk.holidays(2022)).toContainEqual({ date: '2022-12-27', name: 'Christmas Day (substitute day)' });
    expect(uk.holidays(2022)).toContainEqual({ date: '2022-01-03', name: "New Year's Day (substitute day)" });
    expect(uk.isBusinessDay('2023-01-02')).toBe(false);
  });

  it('knows the one-off bank holidays of 2022 and 2023', () => {
    expect(dates(uk.holidays(2022))).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(uk.isBusinessDay('2022-05-30')).toBe(true); // the spring holiday moved to 2 June
    expect(uk.isBusinessDay('2023-05-08')).toBe(false);
    expect(uk.isBusinessDay('2020-05-08')).toBe(false);
    expect(uk.isBusinessDay('2020-05-04')).toBe(true);
  });

  it('settles across the August bank holiday and Christmas', () => {
    expect(uk.addBusinessDays('2026-08-28', 1)).toBe('2026-09-01');
    expect(uk.addBusinessDays('2027-08-26', 2)).toBe('2027-08-31');
    expect(uk.addBusinessDays('2027-12-24', 1)).toBe('2027-12-29');
  });
});

describe('joint calendar (FX)', () => {
  it('is a business day only in all of its calendars, naming each holiday with its calendar', () => {
    const usEur = jointCalendar(['US', 'TARGET2']);
    expect(usEur.code).toBe('US+TARGET2');
    expect(usEur.isBusinessDay('2026-04-06')).toBe(false); // Easter Monday, TARGET2 only
    expect(usEur.isBusinessDay('2026-11-26')).toBe(false); // Thanksgiving, US only
    expect(usEur.isBusinessDay('2026-11-27')).toBe(true);
    expect(usEur.holidays(2026)).toContainEqual({
      date: '2026-12-25',
      name: 'US: Christmas Day; TARGET2: Christmas Day',
    });
    expect(usEur.holidays(2026)).toContainEqual({
      date: '2026-07-03',
      name: 'US: Independence Day (observed)',
    });
    expect(usEur.addBusinessDays('2026-11-24', 2)).toBe('2026-11-27');
    expect(jointCalendar(['UK', 'TARGET2', 'US']).addBusinessDays('2027-12-23', 1)).toBe('2027-12-29');
  });

  it('collapses a single or repeated code to the plain calendar, and refuses an empty list', () => {
    expect(jointCalendar(['UK', 'UK'])).toBe(calendar('UK'));
    expect(() => jointCalendar([])).toThrow(RangeError);
    expect(() => jointCalendar(['US', 'JP' as CalendarCode])).toThrow('unknown calendar "JP"');
  });
});

describe('bad input', () => {
  const us = calendar('US');

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '26-01-01',
    '2026-1-1',
    '',
    '2026-01-01T00:00',
  ])('refuses the date %j', (d) => {
    expect(() => us.isBusinessDay(d)).toThrow(RangeError);
    expect(() => us.addBusinessDays(d, 1)).toThrow(RangeError);
  });

  it('refuses unknown calendars, fractional day counts and impossible years', () => {
    expect(() => calendar('XX' as CalendarCode)).toThrow(
      'unknown calendar "XX": expected one of US, TARGET2, UK',
    );
    expect(() => us.addBusinessDays('2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => us.addBusinessDays('2026-01-05', Number.NaN)).toThrow(RangeError);
    expect(() => us.holidays(0)).toThrow(RangeError);
    expect(us.isBusinessDay('2024-02-29')).toBe(true);
  });
});

describe('calendar properties', () => {
  const codes = fc.constantFrom<CalendarCode[]>(
    ...CALENDAR_CODES.map((c) => [c]),
    ['US', 'TARGET2'],
    ['US', 'UK', 'TARGET2'],
  );
  const cal = (c: CalendarCode[]) => jointCalendar(c);
  // Days from 1950-01-01 to 2150-12-31; the oracle for the string is the platform's UTC Date.
  const isoDate = fc
    .integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2150, 11, 31) / 86_400_000 })
    .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

  it('addBusinessDays(d, n) is a business day strictly after d, n business days on, for n >= 1', () => {
    fc.assert(
      fc.property(codes, isoDate, fc.integer({ min: 1, max: 30 }), (c, d, n) => {
        const k = cal(c);
        const end = k.addBusinessDays(d, n);
        expect(k.isBusinessDay(end)).toBe(true);
        expect(end > d).toBe(true);
        let counted = 0;
        for (let day = k.nextBusinessDay(d); day <= end; day = k.nextBusinessDay(day)) counted++;
        expect(counted).toBe(n);
      }),
    );
  });

  it('going n business days back from there returns to a business day d', () => {
    fc.assert(
      fc.property(codes, isoDate, fc.integer({ min: 1, max: 30 }), (c, d, n) => {
        const k = cal(c);
        const start = k.addBusinessDays(d, 0);
        expect(k.addBusinessDays(k.addBusinessDays(start, n), -n)).toBe(start);
      }),
    );
  });

  it('isBusinessDay is false on every Saturday and Sunday', () => {
    const saturday = Date.UTC(2026, 0, 3) / 86_400_000; // 2026-01-03 was a Saturday
    fc.assert(
      fc.property(codes, fc.integer({ min: -4000, max: 6000 }), fc.boolean(), (c, week, sunday) => {
        const day = new Date((saturday + week * 7 + (sunday ? 1 : 0)) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(cal(c).isBusinessDay(day)).toBe(false);
      }),
    );
  });

  it('a joint calendar is open exactly when each of its calendars is', () => {
    fc.assert(
      fc.property(codes, isoDate, (c, d) => {
        expect(cal(c).isBusinessDay(d)).toBe(c.every((one) => calendar(one).isBusinessDay(d)));
      }),
    );
  });

  it('holidays(year) lists weekdays of that year that are not business days, and only those', () => {
    fc.assert(
      fc.property(codes, fc.integer({ min: 1950, max: 2150 }), (c, year) => {
        const k = cal(c);
        const listed = new Set(dates(k.holidays(year)));
        for (let t = Date.UTC(year, 0, 1); t <= Date.UTC(year, 11, 31); t += 86_400_000) {
          const date = new Date(t);
          const iso = date.toISOString().slice(0, 10);
          const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
          expect(k.isBusinessDay(iso)).toBe(!weekend && !listed.has(iso));
          if (listed.has(iso)) expect(weekend).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });
});

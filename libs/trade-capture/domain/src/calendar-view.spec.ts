import { holidayCalendar } from './calendar-view';

// Holiday lists written by hand from the published rules (SIFMA, ECB TARGET, gov.uk bank holidays).
const TODAY = '2026-11-20';

describe('holidayCalendar', () => {
  it('lists the US holidays of the requested year, with the weekend days', () => {
    expect(holidayCalendar('US', '2026', TODAY)).toEqual({
      ok: true,
      view: {
        market: 'US',
        year: 2026,
        holidays: [
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
        ],
        weekends: ['SATURDAY', 'SUNDAY'],
      },
    });
  });

  it('defaults to the year of today: TARGET2 2027 loses 1 May and Christmas to the weekend', () => {
    const result = holidayCalendar('TARGET2', undefined, '2027-03-01');
    expect(result.ok && result.view.year).toBe(2027);
    expect(result.ok && result.view.holidays).toEqual([
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
    ]);
  });

  it('UK 2026: Boxing Day on a Saturday is substituted on Monday 28 December', () => {
    const result = holidayCalendar('UK', '2026', TODAY);
    expect(result.ok && result.view.holidays.map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
  });

  it('accepts the bounds 1990 and 2100', () => {
    expect(holidayCalendar('US', '1990', TODAY).ok).toBe(true);
    expect(holidayCalendar('UK', '2100', TODAY).ok).toBe(true);
  });

  it.each(['us', 'EU', 'TARGET', 'GB', '', 'US '])(
    'finds no calendar for the unknown market %j',
    (market) => {
      expect(holidayCalendar(market, '2026', TODAY)).toEqual({
        ok: false,
        failure: {
          kind: 'not-found',
          errors: [
            { field: 'market', message: `no calendar "${market}"; the calendars are US, TARGET2, UK` },
          ],
        },
      });
    },
  );

  it.each(['1989', '2101', '26', '02026', 'abcd', '', ' 2026', '2026.0', '２０２６'])(
    'refuses the year %j as malformed',
    (year) => {
      expect(holidayCalendar('US', year, TODAY)).toEqual({
        ok: false,
        failure: {
          kind: 'malformed',
          errors: [{ field: 'year', message: `year must be 4 digits from 1990 to 2100, got "${year}"` }],
        },
      });
    },
  );

  it('refuses a bad year (malformed) before looking for an unknown market (not found)', () => {
    const result = holidayCalendar('XX', '1', TODAY);
    expect(result.ok ? 'ok' : result.failure.kind).toBe('malformed');
  });
});

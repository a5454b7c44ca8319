import { actualDaysBetween, daysInMonth, fromDayNumber, parseIsoDate, toDayNumber } from './iso-date';

describe('ISO dates as day numbers', () => {
  it('counts 0001-01-01 as 719,162 days before 1970-01-01 (the proleptic Gregorian calendar)', () => {
    expect(toDayNumber({ year: 1, month: 1, day: 1 })).toBe(-719_162);
    expect(toDayNumber({ year: 1970, month: 1, day: 1 })).toBe(0);
  });

  it('keeps the years 1 to 99 as given, not as 1901 to 1999', () => {
    expect(fromDayNumber(toDayNumber({ year: 50, month: 3, day: 1 }))).toEqual({
      year: 50,
      month: 3,
      day: 1,
    });
    // 0050 to 0051 and 1950 to 1951 are both 365 days: the year itself must survive the round trip.
    expect(actualDaysBetween(parseIsoDate('0050-01-01'), parseIsoDate('0051-01-01'))).toBe(365);
    expect(toDayNumber({ year: 1950, month: 1, day: 1 }) - toDayNumber({ year: 50, month: 1, day: 1 })).toBe(
      // 1,900 years of 365 days and 460 leap days: the years 52 to 1948 by fours (475), less the 19
      // centuries 100 to 1900, plus the four of them divisible by 400 (400, 800, 1200, 1600)
      1900 * 365 + 460,
    );
  });

  it('knows the length of February in leap and common years, old ones included', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(2000, 2), daysInMonth(1900, 2)]).toEqual([
      29, 28, 29, 28,
    ]);
    expect([daysInMonth(4, 2), daysInMonth(100, 2), daysInMonth(400, 2)]).toEqual([29, 28, 29]);
  });
});

import fc from 'fast-check';
import { fromDayNumber, lastWeekday, MONDAY, nthWeekday, THURSDAY, toDayNumber, weekday } from './civil-date';

describe('civil dates', () => {
  it('property: agrees with the platform UTC calendar and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (n) => {
        const date = new Date(n * 86_400_000);
        expect(fromDayNumber(n)).toBe(date.toISOString().slice(0, 10));
        expect(toDayNumber(fromDayNumber(n))).toBe(n);
        expect(weekday(n)).toBe(date.getUTCDay());
      }),
    );
  });

  it('finds nth and last weekdays of a month', () => {
    expect(fromDayNumber(nthWeekday(2026, 11, THURSDAY, 4))).toBe('2026-11-26');
    expect(fromDayNumber(nthWeekday(2027, 2, MONDAY, 1))).toBe('2027-02-01');
    expect(fromDayNumber(lastWeekday(2027, 5, MONDAY))).toBe('2027-05-31');
    expect(fromDayNumber(lastWeekday(2026, 12, THURSDAY))).toBe('2026-12-31');
  });
});

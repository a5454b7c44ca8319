import { dayCountDays } from './day-count';

// Expected figures are worked by hand from the rules in day-count.ts:
// 30/360 days = 360 × ΔY + 30 × ΔM + (D2 − D1) after the day adjustments.
describe('30/360 US day count', () => {
  it.each([
    // start, end, days, working
    ['2026-03-01', '2026-06-18', 107, '30 × 3 + (18 − 1)'],
    ['2026-01-31', '2026-03-31', 60, 'D1 31→30, then D2 31→30 as D1 = 30: 30 × 2 + 0'],
    ['2026-01-30', '2026-03-31', 60, 'D2 31→30 as D1 = 30: 30 × 2 + 0'],
    ['2026-01-15', '2026-03-31', 76, 'D2 stays 31 as D1 < 30: 30 × 2 + 16'],
    ['2026-02-28', '2026-08-31', 180, 'D1 last of Feb→30, D2 31→30: 30 × 6'],
    ['2028-02-29', '2028-08-31', 180, 'leap year: 29 Feb is the last day → 30: 30 × 6'],
    ['2028-02-28', '2028-08-31', 183, '28 Feb 2028 is not the last day: 30 × 6 + (31 − 28)'],
    ['2026-02-28', '2027-02-28', 360, 'both last of Feb → both 30: 360 × 1'],
    ['2026-08-31', '2027-02-28', 178, 'D1 31→30, D2 28 stays (D1 not Feb): 30 × 6 − 2'],
    ['2026-02-15', '2026-02-28', 13, 'D2 last of Feb but D1 is not: 28 − 15'],
    ['2025-12-31', '2026-01-01', 1, 'D1 31→30: 360 × 1 + 30 × (−11) + (1 − 30)'],
  ])('%s → %s is %i days (%s)', (start, end, days) => {
    expect(dayCountDays('30/360', start, end)).toBe(days);
  });
});

describe('actual day count', () => {
  it.each([
    [
      '2025-11-15',
      '2026-05-15',
      181,
      'Nov 15→Dec 15 30, →Jan 15 31, →Feb 15 31, →Mar 15 28, →Apr 15 31, →May 15 30',
    ],
    ['2028-02-15', '2029-02-15', 366, 'a year containing 29 Feb 2028'],
    ['2026-03-29', '2026-03-30', 1, 'across the EU daylight-saving change, still one day'],
    ['2026-02-10', '2026-02-10', 0, 'same day'],
  ])('%s → %s is %i days (%s)', (start, end, days) => {
    expect(dayCountDays('ACT/ACT-ICMA', start, end)).toBe(days);
  });

  it('rejects a date that is not on the calendar', () => {
    expect(() => dayCountDays('ACT/ACT-ICMA', '2026-02-29', '2026-03-01')).toThrow(
      "start date '2026-02-29' is not a calendar date",
    );
    expect(() => dayCountDays('30/360', '2026-01-01', '2026-1-5')).toThrow(
      "end date must be a date as YYYY-MM-DD, got '2026-1-5'",
    );
  });
});

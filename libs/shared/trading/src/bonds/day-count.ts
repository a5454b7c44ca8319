import { actualDaysBetween, isLastDayOfFebruary, parseIsoDate, type DateParts } from './iso-date';

export const DAY_COUNTS = ['ACT/ACT-ICMA', '30/360'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];

/** Actual days, the numerator of ACT/ACT-ICMA (ICMA Rule 251). */
export const actualDays = (start: DateParts, end: DateParts): number => actualDaysBetween(start, end);

/**
 * 30/360 US (Bond Basis, "30U/360") as in the SIFMA Standard Securities Calculation Methods:
 *   days = 360 × (Y2 − Y1) + 30 × (M2 − M1) + (D2 − D1), after, in this order,
 *   1. D1 and D2 both the last day of February → D2 = 30
 *   2. D1 the last day of February → D1 = 30
 *   3. D2 = 31 and D1 ≥ 30 (after rule 2) → D2 = 30
 *   4. D1 = 31 → D1 = 30
 * The February rules are applied whenever a date is the last day of February, not only for bonds
 * flagged end-of-month (the "30U/360 EOM" reading). For end-of-month bonds both readings agree; for a
 * schedule paying on the 29th or 30th (clipped to 28 Feb) the flag-dependent reading would make the
 * period from 28 Feb 182 days long, and accrued would exceed the coupon just before the payment date.
 */
export const days30360 = (start: DateParts, end: DateParts): number => {
  let d1 = start.day;
  let d2 = end.day;
  if (isLastDayOfFebruary(start) && isLastDayOfFebruary(end)) d2 = 30;
  if (isLastDayOfFebruary(start)) d1 = 30;
  if (d2 === 31 && d1 >= 30) d2 = 30;
  if (d1 === 31) d1 = 30;
  return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1);
};

/** Days between two 'YYYY-MM-DD' dates under a day count, e.g. to show "days accrued" to a trader. */
export const dayCountDays = (dayCount: DayCount, startDate: string, endDate: string): number => {
  const start = parseIsoDate(startDate, 'start date');
  const end = parseIsoDate(endDate, 'end date');
  switch (dayCount) {
    case 'ACT/ACT-ICMA':
      return actualDays(start, end);
    case '30/360':
      return days30360(start, end);
  }
};

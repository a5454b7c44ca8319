import {
  addMonths,
  formatIsoDate,
  isLastDayOfMonth,
  parseIsoDate,
  toDayNumber,
  type DateParts,
} from './iso-date';

export const COUPON_FREQUENCIES = [1, 2, 4, 12] as const;
export type CouponFrequency = (typeof COUPON_FREQUENCIES)[number];

export interface CouponScheduleTerms {
  readonly frequency: CouponFrequency;
  readonly issueDate: string;
  readonly maturityDate: string;
  /**
   * Date interest starts to accrue, when it differs from the issue date. US Treasuries issued on the
   * business day after a 15th weekend are dated the 15th and accrue from it (a note issued Mon
   * 2025-11-17 accrues from Sat 2025-11-15). Defaults to the issue date.
   */
  readonly datedDate?: string;
}

/** Where a settlement date falls in the schedule. Day numbers are UTC days, for internal arithmetic. */
export interface CouponPeriod {
  readonly settlement: DateParts;
  /** Regular (quasi-)coupon date opening the period; before the accrual start for a short first period. */
  readonly start: DateParts;
  readonly end: DateParts;
  /** Where accrual runs from: the period start, or the dated/issue date within a short first period. */
  readonly accrualStart: DateParts;
  readonly first: boolean;
}

interface ResolvedSchedule {
  readonly issue: DateParts;
  readonly maturity: DateParts;
  readonly accrualStart: DateParts;
  /** [quasi-coupon date on or before the accrual start, ...coupon dates up to maturity], ascending. */
  readonly boundaries: readonly DateParts[];
}

const before = (a: DateParts, b: DateParts): boolean => toDayNumber(a) < toDayNumber(b);

/**
 * Regular periods roll back from maturity by 12/frequency months, each date computed from maturity
 * itself (not from the previous date) so that a 31st clipped to the 30th or 28th never drifts. When
 * maturity is the last day of its month every date is a month-end (end-of-month rule).
 * Rolling back stops at the first date on or before the accrual start: that date opens the first
 * period. If it is before the accrual start the first period is short (odd) and accrues only from the
 * accrual start, but it is still measured against the full regular period (ICMA Rule 251 for a short
 * first coupon). Long first coupons (first payment more than one period after issue) are not modelled.
 */
const resolveSchedule = (terms: CouponScheduleTerms): ResolvedSchedule => {
  if (!(COUPON_FREQUENCIES as readonly number[]).includes(terms.frequency)) {
    throw new RangeError(`coupon frequency must be 1, 2, 4 or 12 a year, got ${terms.frequency}`);
  }
  const issue = parseIsoDate(terms.issueDate, 'issue date');
  const maturity = parseIsoDate(terms.maturityDate, 'maturity date');
  const accrualStart = terms.datedDate === undefined ? issue : parseIsoDate(terms.datedDate, 'dated date');
  if (!before(issue, maturity)) {
    throw new RangeError(`maturity date ${terms.maturityDate} must be after issue date ${terms.issueDate}`);
  }
  if (before(issue, accrualStart)) {
    throw new RangeError(
      `dated date ${formatIsoDate(accrualStart)} must not be after issue date ${terms.issueDate}`,
    );
  }
  const step = 12 / terms.frequency;
  const endOfMonth = isLastDayOfMonth(maturity);
  const boundaries: DateParts[] = [];
  for (let n = 0; ; n++) {
    const date = addMonths(maturity, -n * step, endOfMonth);
    boundaries.push(date);
    if (!before(accrualStart, date)) break;
  }
  boundaries.reverse();
  return { issue, maturity, accrualStart, boundaries };
};

/** Coupon payment dates after the issue, ascending, the last one being maturity. */
export const couponSchedule = (terms: CouponScheduleTerms): string[] =>
  resolveSchedule(terms).boundaries.slice(1).map(formatIsoDate);

/** The coupon period a settlement date falls in; settlement on a coupon date opens the next period. */
export const couponPeriod = (terms: CouponScheduleTerms, settlementDate: string): CouponPeriod => {
  const { issue, maturity, accrualStart, boundaries } = resolveSchedule(terms);
  const settlement = parseIsoDate(settlementDate, 'settlement date');
  if (before(settlement, issue)) {
    throw new RangeError(
      `settlement date ${settlementDate} is before the bond's issue date ${terms.issueDate}`,
    );
  }
  if (!before(settlement, maturity)) {
    throw new RangeError(
      `settlement date ${settlementDate} is not before the bond's maturity date ${terms.maturityDate}`,
    );
  }
  const day = toDayNumber(settlement);
  // boundaries[0] ≤ accrual start ≤ issue ≤ settlement < maturity = last boundary, so i exists.
  let i = 0;
  while (toDayNumber(boundaries[i + 1]) <= day) i++;
  return {
    settlement,
    start: boundaries[i],
    end: boundaries[i + 1],
    accrualStart: i === 0 ? accrualStart : boundaries[i],
    first: i === 0,
  };
};

/**
 * Latest coupon date on or before settlement. Before the first coupon is paid there is none; the date
 * interest accrues from (dated date, else issue date) is returned instead.
 */
export const lastCouponDate = (terms: CouponScheduleTerms, settlementDate: string): string =>
  formatIsoDate(couponPeriod(terms, settlementDate).accrualStart);

/** First coupon date strictly after settlement. */
export const nextCouponDate = (terms: CouponScheduleTerms, settlementDate: string): string =>
  formatIsoDate(couponPeriod(terms, settlementDate).end);

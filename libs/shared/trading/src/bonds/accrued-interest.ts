import type Decimal from 'decimal.js';
import { toTradingDecimal, type DecimalInput } from '../trading-decimal';
import { couponPeriod, type CouponScheduleTerms } from './coupon-schedule';
import { actualDays, DAY_COUNTS, days30360, type DayCount } from './day-count';

export interface AccruedInterestTerms extends CouponScheduleTerms {
  /** Face amount held, in the bond's currency. */
  readonly nominal: DecimalInput;
  /** Annual coupon rate in percent (4.25 means 4.25 %). */
  readonly couponRate: DecimalInput;
  readonly dayCount: DayCount;
}

const parseTerm = (value: DecimalInput, field: string): Decimal => {
  try {
    return toTradingDecimal(value);
  } catch {
    throw new RangeError(`${field} must be a decimal number, got '${String(value)}'`);
  }
};

/**
 * Accrued interest from the last coupon date (or the dated/issue date in a short first period) to the
 * settlement date, unrounded: the caller rounds the final cash amount half-even to minor units.
 *   ACT/ACT-ICMA: nominal × rate/100 / frequency × actual days accrued / actual days in the period
 *   30/360:       nominal × rate/100 × 30/360 days accrued / 360
 */
export const accruedInterest = (terms: AccruedInterestTerms, settlementDate: string): Decimal => {
  const nominal = parseTerm(terms.nominal, 'nominal');
  const rate = parseTerm(terms.couponRate, 'coupon rate');
  if (!nominal.isFinite() || nominal.lte(0)) throw new RangeError('nominal must be above zero');
  if (!rate.isFinite() || rate.isNegative()) {
    throw new RangeError('coupon rate must be zero or more');
  }
  if (!(DAY_COUNTS as readonly string[]).includes(terms.dayCount)) {
    throw new RangeError(`day count must be ${DAY_COUNTS.join(' or ')}, got '${terms.dayCount}'`);
  }
  const period = couponPeriod(terms, settlementDate);
  const annualCoupon = nominal.times(rate).div(100);
  switch (terms.dayCount) {
    case 'ACT/ACT-ICMA':
      return annualCoupon
        .div(terms.frequency)
        .times(actualDays(period.accrualStart, period.settlement))
        .div(actualDays(period.start, period.end));
    case '30/360':
      return annualCoupon.times(days30360(period.accrualStart, period.settlement)).div(360);
  }
};

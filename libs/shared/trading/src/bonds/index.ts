export { accruedInterest, type AccruedInterestTerms } from './accrued-interest';
export {
  COUPON_FREQUENCIES,
  couponSchedule,
  lastCouponDate,
  nextCouponDate,
  type CouponFrequency,
  type CouponScheduleTerms,
} from './coupon-schedule';
export { DAY_COUNTS, dayCountDays, type DayCount } from './day-count';

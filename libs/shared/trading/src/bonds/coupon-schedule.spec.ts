import { couponSchedule, lastCouponDate, nextCouponDate } from './coupon-schedule';

const treasury = { frequency: 2, issueDate: '2025-11-17', maturityDate: '2030-11-15' } as const;

describe('coupon schedule', () => {
  it('rolls a Treasury note back from maturity every 6 months', () => {
    expect(couponSchedule(treasury)).toEqual([
      '2026-05-15',
      '2026-11-15',
      '2027-05-15',
      '2027-11-15',
      '2028-05-15',
      '2028-11-15',
      '2029-05-15',
      '2029-11-15',
      '2030-05-15',
      '2030-11-15',
    ]);
  });

  it('keeps month-ends when maturity is a month-end, 29 Feb in a leap year', () => {
    expect(couponSchedule({ frequency: 2, issueDate: '2025-08-31', maturityDate: '2030-08-31' })).toEqual([
      '2026-02-28',
      '2026-08-31',
      '2027-02-28',
      '2027-08-31',
      '2028-02-29',
      '2028-08-31',
      '2029-02-28',
      '2029-08-31',
      '2030-02-28',
      '2030-08-31',
    ]);
  });

  it('clips a 30th to February without drifting to the 28th afterwards', () => {
    expect(couponSchedule({ frequency: 2, issueDate: '2027-08-30', maturityDate: '2029-08-30' })).toEqual([
      '2028-02-29',
      '2028-08-30',
      '2029-02-28',
      '2029-08-30',
    ]);
  });

  it('rolls quarterly month-end coupons', () => {
    expect(couponSchedule({ frequency: 4, issueDate: '2026-03-31', maturityDate: '2027-03-31' })).toEqual([
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
      '2027-03-31',
    ]);
  });

  it('starts with a short first period when issued between regular dates', () => {
    // Bund-like: issued 10 Jan 2025, annual coupons 15 Feb; first coupon after 36 days.
    expect(couponSchedule({ frequency: 1, issueDate: '2025-01-10', maturityDate: '2028-02-15' })).toEqual([
      '2025-02-15',
      '2026-02-15',
      '2027-02-15',
      '2028-02-15',
    ]);
  });

  it('pays only at maturity when issued inside the last period', () => {
    expect(couponSchedule({ frequency: 2, issueDate: '2026-01-05', maturityDate: '2026-03-01' })).toEqual([
      '2026-03-01',
    ]);
  });
});

describe('last and next coupon dates', () => {
  it('finds the coupon dates around a settlement date', () => {
    expect(lastCouponDate(treasury, '2026-08-03')).toBe('2026-05-15');
    expect(nextCouponDate(treasury, '2026-08-03')).toBe('2026-11-15');
  });

  it('treats a coupon date as the start of the next period', () => {
    expect(lastCouponDate(treasury, '2026-05-15')).toBe('2026-05-15');
    expect(nextCouponDate(treasury, '2026-05-15')).toBe('2026-11-15');
  });

  it('gives the date interest accrues from before the first coupon', () => {
    expect(lastCouponDate(treasury, '2026-02-10')).toBe('2025-11-17');
    expect(lastCouponDate({ ...treasury, datedDate: '2025-11-15' }, '2026-02-10')).toBe('2025-11-15');
    expect(nextCouponDate(treasury, '2026-02-10')).toBe('2026-05-15');
  });

  it('reaches maturity as the last next coupon', () => {
    expect(nextCouponDate(treasury, '2030-11-14')).toBe('2030-11-15');
  });

  it.each([
    [
      'settlement before issue',
      treasury,
      '2025-11-16',
      "settlement date 2025-11-16 is before the bond's issue date 2025-11-17",
    ],
    [
      'settlement on maturity',
      treasury,
      '2030-11-15',
      "settlement date 2030-11-15 is not before the bond's maturity date 2030-11-15",
    ],
    [
      'maturity before issue',
      { ...treasury, maturityDate: '2025-11-01' },
      '2026-01-01',
      'maturity date 2025-11-01 must be after issue date 2025-11-17',
    ],
    [
      'dated after issue',
      { ...treasury, datedDate: '2025-11-20' },
      '2026-01-01',
      'dated date 2025-11-20 must not be after issue date 2025-11-17',
    ],
    [
      'a frequency of 3',
      { ...treasury, frequency: 3 as 2 },
      '2026-01-01',
      'coupon frequency must be 1, 2, 4 or 12 a year, got 3',
    ],
    ['a bad date', treasury, '2026-02-30', "settlement date '2026-02-30' is not a calendar date"],
  ])('refuses %s', (_case, terms, settlement, message) => {
    expect(() => lastCouponDate(terms, settlement)).toThrow(message);
  });
});

import Decimal from 'decimal.js';
import fc from 'fast-check';
import { accruedInterest, type AccruedInterestTerms } from './accrued-interest';
import { couponSchedule, nextCouponDate } from './coupon-schedule';
import { DAY_COUNTS } from './day-count';

// To the cent, half-even, as the cash amount would be rounded downstream.
const cents = (value: Decimal): string => value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);

const perMillion = { nominal: '1000000' } as const;

describe('accrued interest, hand-checked', () => {
  // US Treasury note, 4.25 % semi-annual ACT/ACT-ICMA, coupons 15 May / 15 Nov, maturing 2030-11-15,
  // issued Mon 2025-11-17 and dated Sat 2025-11-15 (interest runs from the dated date).
  const treasury: AccruedInterestTerms = {
    ...perMillion,
    couponRate: '4.25',
    frequency: 2,
    dayCount: 'ACT/ACT-ICMA',
    issueDate: '2025-11-17',
    datedDate: '2025-11-15',
    maturityDate: '2030-11-15',
  };

  it('Treasury note: 21,250 × 87/181 on 2026-02-10', () => {
    // Period 2025-11-15 → 2026-05-15 = 30+31+31+28+31+30 = 181 days.
    // Accrued 2025-11-15 → 2026-02-10 = 30 (to Dec 15) + 31 (to Jan 15) + 26 = 87 days.
    // 42,500 / 2 × 87 / 181 = 1,848,750 / 181 = 10,214.08839779005524… (long division)
    const accrued = accruedInterest(treasury, '2026-02-10');
    expect(cents(accrued)).toBe('10214.09');
    expect(accrued.toSignificantDigits(19).toString()).toBe('10214.08839779005525');
  });

  it('Treasury note without a dated date accrues from the issue date (short first period)', () => {
    // 2025-11-17 → 2026-02-10 = 85 days over the full regular period of 181:
    // 21,250 × 85 / 181 = 1,806,250 / 181 = 9,979.2817…
    const { datedDate: _dated, ...undated } = treasury;
    expect(cents(accruedInterest(undated, '2026-02-10'))).toBe('9979.28');
  });

  it('Treasury note: two days accrued on its issue date', () => {
    // 21,250 × 2 / 181 = 42,500 / 181 = 234.8066…
    expect(cents(accruedInterest(treasury, '2025-11-17'))).toBe('234.81');
  });

  it('is zero on a coupon date', () => {
    expect(accruedInterest(treasury, '2026-05-15').isZero()).toBe(true);
    expect(accruedInterest(treasury, '2029-11-15').isZero()).toBe(true);
  });

  it('scales with the nominal and accepts a decimal.js value', () => {
    // 25,000 nominal is 1/40 of a million: 10,214.0884 / 40 = 255.3522…
    const accrued = accruedInterest({ ...treasury, nominal: new Decimal('25000') }, '2026-02-10');
    expect(cents(accrued)).toBe('255.35');
  });

  // Corporate, 5.5 % semi-annual 30/360, coupons 1 Mar / 1 Sep.
  const corporate: AccruedInterestTerms = {
    ...perMillion,
    couponRate: '5.5',
    frequency: 2,
    dayCount: '30/360',
    issueDate: '2021-03-01',
    maturityDate: '2031-03-01',
  };

  it('corporate 30/360: 55,000 × 107/360 on 2026-06-18', () => {
    // 2026-03-01 → 2026-06-18: 30 × 3 + (18 − 1) = 107 days.
    // 55,000 × 107 / 360 = 5,885,000 / 360 = 16,347.2222…
    expect(cents(accruedInterest(corporate, '2026-06-18'))).toBe('16347.22');
  });

  it('corporate 30/360: the whole coupon on the eve of payment', () => {
    // 2026-03-01 → 2026-08-31: D1 = 1, D2 = 31 stays (D1 < 30):
    // 30 × 5 + (31 − 1) = 180 days, the full 27,500 coupon, paid the next day.
    expect(cents(accruedInterest(corporate, '2026-08-31'))).toBe('27500.00');
    expect(accruedInterest(corporate, '2026-09-01').isZero()).toBe(true);
  });

  // End-of-month bond: 6 % semi-annual 30/360 maturing 2031-08-31, so coupons 28/29 Feb and 31 Aug.
  const endOfMonth: AccruedInterestTerms = {
    ...perMillion,
    couponRate: '6',
    frequency: 2,
    dayCount: '30/360',
    issueDate: '2021-08-31',
    maturityDate: '2031-08-31',
  };

  it('end-of-month 30/360: from 28 Feb counts from the 30th', () => {
    // 2026-02-28 (last day of Feb → 30) → 2026-05-15: 30 × 3 + (15 − 30) = 75 days.
    // 60,000 × 75 / 360 = 12,500 exactly.
    expect(accruedInterest(endOfMonth, '2026-05-15').toString()).toBe('12500');
  });

  it('end-of-month 30/360: from 31 Aug counts from the 30th', () => {
    // 2026-08-31 (31 → 30) → 2026-12-31 (31 → 30 since D1 = 30): 30 × 4 = 120 days.
    // 60,000 × 120 / 360 = 20,000.
    expect(accruedInterest(endOfMonth, '2026-12-31').toString()).toBe('20000');
    expect(accruedInterest(endOfMonth, '2026-02-28').isZero()).toBe(true);
    expect(accruedInterest(endOfMonth, '2028-02-29').isZero()).toBe(true);
  });

  it('end-of-month ACT/ACT-ICMA Treasury: coupons 28 Feb / 31 Aug', () => {
    // 4 % semi-annual maturing 2030-08-31. Period 2026-02-28 → 2026-08-31 =
    // 31 (to Mar 31) + 30 + 31 + 30 + 31 + 31 = 184 days; accrued to 2026-05-15 = 31 + 30 + 15 = 76.
    // 20,000 × 76 / 184 = 1,520,000 / 184 = 8,260.8695…
    const note: AccruedInterestTerms = {
      ...perMillion,
      couponRate: '4',
      frequency: 2,
      dayCount: 'ACT/ACT-ICMA',
      issueDate: '2025-08-31',
      maturityDate: '2030-08-31',
    };
    expect(cents(accruedInterest(note, '2026-05-15'))).toBe('8260.87');
  });

  // Bund: 2.5 % annual ACT/ACT-ICMA, coupon 15 Feb, maturing 2035-02-15, issued 2025-01-10.
  const bund: AccruedInterestTerms = {
    ...perMillion,
    couponRate: '2.5',
    frequency: 1,
    dayCount: 'ACT/ACT-ICMA',
    issueDate: '2025-01-10',
    maturityDate: '2035-02-15',
  };

  it('Bund: 25,000 × 115/365 on 2026-06-10', () => {
    // Period 2026-02-15 → 2027-02-15 = 365 days; accrued 28 (to Mar 15) + 31 + 30 + 26 = 115.
    // 25,000 × 115 / 365 = 2,875,000 / 365 = 7,876.7123…
    expect(cents(accruedInterest(bund, '2026-06-10'))).toBe('7876.71');
  });

  it('Bund: a leap-year period of 366 days', () => {
    // Period 2028-02-15 → 2029-02-15 = 366 days (29 Feb 2028);
    // accrued to 2028-08-15 = 29 (to Mar 15) + 31 + 30 + 31 + 30 + 31 = 182.
    // 25,000 × 182 / 366 = 4,550,000 / 366 = 12,431.6939…
    expect(cents(accruedInterest(bund, '2028-08-15'))).toBe('12431.69');
  });

  it('Bund: short first period measured against the full regular period', () => {
    // Quasi-period 2024-02-15 → 2025-02-15 = 366 days; accrued from issue 2025-01-10 to 01-20 = 10.
    // 25,000 × 10 / 366 = 683.0601…
    expect(cents(accruedInterest(bund, '2025-01-20'))).toBe('683.06');
  });

  it('Gilt: 22,500 × 74/184 on 2026-05-20', () => {
    // 4.5 % semi-annual ACT/ACT-ICMA, coupons 7 Mar / 7 Sep, maturing 2034-09-07.
    // Period 2026-03-07 → 2026-09-07 = 31 + 30 + 31 + 30 + 31 + 31 = 184 days;
    // accrued to 2026-05-20 = 31 (to Apr 7) + 30 (to May 7) + 13 = 74.
    // 22,500 × 74 / 184 = 1,665,000 / 184 = 9,048.9130…
    const gilt: AccruedInterestTerms = {
      ...perMillion,
      couponRate: '4.5',
      frequency: 2,
      dayCount: 'ACT/ACT-ICMA',
      issueDate: '2024-03-07',
      maturityDate: '2034-09-07',
    };
    expect(cents(accruedInterest(gilt, '2026-05-20'))).toBe('9048.91');
  });

  it.each([
    ['a zero nominal', { nominal: '0' }, 'nominal must be above zero'],
    ['a nominal that is not a number', { nominal: '1e' }, "nominal must be a decimal number, got '1e'"],
    ['a negative coupon rate', { couponRate: '-1' }, 'coupon rate must be zero or more'],
    [
      'an unknown day count',
      { dayCount: 'ACT/360' as '30/360' },
      "day count must be ACT/ACT-ICMA or 30/360, got 'ACT/360'",
    ],
  ])('refuses %s', (_case, change, message) => {
    expect(() => accruedInterest({ ...corporate, ...change }, '2026-06-18')).toThrow(message);
  });
});

describe('accrued interest, properties', () => {
  const DAY_MS = 86_400_000;
  const iso = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
  const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

  // A bond: maturity 2027..2060 on any day (month-ends included), issued 1 day to 30 years before.
  const bondArb = fc
    .record({
      maturity: fc.integer({ min: dayOf('2027-01-01'), max: dayOf('2060-12-31') }),
      tenorDays: fc.integer({ min: 1, max: 30 * 366 }),
      frequency: fc.constantFrom(1 as const, 2 as const, 4 as const, 12 as const),
      dayCount: fc.constantFrom(...DAY_COUNTS),
      couponRate: fc.integer({ min: 0, max: 150_000 }).map((bp) => new Decimal(bp).div(10_000).toString()),
      nominal: fc.integer({ min: 1, max: 1_000_000_000 }).map((n) => `${n}000`),
    })
    .map(({ maturity, tenorDays, ...rest }): AccruedInterestTerms => ({
      ...rest,
      issueDate: iso(maturity - tenorDays),
      maturityDate: iso(maturity),
    }));

  // A settlement date in [issue, maturity).
  const withSettlement = bondArb.chain((bond) =>
    fc
      .integer({ min: dayOf(bond.issueDate), max: dayOf(bond.maturityDate) - 1 })
      .map((day) => ({ bond, settlement: iso(day) })),
  );

  // Exact enough to compare with a result rounded at 40 significant digits; the slack of 1e-30 covers
  // that rounding when accrued equals the coupon (30/360 on the eve of a payment).
  const Wide = Decimal.clone({ precision: 80 });
  const fullCoupon = (bond: AccruedInterestTerms): Decimal =>
    new Wide(bond.nominal.toString())
      .times(bond.couponRate.toString())
      .div(100)
      .div(bond.frequency)
      .times('1.000000000000000000000000000001');

  it('is zero on every coupon date before maturity', () => {
    fc.assert(
      fc.property(
        bondArb
          .map((bond) => ({ bond, dates: couponSchedule(bond).slice(0, -1) }))
          .filter(({ dates }) => dates.length > 0)
          .chain(({ bond, dates }) => fc.constantFrom(...dates).map((date) => ({ bond, date }))),
        ({ bond, date }) => {
          expect(accruedInterest(bond, date).isZero()).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('is never negative and never more than one full coupon', () => {
    fc.assert(
      fc.property(withSettlement, ({ bond, settlement }) => {
        const accrued = accruedInterest(bond, settlement);
        expect(accrued.isNegative()).toBe(false);
        expect(accrued.lte(fullCoupon(bond))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('grows with the settlement date within a coupon period', () => {
    const twoDatesInOnePeriod = withSettlement
      .filter(({ bond, settlement }) => dayOf(nextCouponDate(bond, settlement)) - dayOf(settlement) > 1)
      .chain(({ bond, settlement }) =>
        fc
          .integer({ min: dayOf(settlement) + 1, max: dayOf(nextCouponDate(bond, settlement)) - 1 })
          .map((later) => ({ bond, settlement, later: iso(later) })),
      );
    fc.assert(
      fc.property(twoDatesInOnePeriod, ({ bond, settlement, later }) => {
        const a = accruedInterest(bond, settlement);
        const b = accruedInterest(bond, later);
        // 30/360 counts the 30th and the 31st alike: there it is non-decreasing only.
        if (bond.dayCount === 'ACT/ACT-ICMA' && !new Decimal(bond.couponRate.toString()).isZero()) {
          expect(b.gt(a)).toBe(true);
        }
        expect(b.gte(a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

import { Dec, roundCash } from '@tradeflow/shared/money';
import { BONDS, type BondInstrument } from '@tradeflow/shared/reference';
import { accruedInterest } from './accrued-interest';

// The shipped bonds, run through the bond maths on one date. Expected figures worked by hand:
//   UST 4.25% 15-Nov-2034: period 15-Nov-2026 → 15-May-2027 = 181 days, 5 accrued:
//     1,000,000 × 4.25% / 2 × 5 / 181 = 21,250 × 5 / 181 = 587.0166… → 587.02
//   Bund 2.2% 15-Feb-2034 (annual): 15-Feb-2026 → 15-Feb-2027 = 365 days, 278 accrued:
//     22,000 × 278 / 365 = 16,756.1644… → 16,756.16
//   Gilt 4.25% 7-Jun-2032: 7-Jun-2026 → 7-Dec-2026 = 183 days, 166 accrued:
//     21,250 × 166 / 183 = 19,275.9562… → 19,275.96
const accruedOn = (bond: BondInstrument, date: string) =>
  accruedInterest(
    {
      nominal: '1000000',
      couponRate: bond.couponRate,
      frequency: bond.couponFrequency,
      dayCount: bond.dayCount,
      issueDate: bond.issueDate,
      maturityDate: bond.maturityDate,
      ...(bond.datedDate ? { datedDate: bond.datedDate } : {}),
    },
    date,
  );

describe('accrued interest of the shipped bonds on 2026-11-20, per 1,000,000 nominal', () => {
  const byIsin = (isin: string) => BONDS.find((b) => b.isin === isin)!;

  it.each([
    ['US91282CLW90', 'USD', '587.02'],
    ['DE000BU2Z023', 'EUR', '16756.16'],
    ['GB0004893086', 'GBP', '19275.96'],
  ])('%s accrues %s %s', (isin, currency, expected) => {
    expect(roundCash(accruedOn(byIsin(isin), '2026-11-20'), currency).toFixed(2)).toBe(expected);
  });

  it.each(BONDS.map((b) => [b.name, b] as const))(
    '%s accrues a non-negative amount below one coupon',
    (_name, bond) => {
      const accrued = accruedOn(bond, '2026-11-20');
      const oneCoupon = new Dec(bond.couponRate).times(10000).div(bond.couponFrequency); // 1,000,000 × rate% / frequency
      expect(accrued.isNegative()).toBe(false);
      expect(accrued.lessThan(oneCoupon)).toBe(true);
    },
  );
});

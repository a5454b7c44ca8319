import { Decimal } from 'decimal.js';
import { Dec, toDec } from './decimal';

describe('Dec', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(new Dec('0.1').plus(new Dec('0.2')).equals(new Dec('0.3'))).toBe(true);
    expect(new Dec('0.1').plus('0.2').toString()).toBe('0.3');
  });

  it('keeps a product of two 26-digit values exact', () => {
    // 999999999999999999.999999 × 999999999999999999.99999999, worked by hand as (10^18 − 10^-6)(10^18 − 10^-8)
    // = 10^36 − 10^12 − 10^10 + 10^-14
    const product = new Dec('999999999999999999.999999').times('999999999999999999.99999999');
    expect(product.toFixed()).toBe('999999999999999999999998990000000000.00000000000001');
  });

  it('rounds half-even by default and never prints exponents for trade-sized figures', () => {
    expect(new Dec('2.5').toDecimalPlaces(0).toString()).toBe('2');
    expect(new Dec('3.5').toDecimalPlaces(0).toString()).toBe('4');
    expect(new Dec('0.00000001').toString()).toBe('0.00000001');
    expect(new Dec('123456789012345678901234567890').toString()).toBe('123456789012345678901234567890');
  });

  it('carries at least 34 significant digits in a division', () => {
    // 1/3 to the configured precision: every digit a 3, at least 34 of them
    const third = new Dec(1).dividedBy(3).toFixed();
    expect(third).toMatch(/^0\.3{34,}$/);
  });

  it('re-wraps a value from another decimal.js configuration', () => {
    const foreign = new (Decimal.clone({ precision: 5 }))('1.23456789');
    const wrapped = toDec(foreign);
    expect(wrapped.constructor).toBe(Dec);
    expect(wrapped.times('1.00000001').toFixed()).toBe('1.2345679023456789');
    const own = new Dec('1');
    expect(toDec(own)).toBe(own);
  });
});

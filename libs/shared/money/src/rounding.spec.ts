import fc from 'fast-check';
import { currency } from './currency';
import { Dec } from './decimal';
import { formatCash, formatDecimal, roundCash, toWire } from './rounding';

const round = (amount: string, code: string): string => roundCash(new Dec(amount), code).toFixed();

describe('roundCash', () => {
  it.each([
    ['2.345', 'USD', '2.34'],
    ['2.355', 'USD', '2.36'],
    ['2.3450000001', 'USD', '2.35'],
    ['2.344999999', 'USD', '2.34'],
    ['-2.345', 'USD', '-2.34'],
    ['-2.355', 'USD', '-2.36'],
    ['2.5', 'JPY', '2'],
    ['3.5', 'JPY', '4'],
    ['1234.5', 'JPY', '1234'],
    ['1.0005', 'KWD', '1'],
    ['1.0015', 'KWD', '1.002'],
    ['190250', 'USD', '190250'],
    ['0.005', 'EUR', '0'],
    ['0.015', 'EUR', '0.02'],
  ])('%s %s rounds half-even to %s', (amount, code, expected) => {
    expect(round(amount, code)).toBe(expected);
  });

  it('accepts a Currency as well as a code', () => {
    expect(roundCash(new Dec('2.345'), currency('GBP')).toFixed()).toBe('2.34');
  });

  it('throws on an unknown currency', () => {
    expect(() => roundCash(new Dec('1'), 'XYZ')).toThrow(RangeError);
  });

  it('never moves a value by more than half a minor unit, and lands on a minor unit', () => {
    const amounts = fc.record({
      units: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      scale: fc.integer({ min: 0, max: 20 }),
      code: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'CHF'),
    });
    fc.assert(
      fc.property(amounts, ({ units, scale, code }) => {
        const amount = new Dec(units.toString()).dividedBy(new Dec(10).pow(scale));
        const { minorUnits } = currency(code);
        const half = new Dec(10).pow(-minorUnits).dividedBy(2);
        const rounded = roundCash(amount, code);
        expect(rounded.minus(amount).abs().lte(half)).toBe(true);
        expect(rounded.decimalPlaces()).toBeLessThanOrEqual(minorUnits);
        expect(roundCash(rounded, code).equals(rounded)).toBe(true);
      }),
    );
  });

  it('breaks ties to the even minor unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        // cents + 0.5 cent is a tie; the result is whichever neighbour has an even cent count
        const tie = new Dec(cents.toString()).plus('0.5').dividedBy(100);
        const rounded = roundCash(tie, 'USD').times(100);
        expect(rounded.mod(2).isZero()).toBe(true);
        expect(rounded.minus(cents.toString()).abs().lte(1)).toBe(true);
      }),
    );
  });
});

describe('formatDecimal and toWire', () => {
  it.each([
    ['0.00000001', '0.00000001'],
    ['1e-30', '0.000000000000000000000000000001'],
    ['1e40', '10000000000000000000000000000000000000000'],
    ['190.50', '190.5'],
    ['-0', '0'],
    ['-12.5', '-12.5'],
  ])('writes %s as %s, never with an exponent', (input, expected) => {
    expect(toWire(new Dec(input))).toBe(expected);
    expect(formatDecimal(new Dec(input))).toBe(expected);
  });

  it('pads to the requested decimals', () => {
    expect(formatDecimal(new Dec('190250'), 2)).toBe('190250.00');
    expect(formatDecimal(new Dec('1.5'), 8)).toBe('1.50000000');
    expect(formatDecimal(new Dec('7'), 0)).toBe('7');
  });

  it('refuses to drop digits: rounding is never silent', () => {
    expect(() => formatDecimal(new Dec('2.345'), 2)).toThrow(
      new RangeError('2.345 has more than 2 decimals; round it before formatting'),
    );
    expect(() => formatDecimal(new Dec('1'), -1)).toThrow(RangeError);
    expect(() => formatDecimal(new Dec(Number.NaN))).toThrow(RangeError);
    expect(() => formatDecimal(new Dec(Number.POSITIVE_INFINITY))).toThrow(RangeError);
  });

  it('formats cash to its currency minor units', () => {
    expect(formatCash(new Dec('190250'), 'USD')).toBe('190250.00');
    expect(formatCash(new Dec('1500'), 'JPY')).toBe('1500');
    expect(formatCash(new Dec('1.2'), currency('KWD'))).toBe('1.200');
    expect(() => formatCash(new Dec('1.005'), 'USD')).toThrow(RangeError);
  });
});

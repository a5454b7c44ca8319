import Decimal from 'decimal.js';
import fc from 'fast-check';
import { decimalTransformer } from './decimal.transformer';

// TypeORM types a transformer's ends as `any`; these give the test the types the column really has.
const toColumn = (value: Decimal | string | null | undefined): string | null | undefined =>
  decimalTransformer.to(value) as string | null | undefined;
const fromColumn = (value: string | null): Decimal | null => decimalTransformer.from(value) as Decimal | null;

describe('decimalTransformer', () => {
  it('keeps 0.1 + 0.2 exact on the way to the column and back', () => {
    const sum = (fromColumn('0.1') as Decimal).plus(fromColumn('0.2') as Decimal);
    expect(toColumn(sum)).toBe('0.3');
    expect((fromColumn(toColumn(sum) as string) as Decimal).equals(new Decimal('0.3'))).toBe(true);
  });

  it('round-trips 20 integer and 8 fraction digits as the same string', () => {
    const amount = new Decimal('12345678901234567890.12345678');
    expect(toColumn(amount)).toBe('12345678901234567890.12345678');
    expect(fromColumn('12345678901234567890.12345678')?.toFixed()).toBe('12345678901234567890.12345678');
  });

  it('writes small and large amounts in plain notation, never exponent notation', () => {
    expect(toColumn(new Decimal('0.00000001'))).toBe('0.00000001');
    expect(toColumn(new Decimal('1e-7'))).toBe('0.0000001');
    expect(toColumn(new Decimal('1e21'))).toBe('1000000000000000000000');
    expect(toColumn(new Decimal('-2.5e3'))).toBe('-2500');
  });

  it('accepts a decimal string on the way in', () => {
    expect(toColumn('100.50')).toBe('100.5');
    expect(toColumn('-0.000001')).toBe('-0.000001');
  });

  it('refuses a string that is not a number rather than writing it', () => {
    expect(() => toColumn('12,50')).toThrow(/DecimalError/);
  });

  it('passes null and undefined through', () => {
    expect(toColumn(null)).toBeNull();
    expect(toColumn(undefined)).toBeUndefined();
    expect(fromColumn(null)).toBeNull();
  });

  it('reads NUMERIC text as a Decimal', () => {
    const value = fromColumn('1000000.000001');
    expect(value).toBeInstanceOf(Decimal);
    expect(value?.toFixed()).toBe('1000000.000001');
  });

  it('round-trips any decimal written as integer and fraction digits, in plain notation', () => {
    const digits = (minLength: number) =>
      fc.string({
        unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'),
        minLength,
        maxLength: 40,
      });
    const decimalString = fc
      .tuple(fc.boolean(), digits(1), digits(0))
      .map(
        ([negative, integer, fraction]) =>
          `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`,
      );

    // The plain form a user would write: no leading zeros, no trailing fraction zeros, zero unsigned.
    const plain = (x: string): string => {
      const negative = x.startsWith('-');
      const [integer = '', fraction = ''] = x.replace('-', '').split('.');
      const int = integer.replace(/^0+/, '') || '0';
      const frac = fraction.replace(/0+$/, '');
      const unsigned = frac ? `${int}.${frac}` : int;
      return negative && unsigned !== '0' ? `-${unsigned}` : unsigned;
    };

    fc.assert(
      fc.property(decimalString, (x) => {
        const column = toColumn(new Decimal(x)) as string;
        expect(column).not.toMatch(/e/i);
        expect(column).toBe(plain(x));
        expect((fromColumn(column) as Decimal).equals(new Decimal(x))).toBe(true);
        // The string form also round-trips, with no digit lost.
        expect((fromColumn(toColumn(x) as string) as Decimal).equals(new Decimal(x))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

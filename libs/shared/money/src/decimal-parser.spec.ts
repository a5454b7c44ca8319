import fc from 'fast-check';
import { currency } from './currency';
import {
  parseCash,
  parseDecimal,
  parsePercent,
  parsePrice,
  parseQuantity,
  parseRate,
  type ParseResult,
} from './decimal-parser';
import { formatDecimal, toWire } from './rounding';

function valueOf(result: ParseResult): string {
  if (!result.ok) throw new Error(`expected a value, got "${result.reason}"`);
  return result.value.toFixed();
}

describe('parseDecimal: accepted forms', () => {
  it.each([
    ['price', '190.25', '190.25'],
    ['price', '0.00000001', '0.00000001'],
    ['price', '1000', '1000'],
    ['price', '99.5', '99.5'],
    ['price', '190.50', '190.5'],
    ['quantity', '1000', '1000'],
    ['quantity', '0.000001', '0.000001'],
    ['quantity', '999999999999999999.999999', '999999999999999999.999999'],
    ['rate', '1.08375', '1.08375'],
    ['rate', '151.12345678', '151.12345678'],
    ['percent', '4.25', '4.25'],
    ['percent', '0', '0'],
    ['percent', '0.00000001', '0.00000001'],
  ] as const)('%s %p is %s', (field, input, expected) => {
    expect(valueOf(parseDecimal(input, field))).toBe(expected);
  });

  it('has one shortcut per field', () => {
    expect(valueOf(parsePrice('1.5'))).toBe('1.5');
    expect(valueOf(parseQuantity('2'))).toBe('2');
    expect(valueOf(parseRate('0.9'))).toBe('0.9');
    expect(valueOf(parsePercent('0'))).toBe('0');
  });
});

describe('parseDecimal: refused input, with its reason', () => {
  it.each([
    ['price', '', 'is empty'],
    ['price', ' ', 'must not contain whitespace'],
    ['price', ' 190.25', 'must not contain whitespace'],
    ['price', '190.25\n', 'must not contain whitespace'],
    ['price', '1 000', 'must not contain whitespace'],
    ['price', '1e309', 'must not use exponent notation (such as 1e3); write the digits out'],
    ['price', '1E3', 'must not use exponent notation (such as 1e3); write the digits out'],
    ['price', '1.5e-3', 'must not use exponent notation (such as 1e3); write the digits out'],
    ['price', '-1e3', 'must not use exponent notation (such as 1e3); write the digits out'],
    ['price', 'NaN', 'is NaN, not a number'],
    ['price', 'nan', 'is NaN, not a number'],
    ['price', 'Infinity', 'must be finite, not Infinity'],
    ['price', '-Infinity', 'must be finite, not Infinity'],
    ['price', 'inf', 'must be finite, not Infinity'],
    ['price', '+190.25', "must not have a leading '+'"],
    ['price', '.5', 'must have a digit before the decimal point (write 0.5, not .5)'],
    ['price', '-.5', 'must have a digit before the decimal point (write 0.5, not .5)'],
    ['price', '1000.', 'must have a digit after the decimal point (write 5, not 5.)'],
    ['price', '1,000.00', "is not a plain decimal number: digits, an optional leading '-' and one '.'"],
    ['price', '1.2.3', "is not a plain decimal number: digits, an optional leading '-' and one '.'"],
    ['price', '0x10', "is not a plain decimal number: digits, an optional leading '-' and one '.'"],
    ['price', '12abc', "is not a plain decimal number: digits, an optional leading '-' and one '.'"],
    ['price', '-', "is not a plain decimal number: digits, an optional leading '-' and one '.'"],
    ['price', '--1', "is not a plain decimal number: digits, an optional leading '-' and one '.'"],
    ['price', '٣', "is not a plain decimal number: digits, an optional leading '-' and one '.'"],
    ['price', '007', 'must not have leading zeros'],
    ['price', '00.5', 'must not have leading zeros'],
    ['price', '0', 'must be greater than 0, got 0'],
    ['price', '0.00000000', 'must be greater than 0, got 0'],
    ['price', '-190.25', 'must be greater than 0, got a negative value'],
    ['price', '-0', 'must not be negative zero; write 0'],
    ['price', '190.123456789', 'has 9 decimals; a price allows at most 8'],
    ['price', '1234567890123456789', 'has 19 digits before the decimal point; at most 18 are allowed'],
    ['price', '9'.repeat(65), 'is too long (65 characters)'],
    ['quantity', '100.1234567', 'has 7 decimals; a quantity allows at most 6'],
    ['quantity', '0', 'must be greater than 0, got 0'],
    ['quantity', '-5', 'must be greater than 0, got a negative value'],
    ['rate', '1.083751234', 'has 9 decimals; an FX rate allows at most 8'],
    ['rate', '0', 'must be greater than 0, got 0'],
    ['percent', '-0.5', 'must not be negative'],
    ['percent', '4.123456789', 'has 9 decimals; a percentage allows at most 8'],
  ] as const)('%s %p: %s', (field, input, reason) => {
    expect(parseDecimal(input, field)).toEqual({ ok: false, reason });
  });

  it.each([
    [190.25, 'must be a decimal string such as "190.25", not a JSON number (numbers lose precision)'],
    [Number.NaN, 'must be a decimal string such as "190.25", not a JSON number (numbers lose precision)'],
    [null, 'must be a decimal string, got null'],
    [undefined, 'must be a decimal string, got undefined'],
    [{ value: '1' }, 'must be a decimal string, got object'],
    [true, 'must be a decimal string, got boolean'],
    [BigInt(5), 'must be a decimal string, got bigint'],
  ])('refuses the non-string %p', (input, reason) => {
    expect(parsePrice(input)).toEqual({ ok: false, reason });
  });

  it('tightens the decimal limit on request, e.g. whole shares', () => {
    expect(parseQuantity('100.5', { maxDecimals: 0 })).toEqual({
      ok: false,
      reason: 'has 1 decimals; no decimals are allowed here',
    });
    expect(parseQuantity('100.555', { maxDecimals: 2 })).toEqual({
      ok: false,
      reason: 'has 3 decimals; at most 2 are allowed here',
    });
    expect(valueOf(parseQuantity('100', { maxDecimals: 0 }))).toBe('100');
  });

  it('never loosens the decimal limit', () => {
    expect(parsePrice('1.123456789', { maxDecimals: 12 })).toEqual({
      ok: false,
      reason: 'has 9 decimals; a price allows at most 8',
    });
    expect(() => parsePrice('1', { maxDecimals: -1 })).toThrow(RangeError);
    expect(() => parsePrice('1', { maxDecimals: 1.5 })).toThrow(RangeError);
  });
});

describe('parseCash', () => {
  it('allows the currency minor units and no more', () => {
    expect(valueOf(parseCash('190250.00', 'USD'))).toBe('190250');
    expect(valueOf(parseCash('12.5', 'EUR'))).toBe('12.5');
    expect(valueOf(parseCash('1500', 'JPY'))).toBe('1500');
    expect(valueOf(parseCash('1.234', currency('KWD')))).toBe('1.234');
    expect(parseCash('12.345', 'USD')).toEqual({ ok: false, reason: 'has 3 decimals; USD allows at most 2' });
    expect(parseCash('1500.5', 'JPY')).toEqual({
      ok: false,
      reason: 'has 1 decimals; JPY has no minor units, so no decimals are allowed',
    });
    expect(parseCash('1.2345', 'KWD')).toEqual({ ok: false, reason: 'has 4 decimals; KWD allows at most 3' });
  });

  it('refuses zero and negatives unless the caller allows them', () => {
    expect(parseCash('0', 'USD')).toEqual({ ok: false, reason: 'must be greater than 0, got 0' });
    expect(parseCash('-1.00', 'USD')).toEqual({
      ok: false,
      reason: 'must be greater than 0, got a negative value',
    });
    // fees and commission: zero allowed, negative not
    expect(valueOf(parseCash('0.00', 'USD', { allowZero: true }))).toBe('0');
    expect(parseCash('-1', 'USD', { allowZero: true })).toEqual({
      ok: false,
      reason: 'must not be negative',
    });
    // an adjustment: either sign, never zero
    expect(valueOf(parseCash('-1.25', 'USD', { allowNegative: true }))).toBe('-1.25');
    expect(parseCash('0', 'USD', { allowNegative: true })).toEqual({ ok: false, reason: 'must not be zero' });
    expect(valueOf(parseCash('0', 'USD', { allowNegative: true, allowZero: true }))).toBe('0');
    expect(parseCash('-0', 'USD', { allowNegative: true, allowZero: true })).toEqual({
      ok: false,
      reason: 'must not be negative zero; write 0',
    });
  });

  it('says when the currency itself is wrong', () => {
    expect(parseCash('1', 'XYZ')).toEqual({
      ok: false,
      reason: 'currency "XYZ" is not a known ISO 4217 currency',
    });
    expect(parseCash('1', 'usd')).toEqual({
      ok: false,
      reason: 'currency must be 3 upper-case letters (ISO 4217), got "usd"',
    });
  });

  it('refuses the same malformed input as the other fields', () => {
    expect(parseCash('1e3', 'USD')).toEqual({
      ok: false,
      reason: 'must not use exponent notation (such as 1e3); write the digits out',
    });
    expect(parseCash('', 'USD', { allowZero: true })).toEqual({ ok: false, reason: 'is empty' });
  });
});

describe('parse then format', () => {
  const canonical = (maxDecimals: number): fc.Arbitrary<string> =>
    fc
      .tuple(
        fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: maxDecimals }),
      )
      .map(([integer, fraction]) => {
        const trimmed = fraction.replace(/0+$/, '');
        return trimmed === '' ? `${integer}` : `${integer}.${trimmed}`;
      })
      .filter((text) => !/^0(\.0*)?$/.test(text));

  it('is the identity for any canonical price, quantity, rate and percentage', () => {
    const fields = [
      ['price', 8],
      ['quantity', 6],
      ['rate', 8],
      ['percent', 8],
    ] as const;
    for (const [field, max] of fields) {
      fc.assert(
        fc.property(canonical(max), (text) => {
          expect(toWire(okValue(parseDecimal(text, field)))).toBe(text);
        }),
      );
    }
  });

  it('is the identity with trailing zeros when formatted to the written decimals', () => {
    const written = fc
      .tuple(
        fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 8 }),
      )
      .map(([integer, fraction]) => `${integer}.${fraction}`);
    fc.assert(
      fc.property(written, (text) => {
        const decimals = text.length - text.indexOf('.') - 1;
        expect(formatDecimal(okValue(parsePrice(text)), decimals)).toBe(text);
      }),
    );
  });

  it('is the identity for signed cash amounts in every minor-unit count', () => {
    const amounts = fc
      .tuple(fc.constantFrom('USD', 'JPY', 'KWD'), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }))
      .map(([code, units]) => {
        const minor = currency(code).minorUnits;
        const digits = (units < 0n ? -units : units).toString().padStart(minor + 1, '0');
        const text = minor === 0 ? digits : `${digits.slice(0, -minor)}.${digits.slice(-minor)}`;
        return { code, text: units < 0n ? `-${text}` : text };
      });
    fc.assert(
      fc.property(amounts, ({ code, text }) => {
        const parsed = parseCash(text, code, { allowZero: true, allowNegative: true });
        if (text.replace(/^-/, '').split('.')[0]!.length > 18) {
          expect(parsed.ok).toBe(false);
        } else {
          expect(formatDecimal(okValue(parsed), currency(code).minorUnits)).toBe(text);
        }
      }),
    );
  });

  it('never accepts a value it would have to round', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 9, max: 20 }),
        (units, scale) => {
          const digits = units.toString().padStart(scale + 1, '0');
          const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
          const result = parsePrice(text);
          expect(result).toEqual({ ok: false, reason: `has ${scale} decimals; a price allows at most 8` });
        },
      ),
    );
  });
});

function okValue(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a value, got "${result.reason}"`);
  return result.value;
}

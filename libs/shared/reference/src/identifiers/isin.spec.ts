import fc from 'fast-check';
import { checkIsin, isinCheckDigit, isValidIsin } from './isin';

describe('ISIN (ISO 6166)', () => {
  // Real ISINs, check digits verified by hand or with an independent Luhn script, never by this code.
  // Worked example for US0378331005 (Apple): U=30 S=28 -> 3028037833100; from the right, doubling
  // every other digit starting with the rightmost: doubled 0,1,3,7,0,2,3 -> 0+2+6+5+0+4+6 = 23, kept
  // 0,3,8,3,8,0 = 22; 45 -> check digit (10 - 5) % 10 = 5.
  it.each([
    ['US0378331005', 'Apple'],
    ['DE0007164600', 'SAP'],
    ['FR0000120271', 'TotalEnergies'],
    ['GB0002634946', 'BAE Systems'],
    ['NL0010273215', 'ASML'],
    ['US5949181045', 'Microsoft'],
    ['US02079K3059', 'Alphabet A (letter inside the CUSIP)'],
    ['US912828YK04', 'US Treasury note (CUSIP 912828YK0)'],
    ['US91282CGM73', 'US Treasury note (CUSIP 91282CGM7)'],
    ['DE0001102580', 'German Bund'],
    ['GB00BM8Z2S21', 'UK Gilt (letters in the NSIN)'],
  ])('accepts %s (%s)', (isin) => {
    expect(checkIsin(isin)).toEqual({ ok: true });
    expect(isValidIsin(isin)).toBe(true);
  });

  // By hand: 3028037383100, doubled from the right 0,1,8,7,0,2,3 -> 0+2+7+5+0+4+6 = 24, kept
  // 0,3,3,3,8,0 = 17; 41 -> expected check digit 9.
  it('rejects US0373831005 (two digits swapped) naming the check digit', () => {
    expect(checkIsin('US0373831005')).toEqual({ ok: false, reason: 'ISIN check digit is 5, expected 9' });
  });

  it('rejects a treasury ISIN with the wrong check digit', () => {
    expect(checkIsin('US912828YK07')).toEqual({ ok: false, reason: 'ISIN check digit is 7, expected 4' });
  });

  it.each([
    ['', 'ISIN must be 12 characters, got 0'],
    ['US037833100', 'ISIN must be 12 characters, got 11'],
    ['US03783310055', 'ISIN must be 12 characters, got 13'],
    ['1S0378331005', 'ISIN country prefix must be two letters A-Z, got "1S"'],
    ['us0378331005', 'ISIN country prefix must be two letters A-Z, got "us" (ISINs are upper case)'],
    ['US03783-1005', 'ISIN has illegal character "-" at position 8: expected A-Z or 0-9'],
    ['US0378331a05', 'ISIN has illegal character "a" at position 10: expected A-Z or 0-9'],
    ['US037833100X', 'ISIN check digit at position 12 must be a digit, got "X"'],
    ['US03783310é5', 'ISIN has illegal character "é" at position 11: expected A-Z or 0-9'],
  ])('rejects %j: %s', (input, reason) => {
    expect(checkIsin(input)).toEqual({ ok: false, reason });
  });

  it('computes the check digit of a body, and refuses a malformed body', () => {
    expect(isinCheckDigit('US037833100')).toBe(5);
    expect(isinCheckDigit('DE000716460')).toBe(0);
    expect(() => isinCheckDigit('US03783310')).toThrow(RangeError);
  });

  it('property: a body with its computed check digit is valid, any other digit is not', () => {
    const body = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 2 }),
        fc.string({
          unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
          minLength: 9,
          maxLength: 9,
        }),
      )
      .map(([cc, nsin]) => cc + nsin);
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 9 }), (b, shift) => {
        const d = isinCheckDigit(b);
        expect(checkIsin(b + String(d)).ok).toBe(true);
        expect(checkIsin(b + String((d + shift) % 10)).ok).toBe(false);
      }),
    );
  });
});

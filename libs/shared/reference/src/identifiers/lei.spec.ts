import fc from 'fast-check';
import { checkLei, isValidLei, leiCheckDigits } from './lei';

const ALNUM = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const DIGITS = [...'0123456789'];
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const prefix18 = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 18, maxLength: 18 });

describe('LEI (ISO 17442, ISO 7064 MOD 97-10)', () => {
  // Real LEIs from the GLEIF register; checksums verified with an independent script.
  it.each([
    ['HWUPKR0MPOU8FGXBT394', 'Apple Inc.'],
    ['784F5XWPLTWKTBV3E584', 'The Goldman Sachs Group, Inc.'],
    ['7LTWFZYICNSX8D621K86', 'Deutsche Bank AG'],
    ['F226TOH6YD6XJB17KS62', 'LCH Limited'],
  ])('accepts %s (%s)', (lei) => {
    expect(checkLei(lei)).toEqual({ ok: true });
    expect(isValidLei(lei)).toBe(true);
  });

  it('rejects the Apple LEI with its last digit changed, naming the expected check digits', () => {
    expect(checkLei('HWUPKR0MPOU8FGXBT395')).toEqual({
      ok: false,
      reason: 'LEI check digits are 95, expected 94',
    });
  });

  it('computes the check digits of real LEI prefixes', () => {
    expect(leiCheckDigits('HWUPKR0MPOU8FGXBT3')).toBe('94');
    expect(leiCheckDigits('7LTWFZYICNSX8D621K')).toBe('86');
    expect(() => leiCheckDigits('HWUPKR0MPOU8FGXBT')).toThrow(RangeError);
    expect(() => leiCheckDigits('hwupkr0mpou8fgxbt3')).toThrow(RangeError);
  });

  it.each([
    ['', 'LEI must be 20 characters, got 0'],
    ['HWUPKR0MPOU8FGXBT39', 'LEI must be 20 characters, got 19'],
    [
      'hWUPKR0MPOU8FGXBT394',
      'LEI has illegal character "h" at position 1: expected A-Z or 0-9 (LEIs are upper case)',
    ],
    ['HWUPKR0MPOU8FGX T394', 'LEI has illegal character " " at position 16: expected A-Z or 0-9'],
    ['HWUPKR0MPOU8FGXBT3A4', 'LEI check digits at positions 19-20 must be digits, got "A4"'],
  ])('rejects %j: %s', (input, reason) => {
    expect(checkLei(input)).toEqual({ ok: false, reason });
  });

  it('property: any 18-character prefix plus its check digits is a valid LEI', () => {
    fc.assert(fc.property(prefix18, (p) => expect(checkLei(p + leiCheckDigits(p))).toEqual({ ok: true })));
  });

  it('property: substituting a digit for a digit or a letter for a letter is always detected', () => {
    // A same-class substitution changes the number by k·10^j with 0 < |k| < 97, and 97 is prime.
    fc.assert(
      fc.property(
        prefix18,
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 1, max: 35 }),
        (p, pos, shift) => {
          const lei = p + leiCheckDigits(p);
          const original = lei.charAt(pos);
          const pool = DIGITS.includes(original) ? DIGITS : LETTERS;
          const replacement = pool[(pool.indexOf(original) + shift) % pool.length] ?? original;
          fc.pre(replacement !== original);
          const mutated = lei.slice(0, pos) + replacement + lei.slice(pos + 1);
          expect(checkLei(mutated).ok).toBe(false);
        },
      ),
    );
  });

  it('property: a digit/letter substitution is detected most of the time, but not always', () => {
    // Swapping a digit for a letter changes the digit string's length, so MOD 97-10 misses about 0.4%
    // of those: it does NOT catch every single-character substitution.
    fc.assert(
      fc.property(prefix18, fc.integer({ min: 0, max: 17 }), (p, pos) => {
        const lei = p + leiCheckDigits(p);
        const original = lei.charAt(pos);
        const pool = DIGITS.includes(original) ? LETTERS : DIGITS;
        const undetected = pool.filter((c) => checkLei(lei.slice(0, pos) + c + lei.slice(pos + 1)).ok);
        expect(undetected.length).toBeLessThanOrEqual(1);
      }),
    );
    // Counterexample found by an independent script: both are valid MOD 97-10 codes.
    expect(checkLei('1R0Y8KEULZJA0YQPJV14').ok).toBe(true);
    expect(checkLei('1RGY8KEULZJA0YQPJV14').ok).toBe(true);
  });
});

import { type CheckResult, describeChar, expandAlphanumeric, invalid, valid } from './check-result';

const UPPER = /^[A-Z]$/;
const ALNUM = /^[A-Z0-9]$/;

/** ISO 6166 check digit of the first 11 characters: letters to numbers, then Luhn. */
export function isinCheckDigit(first11: string): number {
  if (!/^[A-Z]{2}[A-Z0-9]{9}$/.test(first11)) {
    throw new RangeError(`ISIN body must be 2 letters and 9 letters or digits, got ${describeChar(first11)}`);
  }
  const digits = expandAlphanumeric(first11);
  // The check digit will sit to the right, so the rightmost body digit is the first one doubled.
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function checkIsin(s: string): CheckResult {
  if (s.length !== 12) return invalid(`ISIN must be 12 characters, got ${s.length}`);
  const chars = [...s];
  if (chars.length !== 12) return invalid('ISIN must be 12 ASCII characters');
  for (let i = 0; i < 2; i++) {
    if (!UPPER.test(chars[i] ?? '')) {
      return invalid(
        `ISIN country prefix must be two letters A-Z, got ${describeChar(s.slice(0, 2))}` +
          (/^[a-z]{2}$/.test(s.slice(0, 2)) ? ' (ISINs are upper case)' : ''),
      );
    }
  }
  for (let i = 2; i < 11; i++) {
    const ch = chars[i] ?? '';
    if (!ALNUM.test(ch)) {
      return invalid(
        `ISIN has illegal character ${describeChar(ch)} at position ${i + 1}: expected A-Z or 0-9`,
      );
    }
  }
  const last = chars[11] ?? '';
  if (!/^[0-9]$/.test(last)) {
    return invalid(`ISIN check digit at position 12 must be a digit, got ${describeChar(last)}`);
  }
  const expected = isinCheckDigit(s.slice(0, 11));
  if (Number(last) !== expected) return invalid(`ISIN check digit is ${last}, expected ${expected}`);
  return valid;
}

export function isValidIsin(s: string): boolean {
  return checkIsin(s).ok;
}

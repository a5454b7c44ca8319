import { type CheckResult, describeChar, expandAlphanumeric, invalid, valid } from './check-result';

const ALNUM = /^[A-Z0-9]$/;

// Piecewise mod 97 keeps every intermediate below 2^53 without BigInt.
function mod97(digits: string): number {
  let rem = 0;
  for (let i = 0; i < digits.length; i += 7) {
    rem = Number(String(rem) + digits.slice(i, i + 7)) % 97;
  }
  return rem;
}

/** ISO 17442 check digits (ISO 7064 MOD 97-10) for an 18-character LEI prefix. */
export function leiCheckDigits(first18: string): string {
  if (!/^[A-Z0-9]{18}$/.test(first18)) {
    throw new RangeError(`LEI prefix must be 18 characters A-Z or 0-9, got ${describeChar(first18)}`);
  }
  const check = 98 - mod97(expandAlphanumeric(first18) + '00');
  return String(check).padStart(2, '0');
}

export function checkLei(s: string): CheckResult {
  if (s.length !== 20) return invalid(`LEI must be 20 characters, got ${s.length}`);
  const chars = [...s];
  if (chars.length !== 20) return invalid('LEI must be 20 ASCII characters');
  for (let i = 0; i < 18; i++) {
    const ch = chars[i] ?? '';
    if (!ALNUM.test(ch)) {
      const hint = /^[a-z]$/.test(ch) ? ' (LEIs are upper case)' : '';
      return invalid(
        `LEI has illegal character ${describeChar(ch)} at position ${i + 1}: expected A-Z or 0-9${hint}`,
      );
    }
  }
  const digits = s.slice(18);
  if (!/^[0-9]{2}$/.test(digits)) {
    return invalid(`LEI check digits at positions 19-20 must be digits, got ${describeChar(digits)}`);
  }
  if (mod97(expandAlphanumeric(s)) !== 1) {
    return invalid(`LEI check digits are ${digits}, expected ${leiCheckDigits(s.slice(0, 18))}`);
  }
  return valid;
}

export function isValidLei(s: string): boolean {
  return checkLei(s).ok;
}

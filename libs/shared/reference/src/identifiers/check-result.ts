// Validators say what is wrong, so an API can answer with a useful problem body.
export type CheckResult = { ok: true } | { ok: false; reason: string };

export const valid: CheckResult = { ok: true };

export function invalid(reason: string): CheckResult {
  return { ok: false, reason };
}

/** Letters become numbers (A=10 … Z=35), digits stay: the expansion both ISIN and LEI checks use. */
export function expandAlphanumeric(s: string): string {
  let out = '';
  for (const ch of s) out += String(Number.parseInt(ch, 36));
  return out;
}

export function describeChar(ch: string): string {
  return JSON.stringify(ch);
}

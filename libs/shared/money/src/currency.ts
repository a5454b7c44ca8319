/** An ISO 4217 currency and the number of decimals its cash amounts carry. */
export interface Currency {
  readonly code: string;
  readonly minorUnits: number;
  readonly name: string;
}

// Minor units from the ISO 4217 list. KWD (3) and JPY/KRW (0) keep the code honest about non-2 currencies.
const CURRENCIES = {
  USD: { minorUnits: 2, name: 'US Dollar' },
  EUR: { minorUnits: 2, name: 'Euro' },
  GBP: { minorUnits: 2, name: 'Pound Sterling' },
  JPY: { minorUnits: 0, name: 'Yen' },
  CHF: { minorUnits: 2, name: 'Swiss Franc' },
  CAD: { minorUnits: 2, name: 'Canadian Dollar' },
  AUD: { minorUnits: 2, name: 'Australian Dollar' },
  NZD: { minorUnits: 2, name: 'New Zealand Dollar' },
  SEK: { minorUnits: 2, name: 'Swedish Krona' },
  NOK: { minorUnits: 2, name: 'Norwegian Krone' },
  DKK: { minorUnits: 2, name: 'Danish Krone' },
  HKD: { minorUnits: 2, name: 'Hong Kong Dollar' },
  SGD: { minorUnits: 2, name: 'Singapore Dollar' },
  CNY: { minorUnits: 2, name: 'Yuan Renminbi' },
  KRW: { minorUnits: 0, name: 'Won' },
  KWD: { minorUnits: 3, name: 'Kuwaiti Dinar' },
} as const satisfies Record<string, Omit<Currency, 'code'>>;

export type CurrencyCode = keyof typeof CURRENCIES;

export type CurrencyCheck = { ok: true; value: Currency } | { ok: false; reason: string };

const BY_CODE: ReadonlyMap<string, Currency> = new Map(
  Object.entries(CURRENCIES).map(([code, c]) => [code, Object.freeze({ code, ...c })]),
);

/** Every known currency, by code. */
export const CURRENCY_CODES: readonly CurrencyCode[] = Object.freeze(
  Object.keys(CURRENCIES) as CurrencyCode[],
);

/** Says what is wrong with a currency code, or gives the currency. */
export function checkCurrency(code: unknown): CurrencyCheck {
  if (typeof code !== 'string') return { ok: false, reason: `must be a string, got ${typeOf(code)}` };
  if (code === '') return { ok: false, reason: 'is empty' };
  if (!/^[A-Z]{3}$/.test(code)) {
    return { ok: false, reason: `must be 3 upper-case letters (ISO 4217), got "${clip(code)}"` };
  }
  const found = BY_CODE.get(code);
  return found
    ? { ok: true, value: found }
    : { ok: false, reason: `"${code}" is not a known ISO 4217 currency` };
}

export function isCurrencyCode(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && BY_CODE.has(code);
}

/** The currency of a code that has already been validated; an unknown code is a programming error. */
export function currency(code: string): Currency {
  const check = checkCurrency(code);
  if (!check.ok) throw new RangeError(`currency ${check.reason}`);
  return check.value;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

// Echoing a megabyte of garbage back in an error body helps nobody.
function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

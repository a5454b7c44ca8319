import { CURRENCY_CODES, checkCurrency, currency, isCurrencyCode } from './currency';

describe('currencies', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['CHF', 2],
    ['CAD', 2],
    ['AUD', 2],
    ['SEK', 2],
    ['NOK', 2],
    ['DKK', 2],
    ['HKD', 2],
    ['SGD', 2],
    ['KWD', 3],
  ])('%s has %i minor units', (code, minorUnits) => {
    expect(currency(code)).toMatchObject({ code, minorUnits });
    expect(checkCurrency(code)).toEqual({ ok: true, value: currency(code) });
    expect(isCurrencyCode(code)).toBe(true);
  });

  it('lists every code once', () => {
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    expect(CURRENCY_CODES).toEqual(expect.arrayContaining(['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD']));
  });

  it.each([
    ['usd', 'must be 3 upper-case letters (ISO 4217), got "usd"'],
    ['US', 'must be 3 upper-case letters (ISO 4217), got "US"'],
    ['USDX', 'must be 3 upper-case letters (ISO 4217), got "USDX"'],
    [' USD', 'must be 3 upper-case letters (ISO 4217), got " USD"'],
    ['U1D', 'must be 3 upper-case letters (ISO 4217), got "U1D"'],
    ['', 'is empty'],
    ['XYZ', '"XYZ" is not a known ISO 4217 currency'],
    [840, 'must be a string, got a number'],
    [null, 'must be a string, got null'],
    [['USD'], 'must be a string, got an array'],
  ])('refuses %p: %s', (code, reason) => {
    expect(checkCurrency(code)).toEqual({ ok: false, reason });
    expect(isCurrencyCode(code)).toBe(false);
  });

  it('clips a long code in the reason', () => {
    expect(checkCurrency('A'.repeat(1000))).toEqual({
      ok: false,
      reason: `must be 3 upper-case letters (ISO 4217), got "${'A'.repeat(20)}…"`,
    });
  });

  it('throws on an unknown code in currency()', () => {
    expect(() => currency('XYZ')).toThrow(new RangeError('currency "XYZ" is not a known ISO 4217 currency'));
  });
});

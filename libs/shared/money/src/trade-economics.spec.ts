import fc from 'fast-check';
import { currency } from './currency';
import { Dec } from './decimal';
import { computeEconomics, type EconomicsInput, type EconomicsSide } from './trade-economics';

const d = (text: string): Dec => new Dec(text);

describe('computeEconomics: equities', () => {
  it('1000 × 190.25 USD is 190250.00; fees are added on a buy and taken off on a sell', () => {
    const input = {
      instrumentType: 'EQUITY',
      quantity: d('1000'),
      price: d('190.25'),
      currency: 'USD',
    } as const;
    const buy = computeEconomics({ ...input, side: 'BUY', fees: d('12.50') });
    expect(buy).toEqual({
      instrumentType: 'EQUITY',
      currency: 'USD',
      gross: d('190250.00'),
      fees: d('12.5'),
      net: d('190262.50'),
    });
    const sell = computeEconomics({ ...input, side: 'SELL', fees: d('12.50') });
    expect(sell.net.toFixed(2)).toBe('190237.50');
  });

  it('treats absent fees as zero', () => {
    const e = computeEconomics({
      instrumentType: 'EQUITY',
      side: 'BUY',
      quantity: d('10'),
      price: d('0.1'),
      currency: 'EUR',
    });
    expect([e.gross.toFixed(), e.fees.toFixed(), e.net.toFixed()]).toEqual(['1', '0', '1']);
  });

  it.each([
    // quantity, price, currency, unrounded (by hand), gross
    ['100', '12.34565', 'USD', '1234.565', '1234.56'],
    ['100', '12.34575', 'USD', '1234.575', '1234.58'],
    ['333', '10.00125', 'USD', '3330.41625', '3330.42'],
    ['3', '1234.5', 'JPY', '3703.5', '3704'],
    ['5', '1234.5', 'JPY', '6172.5', '6172'],
    ['0.5', '0.00000001', 'USD', '0.000000005', '0'],
  ])('%s × %s %s = %s, rounded half-even once to %s', (quantity, price, code, _unrounded, gross) => {
    const e = computeEconomics({
      instrumentType: 'EQUITY',
      side: 'BUY',
      quantity: d(quantity),
      price: d(price),
      currency: code,
    });
    expect(e.gross.toFixed()).toBe(d(gross).toFixed());
  });
});

describe('computeEconomics: bonds', () => {
  it('1,000,000 nominal at 99.5 with 1234.567 accrued is 996234.57', () => {
    const e = computeEconomics({
      instrumentType: 'BOND',
      side: 'BUY',
      nominal: d('1000000'),
      cleanPrice: d('99.5'),
      accruedInterest: d('1234.567'),
      currency: 'USD',
    });
    expect(e).toEqual({
      instrumentType: 'BOND',
      currency: 'USD',
      principal: d('995000'),
      accruedInterest: d('1234.57'),
      gross: d('996234.57'),
      fees: d('0'),
      net: d('996234.57'),
    });
  });

  it('rounds principal and accrued each once, so that they add up to gross', () => {
    // 10,000 × 101.23455 / 100 = 10123.455 → 10123.46; accrued 12.345 → 12.34; gross 10135.80
    const e = computeEconomics({
      instrumentType: 'BOND',
      side: 'SELL',
      nominal: d('10000'),
      cleanPrice: d('101.23455'),
      accruedInterest: d('12.345'),
      currency: 'EUR',
      fees: d('5.00'),
    });
    expect(e.instrumentType === 'BOND' && e.principal.toFixed(2)).toBe('10123.46');
    expect(e.instrumentType === 'BOND' && e.accruedInterest.toFixed(2)).toBe('12.34');
    expect(e.gross.toFixed(2)).toBe('10135.80');
    expect(e.net.toFixed(2)).toBe('10130.80');
  });

  it('takes an accrued interest of many decimals, as a day count gives it', () => {
    // 5,000,000 × 4.25% × 45/360 = 26562.5; with a 1/365 style fraction: 5,000,000 × 0.0425 × 45/365
    // = 26198.630136986301369863… → 26198.63; principal 5,000,000 × 100.125 / 100 = 5,006,250.00
    const accrued = d('5000000').times('0.0425').times(45).dividedBy(365);
    const e = computeEconomics({
      instrumentType: 'BOND',
      side: 'BUY',
      nominal: d('5000000'),
      cleanPrice: d('100.125'),
      accruedInterest: accrued,
      currency: 'USD',
      fees: d('25'),
    });
    expect(e.gross.toFixed(2)).toBe('5032448.63');
    expect(e.net.toFixed(2)).toBe('5032473.63');
  });
});

describe('computeEconomics: FX spot', () => {
  it('1,000,000 EUR/USD at 1.08375 is 1083750.00 USD against 1,000,000.00 EUR', () => {
    const e = computeEconomics({
      instrumentType: 'FX_SPOT',
      side: 'BUY',
      quantity: d('1000000'),
      rate: d('1.08375'),
      baseCurrency: 'EUR',
      quoteCurrency: 'USD',
    });
    expect(e).toEqual({
      instrumentType: 'FX_SPOT',
      baseCurrency: 'EUR',
      baseAmount: d('1000000'),
      quoteCurrency: 'USD',
      counterAmount: d('1083750'),
      currency: 'USD',
      gross: d('1083750'),
      fees: d('0'),
      net: d('1083750'),
    });
  });

  it.each([
    // base, quote, quantity, rate, counter amount worked by hand
    ['USD', 'JPY', '1234.56', '151.125', '186573'], // 186572.88 → 186573
    ['USD', 'JPY', '1.00', '150.5', '150'], // tie → even
    ['USD', 'JPY', '3', '150.5', '452'], // 451.5 tie → even
    ['EUR', 'GBP', '250000', '0.85125', '212812.50'],
    ['USD', 'CAD', '1000000.01', '1.3725', '1372500.01'], // 1372500.013725
    ['JPY', 'USD', '1000000', '0.00661725', '6617.25'],
  ])('%s/%s %s at %s is %s', (base, quote, quantity, rate, counter) => {
    const e = computeEconomics({
      instrumentType: 'FX_SPOT',
      side: 'SELL',
      quantity: d(quantity),
      rate: d(rate),
      baseCurrency: base,
      quoteCurrency: quote,
    });
    expect(e.instrumentType === 'FX_SPOT' && e.counterAmount.toFixed()).toBe(d(counter).toFixed());
    expect(e.instrumentType === 'FX_SPOT' && e.baseAmount.toFixed()).toBe(d(quantity).toFixed());
    expect(e.currency).toBe(quote);
  });

  it('fees are in the quote currency', () => {
    const e = computeEconomics({
      instrumentType: 'FX_SPOT',
      side: 'BUY',
      quantity: d('1000000'),
      rate: d('1.08375'),
      baseCurrency: 'EUR',
      quoteCurrency: 'USD',
      fees: d('20'),
    });
    expect(e.net.toFixed(2)).toBe('1083770.00');
  });
});

describe('computeEconomics: refused input', () => {
  const equity = {
    instrumentType: 'EQUITY',
    side: 'BUY',
    quantity: d('1'),
    price: d('1'),
    currency: 'USD',
  } as const;
  const fx = {
    instrumentType: 'FX_SPOT',
    side: 'BUY',
    quantity: d('100'),
    rate: d('1.1'),
    baseCurrency: 'EUR',
    quoteCurrency: 'USD',
  } as const;

  it.each<[string, EconomicsInput, string]>([
    ['a zero price', { ...equity, price: d('0') }, 'price must be > 0'],
    ['a negative quantity', { ...equity, quantity: d('-1') }, 'quantity must be > 0'],
    ['a NaN price', { ...equity, price: d('NaN') }, 'price must be > 0'],
    ['negative fees', { ...equity, fees: d('-0.01') }, 'fees must be a finite amount ≥ 0'],
    [
      'an unknown currency',
      { ...equity, currency: 'XYZ' },
      'currency "XYZ" is not a known ISO 4217 currency',
    ],
    ['a zero rate', { ...fx, rate: d('0') }, 'rate must be > 0'],
    ['a one-currency pair', { ...fx, quoteCurrency: 'EUR' }, 'an FX pair needs two currencies, got EUR/EUR'],
    [
      'a base amount past its minor units',
      { ...fx, quantity: d('100.001') },
      'quantity has more decimals than EUR allows (2)',
    ],
    [
      'a bond without a clean price',
      {
        instrumentType: 'BOND',
        side: 'BUY',
        nominal: d('1000'),
        cleanPrice: d('0'),
        accruedInterest: d('0'),
        currency: 'USD',
      },
      'cleanPrice must be > 0',
    ],
  ])('throws on %s', (_name, input, message) => {
    expect(() => computeEconomics(input)).toThrow(new RangeError(message));
  });
});

describe('computeEconomics: properties', () => {
  const decimal = (maxUnits: bigint, scale: number): fc.Arbitrary<Dec> =>
    fc.bigInt({ min: 1n, max: maxUnits }).map((units) => new Dec(units.toString()).dividedBy(10 ** scale));
  const side = fc.constantFrom<EconomicsSide>('BUY', 'SELL');
  const code = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'GBP');
  const fees = (ccy: string): fc.Arbitrary<Dec> =>
    fc
      .bigInt({ min: 0n, max: 10n ** 9n })
      .map((units) => new Dec(units.toString()).dividedBy(10 ** currency(ccy).minorUnits));

  const inputs: fc.Arbitrary<EconomicsInput> = fc.oneof(
    fc.tuple(side, code, decimal(10n ** 24n, 6), decimal(10n ** 20n, 8)).chain(([s, c, quantity, price]) =>
      fees(c).map((f): EconomicsInput => ({
        instrumentType: 'EQUITY',
        side: s,
        quantity,
        price,
        currency: c,
        fees: f,
      })),
    ),
    fc
      .tuple(side, code, decimal(10n ** 12n, 0), decimal(10n ** 11n, 8), decimal(10n ** 20n, 12))
      .chain(([s, c, nominal, cleanPrice, accruedInterest]) =>
        fees(c).map((f): EconomicsInput => ({
          instrumentType: 'BOND',
          side: s,
          nominal,
          cleanPrice,
          accruedInterest,
          currency: c,
          fees: f,
        })),
      ),
    fc
      .tuple(
        side,
        fc.constantFrom(['EUR', 'USD'], ['USD', 'JPY'], ['KWD', 'USD']),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        decimal(10n ** 12n, 8),
      )
      .chain(([s, [base = 'EUR', quote = 'USD'], units, rate]) =>
        fees(quote).map((f): EconomicsInput => ({
          instrumentType: 'FX_SPOT',
          side: s,
          quantity: new Dec(units.toString()).dividedBy(10 ** currency(base).minorUnits),
          rate,
          baseCurrency: base,
          quoteCurrency: quote,
          fees: f,
        })),
      ),
  );

  it('net − gross equals +fees on a buy and −fees on a sell, exactly', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const e = computeEconomics(input);
        const expected = input.side === 'BUY' ? e.fees : e.fees.negated();
        expect(e.net.minus(e.gross).equals(expected)).toBe(true);
        expect(e.fees.equals(input.fees ?? 0)).toBe(true);
      }),
    );
  });

  it('every cash figure carries at most its currency minor units', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const e = computeEconomics(input);
        const minor = currency(e.currency).minorUnits;
        for (const figure of [e.gross, e.fees, e.net])
          expect(figure.decimalPlaces()).toBeLessThanOrEqual(minor);
        if (e.instrumentType === 'FX_SPOT') {
          expect(e.baseAmount.decimalPlaces()).toBeLessThanOrEqual(currency(e.baseCurrency).minorUnits);
        }
      }),
    );
  });

  it('gross is within half a minor unit of the exact figure (per rounded component for bonds)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const e = computeEconomics(input);
        const half = new Dec(10).pow(-currency(e.currency).minorUnits).dividedBy(2);
        const exact =
          input.instrumentType === 'EQUITY'
            ? input.quantity.times(input.price)
            : input.instrumentType === 'BOND'
              ? input.nominal.times(input.cleanPrice).dividedBy(100).plus(input.accruedInterest)
              : input.quantity.times(input.rate);
        const tolerance = input.instrumentType === 'BOND' ? half.times(2) : half;
        expect(e.gross.minus(exact).abs().lte(tolerance)).toBe(true);
      }),
    );
  });
});

import type { FailureKind } from '@tradeflow/shared/failure';
import { type Book } from '@tradeflow/shared/reference';
import { validateCaptureRequest, type CaptureContext, type CaptureValidation } from './capture-request';
import { shippedReferenceLookup, type ReferenceLookup } from './reference-lookup';
import { type ValidatedTrade } from './validated-trade';

// Expected figures below are worked by hand, never taken from the code under test.
const TODAY = '2026-11-20'; // a Friday; the next US business day is Mon 2026-11-23
const DEUTSCHE_BANK = '7LTWFZYICNSX8D621K86';
const APPLE = 'US0378331005';
const UST_2034 = 'US91282CLW90'; // 4.25% 15 Nov 2034, semi-annual, ACT/ACT-ICMA

const alice: CaptureContext = {
  principal: { id: 'alice', role: 'trader', books: ['EQ-US-FLOW', 'EQ-EU-FLOW'] },
  today: TODAY,
  reference: shippedReferenceLookup,
};
const carol: CaptureContext = { ...alice, principal: { id: 'carol', role: 'trader', books: ['RATES-US'] } };
const dave: CaptureContext = { ...alice, principal: { id: 'dave', role: 'trader', books: ['FX-SPOT'] } };

const appleBuy = {
  book: 'EQ-US-FLOW',
  side: 'BUY',
  instrumentId: APPLE,
  quantity: '1000',
  price: '190.25',
  counterpartyLei: DEUTSCHE_BANK,
  tradeDate: TODAY,
  venueMic: 'XNAS',
  commission: '12.50',
};

function accepted(result: CaptureValidation): ValidatedTrade {
  if (!result.ok) throw new Error(`expected a valid trade, got ${JSON.stringify(result)}`);
  return result.trade;
}

/** The failure's kind and the fields named, in order, e.g. ['rule-broken', ['quantity']]. */
function rejection(result: CaptureValidation): [FailureKind, string[]] {
  if (result.ok) throw new Error('expected a rejection, got a trade');
  return [result.failure.kind, result.failure.errors.map((e) => e.field)];
}

function messages(result: CaptureValidation): string[] {
  return result.ok ? [] : result.failure.errors.map((e) => e.message);
}

const capture = (overrides: Record<string, unknown>, ctx: CaptureContext = alice): CaptureValidation =>
  validateCaptureRequest({ ...appleBuy, ...overrides }, ctx);

const without = (field: keyof typeof appleBuy): Record<string, string> => {
  const copy: Record<string, string> = { ...appleBuy };
  delete copy[field];
  return copy;
};

describe('validateCaptureRequest: valid trades', () => {
  it('books a US equity buy: gross = 1000 × 190.25, net = gross + commission, T+1 settlement', () => {
    const trade = accepted(validateCaptureRequest(appleBuy, alice));
    expect(trade.book).toBe('EQ-US-FLOW');
    expect(trade.trader).toBe('alice');
    expect(trade.side).toBe('BUY');
    expect(trade.instrument).toEqual({
      type: 'EQUITY',
      id: APPLE,
      isin: APPLE,
      currency: 'USD',
      settlementMarket: 'US',
      ccp: 'NSCC',
    });
    expect(trade.quantity.toFixed()).toBe('1000');
    expect(trade.price.toFixed()).toBe('190.25');
    expect(trade.settlementDate).toBe('2026-11-23');
    expect(trade.venueMic).toBe('XNAS');
    expect(trade.commission.toFixed(2)).toBe('12.50');
    expect(trade.economics.currency).toBe('USD');
    expect(trade.economics.grossAmount.toFixed(2)).toBe('190250.00');
    expect(trade.economics.netAmount.toFixed(2)).toBe('190262.50');
    expect(trade.economics.accruedInterest).toBeUndefined();
    expect(trade.economics.counterAmount).toBeUndefined();
  });

  it('a sell nets the commission off the gross, and commission defaults to 0', () => {
    const sell = accepted(capture({ side: 'SELL' }));
    expect(sell.economics.netAmount.toFixed(2)).toBe('190237.50');
    const noFee = accepted(validateCaptureRequest(without('commission'), alice));
    expect(noFee.commission.isZero()).toBe(true);
    expect(noFee.economics.netAmount.toFixed(2)).toBe('190250.00');
  });

  it('keeps a later requested settlement date and the external reference', () => {
    const trade = accepted(capture({ settlementDate: '2026-11-25', externalRef: 'OMS-4711/a' }));
    expect(trade.settlementDate).toBe('2026-11-25');
    expect(trade.externalRef).toBe('OMS-4711/a');
  });

  it('accepts a back-loaded trade on an earlier business day', () => {
    const trade = accepted(capture({ tradeDate: '2026-11-02' }));
    expect(trade.settlementDate).toBe('2026-11-03');
  });

  it('books a Treasury with accrued interest to the cent', () => {
    // 1,000,000 nominal of the 4.25% UST 15 Nov 2034 at 98.5, traded Fri 2026-11-20, T+1 → Mon 2026-11-23.
    // Last coupon 2026-11-15, next 2027-05-15: the period has 181 days, 8 of them accrued.
    // Coupon for the period = 1,000,000 × 4.25% / 2 = 21,250; accrued = 21,250 × 8 / 181 = 939.2265… → 939.23.
    // Principal = 1,000,000 × 98.5 / 100 = 985,000.00; gross = 985,939.23; a sell nets 25.00 off: 985,914.23.
    const trade = accepted(
      validateCaptureRequest(
        {
          book: 'RATES-US',
          side: 'SELL',
          instrumentId: UST_2034,
          quantity: '1000000',
          price: '98.5',
          counterpartyLei: DEUTSCHE_BANK,
          tradeDate: TODAY,
          commission: '25.00',
        },
        carol,
      ),
    );
    expect(trade.instrument.type).toBe('BOND');
    expect(trade.settlementDate).toBe('2026-11-23');
    expect(trade.economics.accruedInterest?.toFixed(2)).toBe('939.23');
    expect(trade.economics.grossAmount.toFixed(2)).toBe('985939.23');
    expect(trade.economics.netAmount.toFixed(2)).toBe('985914.23');
  });

  it('books EUR/USD spot: counter amount in USD, T+2', () => {
    // 1,000,000 EUR × 1.16425 = 1,164,250.00 USD; spot from Fri 20 is Tue 24 (Mon 23 and Tue 24 open).
    const trade = accepted(
      validateCaptureRequest(
        {
          book: 'FX-SPOT',
          side: 'BUY',
          instrumentId: 'EUR/USD',
          quantity: '1000000',
          price: '1.16425',
          counterpartyLei: DEUTSCHE_BANK,
          tradeDate: TODAY,
        },
        dave,
      ),
    );
    expect(trade.instrument).toEqual({
      type: 'FX_SPOT',
      id: 'EUR/USD',
      pair: 'EUR/USD',
      baseCurrency: 'EUR',
      quoteCurrency: 'USD',
      currency: 'USD',
    });
    expect(trade.settlementDate).toBe('2026-11-24');
    expect(trade.economics.currency).toBe('USD');
    expect(trade.economics.counterCurrency).toBe('USD');
    expect(trade.economics.counterAmount?.toFixed(2)).toBe('1164250.00');
    expect(trade.economics.grossAmount.toFixed(2)).toBe('1164250.00');
    expect(trade.economics.netAmount.toFixed(2)).toBe('1164250.00');
  });

  it('answers from the lookup it is given, not from the shipped data', () => {
    const shipped = shippedReferenceLookup.book('EQ-US-FLOW') as Book;
    const renamed: ReferenceLookup = {
      ...shippedReferenceLookup,
      book: (code) => (code === 'EQ-US-NEW' ? { ...shipped, bookCode: 'EQ-US-NEW' } : undefined),
    };
    const ctx = { ...alice, principal: { ...alice.principal, books: ['EQ-US-NEW', 'EQ-US-FLOW'] } };
    expect(accepted(capture({ book: 'EQ-US-NEW' }, { ...ctx, reference: renamed })).book).toBe('EQ-US-NEW');
    expect(rejection(capture({}, { ...ctx, reference: renamed }))).toEqual(['rule-broken', ['book']]);
  });
});

describe('validateCaptureRequest: bad input (every door)', () => {
  describe('malformed: shape', () => {
    it.each([
      ['an array', [appleBuy]],
      ['a string', '{"book":"EQ-US-FLOW"}'],
      ['null', null],
      ['a number', 42],
    ])('refuses %s as the body, naming the body', (_label, body) => {
      const result = validateCaptureRequest(body, alice);
      expect(rejection(result)).toEqual(['malformed', ['']]);
      expect(messages(result)[0]).toMatch(/must be a JSON object/);
    });

    it('rejects unknown fields rather than ignoring them', () => {
      const result = capture({ price2: '1', isAdmin: 'true' });
      expect(rejection(result)).toEqual(['malformed', ['price2', 'isAdmin']]);
      expect(messages(result)).toEqual(['price2 is not a known field', 'isAdmin is not a known field']);
    });

    it('refuses a JSON number for a decimal, saying decimals travel as strings', () => {
      const result = capture({ quantity: 1000 });
      expect(rejection(result)).toEqual(['malformed', ['quantity']]);
      expect(messages(result)[0]).toMatch(/quantity must be a string \(decimals travel as strings\)/);
    });

    it('refuses 1e309 sent as a JSON number (it parses to Infinity)', () => {
      const body: unknown = JSON.parse(JSON.stringify(appleBuy).replace('"1000"', '1e309'));
      expect(rejection(validateCaptureRequest(body, alice))).toEqual(['malformed', ['quantity']]);
    });

    it('refuses other wrong types and null, each by field', () => {
      expect(rejection(capture({ price: 190.25, side: true, venueMic: null, commission: ['1'] }))).toEqual([
        'malformed',
        ['side', 'price', 'venueMic', 'commission'],
      ]);
    });

    it('requires the required fields', () => {
      const result = validateCaptureRequest(without('counterpartyLei'), alice);
      expect(rejection(result)).toEqual(['malformed', ['counterpartyLei']]);
      expect(messages(result)).toEqual(['counterpartyLei is required']);
    });

    it('answers shape before authorisation: a malformed body for another book is still malformed', () => {
      expect(rejection(capture({ book: 'RATES-US', quantity: 5 }))).toEqual(['malformed', ['quantity']]);
    });
  });

  describe("forbidden: another trader's book", () => {
    it("forbids capture in a book that is not one of the trader's books", () => {
      const result = capture({ book: 'RATES-US' });
      expect(rejection(result)).toEqual(['forbidden', ['book']]);
      expect(messages(result)[0]).toMatch(/RATES-US is not one of your books/);
    });

    it('answers forbidden before business rules, so it reveals nothing else', () => {
      expect(rejection(capture({ book: 'EQ-UK-FLOW', quantity: '-1', instrumentId: 'XX' }))).toEqual([
        'forbidden',
        ['book'],
      ]);
    });

    it("forbids an empty book code: it is none of the trader's books", () => {
      expect(rejection(capture({ book: '' }))).toEqual(['forbidden', ['book']]);
    });

    it('forbids a role other than trader', () => {
      const risk = { ...alice, principal: { id: 'rita', role: 'risk', books: [] } };
      expect(rejection(capture({}, risk))).toEqual(['forbidden', ['']]);
    });

    it('tells the trader which books they may capture in', () => {
      expect(messages(capture({ book: 'EQ-UK-FLOW' }))).toEqual([
        'book EQ-UK-FLOW is not one of your books; you may capture only in EQ-US-FLOW, EQ-EU-FLOW',
      ]);
    });
  });

  it('says in one sentence, per kind, why the trade is refused', () => {
    const detail = (result: CaptureValidation) => (result.ok ? undefined : result.failure.detail);
    expect(detail(capture({ quantity: 5 }))).toBe('the request is malformed');
    expect(detail(capture({ book: 'RATES-US' }))).toBe('you may not book in this book');
    expect(detail(capture({ quantity: '0' }))).toBe('the trade breaks a rule; see errors');
  });

  describe('rule-broken: business rules', () => {
    it.each([
      ['negative quantity', { quantity: '-100' }, 'quantity', /must be greater than 0/],
      ['zero quantity', { quantity: '0' }, 'quantity', /must be greater than 0, got 0/],
      ['zero price', { price: '0' }, 'price', /must be greater than 0/],
      [
        'a price with 9 decimals',
        { price: '190.123456789' },
        'price',
        /has 9 decimals; a price allows at most 8/,
      ],
      ['a quantity with 7 decimals', { quantity: '1.1234567' }, 'quantity', /has 7 decimals/],
      ['fractional shares of Apple', { quantity: '10.5' }, 'quantity', /whole number of shares: AAPL/],
      ['1e309 as a string', { quantity: '1e309' }, 'quantity', /exponent/],
      ['an empty quantity', { quantity: '' }, 'quantity', /is empty/],
      ['an empty price', { price: '' }, 'price', /is empty/],
      ['a lower-case side', { side: 'buy' }, 'side', /must be BUY or SELL/],
      ['an empty instrument', { instrumentId: '' }, 'instrumentId', /must not be empty/],
      [
        'an ISIN with a bad check digit',
        { instrumentId: 'US0373831005' },
        'instrumentId',
        /check digit is 5, expected 9/,
      ],
      [
        'an unknown ISIN (valid check digit)',
        { instrumentId: 'US88160R1014' },
        'instrumentId',
        /not a known instrument/,
      ],
      ['an unknown FX pair', { instrumentId: 'EUR/SEK' }, 'instrumentId', /not a known FX pair/],
      [
        'a bond in an equity book',
        { instrumentId: UST_2034 },
        'instrumentId',
        /EQ-US-FLOW does not trade BOND/,
      ],
      [
        'an LEI with bad check digits',
        { counterpartyLei: '7LTWFZYICNSX8D621K87' },
        'counterpartyLei',
        /check digits/,
      ],
      [
        'an unknown LEI (valid check digits)',
        { counterpartyLei: 'HWUPKR0MPOU8FGXBT394' },
        'counterpartyLei',
        /not a known counterparty/,
      ],
      ['an empty LEI', { counterpartyLei: '' }, 'counterpartyLei', /LEI/],
      ['an unknown MIC', { venueMic: 'XXXX' }, 'venueMic', /not a known MIC/],
      ['a lower-case MIC', { venueMic: 'xnas' }, 'venueMic', /did you mean "XNAS"/],
      ['a venue of another market', { venueMic: 'XETR' }, 'venueMic', /not a venue of the US market/],
      [
        'commission beyond the cents of USD',
        { commission: '12.505' },
        'commission',
        /has 3 decimals; USD allows at most 2/,
      ],
      ['a negative commission', { commission: '-1.00' }, 'commission', /must not be negative/],
      ['an empty commission', { commission: '' }, 'commission', /is empty/],
      [
        'a trade date in the future',
        { tradeDate: '2026-11-23' },
        'tradeDate',
        /cannot be booked in the future/,
      ],
      [
        'a trade date on a holiday (Labor Day)',
        { tradeDate: '2026-09-07' },
        'tradeDate',
        /not a business day/,
      ],
      ['a trade date that is no date', { tradeDate: '2026-02-30' }, 'tradeDate', /./],
      ['an empty trade date', { tradeDate: '' }, 'tradeDate', /./],
      [
        'a settlement date on a Saturday',
        { settlementDate: '2026-11-28' },
        'settlementDate',
        /not a business day/,
      ],
      [
        'a settlement date before the default',
        { settlementDate: '2026-11-20' },
        'settlementDate',
        /before the default 2026-11-23/,
      ],
      ['an empty external reference', { externalRef: '' }, 'externalRef', /must not be empty/],
      [
        'an external reference of 65 characters',
        { externalRef: 'R'.repeat(65) },
        'externalRef',
        /at most 64/,
      ],
      [
        'a control character in the external reference',
        { externalRef: 'A\u0000B' },
        'externalRef',
        /printable/,
      ],
    ])('refuses %s, naming the field', (_label, overrides, field, message) => {
      const result = capture(overrides);
      expect(rejection(result)).toEqual(['rule-broken', [field]]);
      expect(messages(result)[0]).toMatch(message);
    });

    it('refuses a bond nominal that is not a multiple of the minimum increment', () => {
      const result = validateCaptureRequest(
        {
          ...appleBuy,
          book: 'RATES-US',
          instrumentId: UST_2034,
          quantity: '1050',
          price: '98.5',
          venueMic: undefined,
        },
        carol,
      );
      expect(rejection(result)).toEqual(['rule-broken', ['quantity']]);
      expect(messages(result)[0]).toMatch(/multiple of the minimum increment 100/);
    });

    it("refuses an FX amount beyond the base currency's minor units, and JPY commission decimals", () => {
      const fx = { book: 'FX-SPOT', side: 'SELL', counterpartyLei: DEUTSCHE_BANK, tradeDate: TODAY };
      const eur = validateCaptureRequest(
        { ...fx, instrumentId: 'EUR/USD', quantity: '1000.005', price: '1.1642' },
        dave,
      );
      expect(rejection(eur)).toEqual(['rule-broken', ['quantity']]);
      expect(messages(eur)[0]).toMatch(/EUR allows at most 2/);
      const usd = validateCaptureRequest(
        {
          ...fx,
          instrumentId: 'USD/JPY',
          quantity: '1000000.505' /* base USD: cents only */,
          price: '155.2',
          commission: '1500.5',
        },
        dave,
      );
      expect(rejection(usd)).toEqual(['rule-broken', ['quantity', 'commission']]);
      expect(messages(usd)[0]).toMatch(/USD allows at most 2/);
      expect(messages(usd)[1]).toMatch(/JPY has no minor units/);
    });

    it('refuses a bond settling after its maturity', () => {
      const result = validateCaptureRequest(
        {
          book: 'RATES-US',
          side: 'BUY',
          instrumentId: 'US594918BY93', // Microsoft 3.3% notes, maturing 2027-02-06
          quantity: '1000',
          price: '99',
          counterpartyLei: DEUTSCHE_BANK,
          tradeDate: TODAY,
          settlementDate: '2027-02-08',
        },
        carol,
      );
      expect(rejection(result)).toEqual(['rule-broken', ['settlementDate']]);
    });

    it('names the trade date when the default settlement date is past maturity (the trader gave no date)', () => {
      // Traded Fri 2027-02-05, the notes mature Sat 2027-02-06: T+1 is Mon 2027-02-08, after maturity.
      const result = validateCaptureRequest(
        {
          book: 'RATES-US',
          side: 'BUY',
          instrumentId: 'US594918BY93',
          quantity: '1000',
          price: '99',
          counterpartyLei: DEUTSCHE_BANK,
          tradeDate: '2027-02-05',
        },
        { ...carol, today: '2027-02-05' },
      );
      expect(rejection(result)).toEqual(['rule-broken', ['tradeDate']]);
      expect(messages(result)[0]).toMatch(
        /^settlement date 2027-02-08 \(the default for this trade date\) is outside the life of US594918BY93/,
      );
    });

    it('reports several errors at once, each by field', () => {
      const result = capture({
        side: 'HOLD',
        quantity: '0',
        price: '1.123456789',
        counterpartyLei: 'HWUPKR0MPOU8FGXBT394',
        venueMic: 'XXXX',
        commission: '1.001',
        tradeDate: '2026-11-21',
      });
      expect(rejection(result)).toEqual([
        'rule-broken',
        ['side', 'quantity', 'price', 'commission', 'counterpartyLei', 'venueMic', 'tradeDate', 'tradeDate'],
      ]);
    });

    it('still checks the other fields when the instrument is unknown', () => {
      const result = capture({
        instrumentId: 'US0373831005',
        quantity: '-5',
        tradeDate: '2027-01-04',
        settlementDate: 'soon',
      });
      expect(rejection(result)).toEqual([
        'rule-broken',
        ['instrumentId', 'quantity', 'tradeDate', 'settlementDate'],
      ]);
    });
  });
});

describe('validateCaptureRequest: amounts the trade event can carry', () => {
  // fo.trade.* events carry cash amounts as AMOUNT_PATTERN: at most 18 digits before the point, no sign.
  // The largest USD amount is therefore 999,999,999,999,999,999.99; 10^18 no longer fits.
  const fxBuy = {
    book: 'FX-SPOT',
    side: 'BUY',
    instrumentId: 'EUR/USD',
    counterpartyLei: DEUTSCHE_BANK,
    tradeDate: TODAY,
  };

  it('refuses an equity whose gross has 20 digits, naming the quantity', () => {
    // 1,000,000,000,000 shares × 10,000,000 = 10^19 USD.
    const result = capture({ quantity: '1000000000000', price: '10000000', commission: undefined });
    expect(rejection(result)).toEqual(['rule-broken', ['quantity']]);
    expect(messages(result)[0]).toBe(
      'quantity × price is 10000000000000000000.00 USD, 20 digits before the decimal point; an amount may have at most 18: book a smaller quantity',
    );
  });

  it('accepts the largest gross that fits, and refuses the next one after half-even rounding', () => {
    // 1 × 999,999,999,999,999,999.99499999 rounds down to …999.99; 1 × …999.995 is a tie after an odd
    // cent, so half-even rounds it up to 1,000,000,000,000,000,000.00: 19 digits.
    const largest = accepted(
      capture({ quantity: '1', price: '999999999999999999.99499999', commission: undefined }),
    );
    expect(largest.economics.grossAmount.toFixed(2)).toBe('999999999999999999.99');
    expect(largest.economics.netAmount.toFixed(2)).toBe('999999999999999999.99');
    const next = capture({ quantity: '1', price: '999999999999999999.995', commission: undefined });
    expect(rejection(next)).toEqual(['rule-broken', ['quantity']]);
    expect(messages(next)[0]).toMatch(/is 1000000000000000000\.00 USD, 19 digits .* at most 18/);
  });

  it('refuses a buy whose gross fits but whose net (gross + commission) does not', () => {
    // 999,999,999,999,999,999 × 1 = …999.00; + 0.99 = …999.99 fits, + 1.00 = 10^18 does not.
    const fits = accepted(capture({ quantity: '999999999999999999', price: '1', commission: '0.99' }));
    expect(fits.economics.netAmount.toFixed(2)).toBe('999999999999999999.99');
    const over = capture({ quantity: '999999999999999999', price: '1', commission: '1.00' });
    expect(rejection(over)).toEqual(['rule-broken', ['quantity']]);
    expect(messages(over)[0]).toMatch(/^quantity × price plus commission is 1000000000000000000\.00 USD/);
  });

  it('refuses an FX trade whose counter amount does not fit', () => {
    // 999,999,999,999,999,999.99 EUR × 1 = the same in USD: fits. × 1.00000001 adds 9,999,999,999.9999999999:
    // 1,000,000,009,999,999,999.99 USD, 19 digits.
    const fits = accepted(
      validateCaptureRequest({ ...fxBuy, quantity: '999999999999999999.99', price: '1' }, dave),
    );
    expect(fits.economics.counterAmount?.toFixed(2)).toBe('999999999999999999.99');
    const over = validateCaptureRequest(
      { ...fxBuy, quantity: '999999999999999999.99', price: '1.00000001' },
      dave,
    );
    expect(rejection(over)).toEqual(['rule-broken', ['quantity']]);
    expect(messages(over)[0]).toMatch(
      /^quantity × rate \(the USD amount\) is 1000000009999999999\.99 USD, 19 digits/,
    );
  });

  it('refuses a bond whose principal plus accrued does not fit', () => {
    // 10^17 nominal at 1000% of par is 10^18 principal, before the accrued interest.
    const result = validateCaptureRequest(
      {
        book: 'RATES-US',
        side: 'BUY',
        instrumentId: UST_2034,
        quantity: '100000000000000000',
        price: '1000',
        counterpartyLei: DEUTSCHE_BANK,
        tradeDate: TODAY,
      },
      carol,
    );
    expect(rejection(result)).toEqual(['rule-broken', ['quantity']]);
    expect(messages(result)[0]).toMatch(/^nominal × price \/ 100 plus accrued interest is 1\d{18}\.\d\d USD/);
  });

  it('reports an amount too large along with the other errors', () => {
    const result = capture({ quantity: '1000000000000', price: '10000000', externalRef: '' });
    expect(rejection(result)).toEqual(['rule-broken', ['externalRef', 'quantity']]);
  });

  it('refuses a sell whose commission exceeds the gross (the net would be negative)', () => {
    // 1 share × 1.00 = 1.00 gross; a commission of 1.00 nets to 0.00, one of 5.00 to -4.00.
    const zero = accepted(capture({ side: 'SELL', quantity: '1', price: '1', commission: '1.00' }));
    expect(zero.economics.netAmount.toFixed(2)).toBe('0.00');
    const negative = capture({ side: 'SELL', quantity: '1', price: '1', commission: '5.00' });
    expect(rejection(negative)).toEqual(['rule-broken', ['commission']]);
    expect(messages(negative)[0]).toBe(
      'commission 5.00 USD is more than the gross amount 1.00: the net amount of a sell cannot be negative',
    );
  });
});

describe('validateCaptureRequest: dates at the end of the calendar', () => {
  const equity = {};
  const fx = { book: 'FX-SPOT', instrumentId: 'EUR/USD', price: '1.16425', venueMic: undefined };
  const bond = { book: 'RATES-US', instrumentId: UST_2034, price: '98.5', venueMic: undefined };
  const everyone = {
    ...alice,
    principal: { ...alice.principal, books: ['EQ-US-FLOW', 'FX-SPOT', 'RATES-US'] },
  };

  it.each([
    ['an equity', equity],
    ['an FX pair', fx],
    ['a bond', bond],
  ])('a trade date of 9999-12-31 on %s is a trade date error, not a crash', (_label, instrument) => {
    for (const overrides of [
      { tradeDate: '9999-12-31' },
      { tradeDate: '9999-12-31', settlementDate: '9999-12-31' },
    ]) {
      const result = capture({ ...instrument, ...overrides }, everyone);
      expect(rejection(result)).toEqual(['rule-broken', ['tradeDate']]);
      expect(messages(result)[0]).toBe(
        'trade date 9999-12-31 is after today 2026-11-20: a trade cannot be booked in the future',
      );
    }
  });

  it('a settlement date late in 9999 is checked without a crash', () => {
    // Fri 9999-12-31 is a business day; Fri 9999-12-24 is Christmas observed (the 25th is a Saturday).
    expect(accepted(capture({ settlementDate: '9999-12-31' })).settlementDate).toBe('9999-12-31');
    const christmas = capture({ settlementDate: '9999-12-24' });
    expect(rejection(christmas)).toEqual(['rule-broken', ['settlementDate']]);
    expect(messages(christmas)[0]).toMatch(/Christmas Day \(observed\)/);
    // A bond cannot settle after its maturity (2034-11-15).
    expect(rejection(capture({ ...bond, settlementDate: '9999-12-31' }, everyone))).toEqual([
      'rule-broken',
      ['settlementDate'],
    ]);
  });

  it('on the last day of the calendar, a trade date with no settlement date left is a trade date error', () => {
    const lastDay = { ...everyone, today: '9999-12-31' };
    for (const instrument of [equity, fx, bond]) {
      const result = capture(
        { ...instrument, tradeDate: '9999-12-31', settlementDate: '9999-12-31' },
        lastDay,
      );
      expect(rejection(result)).toEqual(['rule-broken', ['tradeDate']]);
      expect(messages(result)[0]).toMatch(/^trade date 9999-12-31 has no settlement date \(T\+[12]/);
    }
  });

  it('a date in the year 0000 is a field error, not a crash', () => {
    expect(rejection(capture({ tradeDate: '0000-01-01' }))).toEqual(['rule-broken', ['tradeDate']]);
    expect(rejection(capture({ settlementDate: '0000-01-01' }))).toEqual(['rule-broken', ['settlementDate']]);
  });
});

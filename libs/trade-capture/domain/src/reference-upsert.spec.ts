import fc from 'fast-check';
import { CURRENCY_CODES } from '@tradeflow/shared/money';
import { isinCheckDigit, leiCheckDigits } from '@tradeflow/shared/reference';
import { validateBookUpsert } from './book-upsert';
import { validateCounterpartyUpsert } from './counterparty-upsert';
import { validateInstrumentUpsert } from './instrument-upsert';
import {
  bookFromReference,
  bookToReference,
  counterpartyFromReference,
  counterpartyToReference,
  instrumentFromReference,
  instrumentToReference,
  shippedReferenceRecords,
  type BookRecord,
  type CounterpartyRecord,
  type InstrumentRecord,
} from './reference-record';
import { type UpsertValidation } from './reference-upsert';

// Properties over random records built to the rules (the expected record is the generated input itself),
// and over arbitrary JSON, which must never make a validator throw.
const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const ALNUM = [...'0123456789', ...UPPER];
const chars = (alphabet: string[], minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const optionalOf = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A positive (or, with min 0, non-negative) decimal string with up to `maxScale` decimals. */
const decimal = (maxScale: number, min = 1n, max = 10n ** 15n) =>
  fc.tuple(fc.bigInt({ min, max }), fc.integer({ min: 0, max: maxScale })).map(([n, scale]) => {
    const digits = n.toString().padStart(scale + 1, '0');
    const cut = digits.length - scale;
    return scale ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
  });
const name = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
const currency = fc.constantFrom(...CURRENCY_CODES);
const isin = fc
  .tuple(chars(UPPER, 2, 2), chars(ALNUM, 9, 9))
  .map(([cc, nsin]) => `${cc}${nsin}${isinCheckDigit(cc + nsin)}`);
const day = (from: string, days: number): string =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// Listing venues with their market and the CCPs clearing it.
type Venue = readonly [mic: string, market: 'US' | 'EU' | 'UK', ccp: 'NSCC' | 'LCH'];
const VENUES: readonly Venue[] = [
  ...['XNYS', 'XNAS', 'ARCX', 'BATS', 'IEXG'].map((mic) => [mic, 'US', 'NSCC'] as const),
  ...['XETR', 'XFRA', 'XPAR', 'XAMS', 'XBRU', 'XMIL', 'XMAD'].map((mic) => [mic, 'EU', 'LCH'] as const),
  ['XLON', 'UK', 'LCH'],
];

const equity = fc
  .record({
    isin,
    ticker: optionalOf(chars([...ALNUM, '.'], 1, 12)),
    name,
    currency,
    venue: fc.constantFrom(...VENUES),
    cleared: fc.boolean(),
    minIncrement: decimal(6),
  })
  .filter((e) => e.ticker !== e.isin)
  .map(({ venue: [mic, market, ccp], cleared, ...e }): InstrumentRecord =>
    defined({
      type: 'EQUITY',
      instrumentId: e.isin,
      isin: e.isin,
      ticker: e.ticker,
      name: e.name,
      currency: e.currency,
      mic,
      ccp: cleared ? ccp : undefined,
      settlementMarket: market,
      minIncrement: e.minIncrement,
    }),
  );

const bond = fc
  .record({
    isin,
    name,
    currency,
    issuerType: fc.constantFrom('GOVERNMENT' as const, 'CORPORATE' as const),
    // Up to 100 % with up to 8 decimals: n / 10^scale ≤ 100.
    rate: fc
      .integer({ min: 0, max: 8 })
      .chain((scale) =>
        fc.bigInt({ min: 0n, max: 100n * 10n ** BigInt(scale) }).map((n) => [n, scale] as const),
      ),
    couponFrequency: fc.constantFrom(1 as const, 2 as const),
    dayCount: fc.constantFrom('ACT/ACT-ICMA' as const, '30/360' as const),
    issueOffset: fc.integer({ min: 0, max: 70 * 365 }),
    tenor: fc.integer({ min: 1, max: 50 * 365 }),
    dated: optionalOf(fc.integer({ min: 0, max: 10 })),
    minIncrement: decimal(2),
    settlementMarket: fc.constantFrom('US' as const, 'EU' as const, 'UK' as const),
  })
  .map(({ rate: [n, scale], issueOffset, tenor, dated, ...b }): InstrumentRecord => {
    const digits = n.toString().padStart(scale + 1, '0');
    const cut = digits.length - scale;
    const issueDate = day('1990-01-01', issueOffset);
    return defined({
      type: 'BOND',
      instrumentId: b.isin,
      ...b,
      couponRate: scale ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits,
      issueDate,
      maturityDate: day(issueDate, tenor),
      datedDate: dated === undefined ? undefined : day(issueDate, -dated),
    });
  });

const fxSpot = fc
  .record({ pair: fc.uniqueArray(currency, { minLength: 2, maxLength: 2 }), name })
  .map(({ pair: [base = '', quote = ''], name }): InstrumentRecord => ({
    type: 'FX_SPOT',
    instrumentId: `${base}/${quote}`,
    pair: `${base}/${quote}`,
    baseCurrency: base,
    currency: quote,
    name,
  }));

const counterparty = fc
  .record({
    prefix: chars(ALNUM, 18, 18),
    name,
    shortName: name,
    country: chars(UPPER, 2, 2),
    bic: optionalOf(fc.tuple(chars(UPPER, 6, 6), chars(ALNUM, 2, 2), optionalOf(chars(ALNUM, 3, 3)))),
    creditLimitUsd: decimal(2, 0n),
    active: fc.boolean(),
  })
  .map(({ prefix, bic, ...c }): CounterpartyRecord =>
    defined({ lei: prefix + leiCheckDigits(prefix), ...c, bic: bic ? bic.join('') : undefined }),
  );

const book = fc
  .record({
    code: fc.tuple(
      fc.tuple(chars(UPPER, 1, 1), chars(ALNUM, 0, 5)).map(([a, b]) => a + b),
      fc.array(chars(ALNUM, 1, 5), { maxLength: 3 }),
    ),
    name,
    traders: fc.uniqueArray(chars([...'abcdefghijklmnopqrstuvwxyz0123456789._@-'], 1, 20), { maxLength: 5 }),
    baseCurrency: currency,
    instrumentTypes: optionalOf(
      fc.subarray(['EQUITY' as const, 'BOND' as const, 'FX_SPOT' as const], { minLength: 1 }),
    ),
    maxTradeNotionalUsd: decimal(2),
    positionLimit: decimal(6),
  })
  .map(({ code: [head, rest], maxTradeNotionalUsd, positionLimit, ...b }): BookRecord =>
    defined({ book: [head, ...rest].join('-'), ...b, limits: { maxTradeNotionalUsd, positionLimit } }),
  );

const kindOf = (r: UpsertValidation<unknown>): string => (r.ok ? 'ok' : r.failure.kind);

describe('reference upserts: properties', () => {
  it('every generated instrument validates as itself, on create and on update, and round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(equity, bond, fxSpot), (r) => {
        expect(validateInstrumentUpsert(r, { mode: 'create' })).toEqual({ ok: true, record: r });
        const update = { mode: 'update', key: r.instrumentId, existing: r } as const;
        expect(validateInstrumentUpsert(r, update)).toEqual({ ok: true, record: r });
        expect(instrumentFromReference(instrumentToReference(r))).toEqual(r);
      }),
    );
  });

  it('every generated counterparty validates as itself and round-trips (as active)', () => {
    fc.assert(
      fc.property(counterparty, (r) => {
        expect(validateCounterpartyUpsert(r, { mode: 'create' })).toEqual({ ok: true, record: r });
        expect(counterpartyFromReference(counterpartyToReference(r))).toEqual({ ...r, active: true });
      }),
    );
  });

  it('every generated book validates as itself and round-trips (absent types meaning all three)', () => {
    fc.assert(
      fc.property(book, (r) => {
        expect(validateBookUpsert(r, { mode: 'create' })).toEqual({ ok: true, record: r });
        const all = ['EQUITY', 'BOND', 'FX_SPOT'];
        expect(bookFromReference(bookToReference(r))).toEqual({
          ...r,
          instrumentTypes: r.instrumentTypes ?? all,
        });
      }),
    );
  });

  it('never throws on arbitrary JSON: always ok, malformed or rule-broken, each error naming a field', () => {
    const json = fc.oneof(fc.anything(), fc.jsonValue());
    fc.assert(
      fc.property(json, fc.constantFrom('create' as const, 'update' as const), (body, mode) => {
        for (const result of [
          validateInstrumentUpsert(body, { mode, key: 'US0378331005' }),
          validateCounterpartyUpsert(body, { mode, key: '7LTWFZYICNSX8D621K86' }),
          validateBookUpsert(body, { mode, key: 'EQ-US-FLOW' }),
        ]) {
          expect(['ok', 'malformed', 'rule-broken']).toContain(kindOf(result));
          if (!result.ok) {
            expect(result.failure.errors.length).toBeGreaterThan(0);
            result.failure.errors.forEach((e) =>
              expect(typeof e.field === 'string' && e.message !== '').toBe(true),
            );
          }
        }
      }),
    );
  });

  it('never throws when one field of a shipped record is replaced by arbitrary JSON', () => {
    const shipped = shippedReferenceRecords();
    const mutated = <T extends object>(records: T[]) =>
      fc
        .tuple(fc.constantFrom(...records), fc.string({ maxLength: 20 }), fc.jsonValue())
        .chain(([r, extra, value]) =>
          fc.constantFrom(...Object.keys(r), extra).map((key) => ({ ...r, [key]: value })),
        );
    fc.assert(
      fc.property(mutated(shipped.instruments), (body) => {
        expect(['ok', 'malformed', 'rule-broken']).toContain(
          kindOf(validateInstrumentUpsert(body, { mode: 'create' })),
        );
      }),
    );
    fc.assert(
      fc.property(mutated(shipped.counterparties), (body) => {
        expect(['ok', 'malformed', 'rule-broken']).toContain(
          kindOf(validateCounterpartyUpsert(body, { mode: 'create' })),
        );
      }),
    );
    fc.assert(
      fc.property(mutated(shipped.books), (body) => {
        expect(['ok', 'malformed', 'rule-broken']).toContain(
          kindOf(validateBookUpsert(body, { mode: 'create' })),
        );
      }),
    );
  });
});

import { validateInstrumentUpsert } from './instrument-upsert';
import { type InstrumentRecord } from './reference-record';
import { type UpsertContext } from './reference-upsert';
import { apple, eurUsd, messages, rejection as fields, ust2033, without } from './upsert-spec.helpers';

// Expected values are written by hand. ISIN check digits: see the worked examples of the reference lib
// (US0373831005 has check digit 5 where 9 is expected).
const create: UpsertContext<InstrumentRecord> = { mode: 'create' };
const check = (base: object, changes: Record<string, unknown>, ctx = create) =>
  validateInstrumentUpsert({ ...base, ...changes }, ctx);

describe('validateInstrumentUpsert: rule-broken business rules', () => {
  it('refuses an ISIN with a bad check digit, naming the expected one', () => {
    const result = check(apple, { isin: 'US0373831005', instrumentId: 'US0373831005' });
    expect(fields(result)).toEqual(['rule-broken', ['isin']]);
    expect(messages(result)).toEqual(['isin ISIN check digit is 5, expected 9']);
  });

  it('keys a security by its ISIN', () => {
    expect(fields(check(apple, { instrumentId: 'US5949181045' }))).toEqual(['rule-broken', ['instrumentId']]);
  });

  it('refuses an unknown currency and an unknown MIC', () => {
    const result = check(apple, { currency: 'ABC', mic: 'XNYZ' });
    expect(fields(result)).toEqual(['rule-broken', ['currency', 'mic']]);
    expect(messages(result)).toEqual([
      'currency "ABC" is not a known ISO 4217 currency',
      'mic MIC "XNYZ" is not a known MIC of the reference set',
    ]);
  });

  it('refuses XOFF and venues settling outside US, EU and UK', () => {
    expect(fields(check(apple, { mic: 'XOFF' }))).toEqual(['rule-broken', ['mic']]);
    expect(messages(check(apple, { mic: 'XSWX', currency: 'CHF', ccp: undefined }))).toEqual([
      'mic XSWX (SIX Swiss Exchange) settles in the CH market, which is not settled here (US, EU, UK)',
    ]);
  });

  it('requires the settlement market of the MIC', () => {
    expect(messages(check(apple, { settlementMarket: 'EU', ccp: 'LCH' }))).toEqual([
      'settlementMarket EU does not match mic XNAS (Nasdaq - All Markets), which settles in the US market',
    ]);
  });

  it('requires a known CCP that clears the market', () => {
    expect(messages(check(apple, { ccp: 'EUREX' }))).toEqual(['ccp EUREX is not a known CCP']);
    expect(messages(check(apple, { ccp: 'LCH' }))).toEqual([
      'ccp LCH does not clear the US market (it clears EU, UK)',
    ]);
    const sap = { ...apple, instrumentId: 'DE0007164600', isin: 'DE0007164600', mic: 'XETR' };
    expect(check(sap, { currency: 'EUR', settlementMarket: 'EU', ccp: 'LCH' }).ok).toBe(true);
    expect(fields(check(sap, { currency: 'EUR', settlementMarket: 'EU', ccp: 'NSCC' }))).toEqual([
      'rule-broken',
      ['ccp'],
    ]);
  });

  it('reports every broken equity rule together', () => {
    const result = check(apple, { isin: 'US0373831005', currency: 'ABC', mic: 'XOFF', ccp: 'EUREX' });
    expect(fields(result)).toEqual(['rule-broken', ['isin', 'instrumentId', 'currency', 'mic', 'ccp']]);
  });

  it('refuses a coupon above 100 % and frequencies the bond maths do not support', () => {
    expect(messages(check(ust2033, { couponRate: '100.5' }))).toEqual(['couponRate 100.5 % is above 100 %']);
    for (const couponFrequency of [4, 12]) {
      const result = check(ust2033, { couponFrequency });
      expect(fields(result)).toEqual(['rule-broken', ['couponFrequency']]);
      expect(messages(result)[0]).toContain('handle only 1 (annual) or 2 (semi-annual)');
    }
  });

  it('requires maturity after issue, and a dated date on or before the issue', () => {
    expect(fields(check(ust2033, { maturityDate: '2023-02-15' }))).toEqual(['rule-broken', ['maturityDate']]);
    expect(fields(check(ust2033, { maturityDate: '2013-02-15' }))).toEqual(['rule-broken', ['maturityDate']]);
    expect(check(ust2033, { datedDate: '2023-02-15' }).ok).toBe(true);
    expect(messages(check(ust2033, { datedDate: '2023-02-16' }))).toEqual([
      'datedDate 2023-02-16 must not be after issueDate 2023-02-15: interest accrues from the dated date',
    ]);
  });

  it('reports every broken bond rule together', () => {
    const result = check(ust2033, {
      currency: 'ABC',
      couponRate: '101',
      couponFrequency: 4,
      maturityDate: '2020-01-01',
      datedDate: '2024-01-01',
    });
    expect(fields(result)).toEqual([
      'rule-broken',
      ['currency', 'couponRate', 'couponFrequency', 'maturityDate', 'datedDate'],
    ]);
  });

  it('checks an FX pair against its currencies and its id', () => {
    expect(fields(check(eurUsd, { pair: 'ABC/USD', instrumentId: 'ABC/USD', baseCurrency: 'ABC' }))).toEqual([
      'rule-broken',
      ['pair'],
    ]);
    expect(
      messages(check(eurUsd, { pair: 'USD/USD', instrumentId: 'USD/USD', baseCurrency: 'USD' })),
    ).toEqual(['pair USD/USD must name two different currencies']);
    expect(fields(check(eurUsd, { instrumentId: 'GBP/USD', baseCurrency: 'GBP', currency: 'EUR' }))).toEqual([
      'rule-broken',
      ['instrumentId', 'baseCurrency', 'currency'],
    ]);
  });
});

describe('validateInstrumentUpsert: update', () => {
  const update: UpsertContext<InstrumentRecord> = {
    mode: 'update',
    key: 'US0378331005',
    existing: apple as InstrumentRecord,
  };

  it('replaces the record when the key matches', () => {
    expect(check(apple, { name: 'Apple Inc. (renamed)' }, update)).toEqual({
      ok: true,
      record: { ...apple, name: 'Apple Inc. (renamed)' },
    });
  });

  it('refuses a body whose key differs from the path', () => {
    const result = check(apple, {}, { ...update, key: 'US5949181045' });
    expect(fields(result)).toEqual(['rule-broken', ['instrumentId']]);
    expect(messages(result)[0]).toBe(
      "instrumentId US0378331005 does not match US5949181045 of the path; a record's key cannot change",
    );
  });

  it('refuses a change of type', () => {
    const asBond = { ...ust2033, instrumentId: 'US0378331005', isin: 'US0378331005' };
    const result = validateInstrumentUpsert(asBond, update);
    expect(fields(result)).toEqual(['rule-broken', ['type']]);
    expect(messages(result)).toEqual([
      'type cannot change from EQUITY to BOND; create a new instrument instead',
    ]);
  });

  it('requires the same fields as a create', () => {
    expect(fields(validateInstrumentUpsert(without(apple, 'minIncrement'), update))).toEqual([
      'malformed',
      ['minIncrement'],
    ]);
  });
});

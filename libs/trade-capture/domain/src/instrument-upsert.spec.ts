import { validateInstrumentUpsert } from './instrument-upsert';
import { type InstrumentRecord } from './reference-record';
import { type UpsertContext } from './reference-upsert';
import { apple, eurUsd, messages, rejection as fields, ust2033, without } from './upsert-spec.helpers';

// Expected values are written by hand.
const create: UpsertContext<InstrumentRecord> = { mode: 'create' };
const check = (base: object, changes: Record<string, unknown>, ctx = create) =>
  validateInstrumentUpsert({ ...base, ...changes }, ctx);

describe('validateInstrumentUpsert: accepted bodies', () => {
  it('accepts an equity and answers the record', () => {
    expect(validateInstrumentUpsert(apple, create)).toEqual({ ok: true, record: apple });
  });

  it('accepts an equity without ticker and ccp (bilateral settlement)', () => {
    const body = without(apple, 'ticker', 'ccp');
    expect(validateInstrumentUpsert(body, create)).toEqual({ ok: true, record: body });
  });

  it('accepts a bond, with a zero or a 100 % coupon, and a dated date before the issue', () => {
    expect(validateInstrumentUpsert(ust2033, create)).toEqual({ ok: true, record: ust2033 });
    expect(check(ust2033, { couponRate: '0' }).ok).toBe(true);
    expect(check(ust2033, { couponRate: '100' }).ok).toBe(true);
    // A note issued Monday 2025-11-17 is dated Saturday 2025-11-15.
    expect(
      check(ust2033, { issueDate: '2025-11-17', datedDate: '2025-11-15', maturityDate: '2035-11-15' }).ok,
    ).toBe(true);
    expect(check(ust2033, { couponFrequency: 1, dayCount: '30/360', issuerType: 'CORPORATE' }).ok).toBe(true);
  });

  it('accepts FX pairs of two known currencies', () => {
    expect(validateInstrumentUpsert(eurUsd, create)).toEqual({ ok: true, record: eurUsd });
    const audNzd = {
      ...eurUsd,
      instrumentId: 'AUD/NZD',
      pair: 'AUD/NZD',
      baseCurrency: 'AUD',
      currency: 'NZD',
    };
    expect(validateInstrumentUpsert(audNzd, create).ok).toBe(true);
  });
});

describe('validateInstrumentUpsert: malformed shape', () => {
  it.each([null, [], 'EQUITY', 42])('refuses %j as a body', (body) => {
    expect(fields(validateInstrumentUpsert(body, create))).toEqual(['malformed', ['']]);
  });

  it('refuses a missing or unknown type, and only says so', () => {
    expect(fields(validateInstrumentUpsert(without(apple, 'type'), create))).toEqual(['malformed', ['type']]);
    expect(fields(check(apple, { type: 'OPTION', mic: 'x' }))).toEqual(['malformed', ['type']]);
    expect(fields(check(apple, { type: 1 }))).toEqual(['malformed', ['type']]);
    expect(messages(check(apple, { type: 'equity' }))).toEqual([
      'type must be one of EQUITY, BOND, FX_SPOT, got "equity"',
    ]);
  });

  it('refuses fields of another type and unknown fields', () => {
    expect(fields(check(apple, { couponRate: '4', isAdmin: true }))).toEqual([
      'malformed',
      ['couponRate', 'isAdmin'],
    ]);
    expect(messages(check(ust2033, { mic: 'XNYS' }))).toEqual(['mic is not a field of a BOND instrument']);
    expect(fields(check(eurUsd, { isin: 'US0378331005' }))).toEqual(['malformed', ['isin']]);
  });

  it('reports every missing field', () => {
    expect(fields(validateInstrumentUpsert({ type: 'FX_SPOT' }, create))).toEqual([
      'malformed',
      ['instrumentId', 'pair', 'baseCurrency', 'currency', 'name'],
    ]);
  });

  it('reports every malformed equity field together, in field order', () => {
    const result = check(apple, {
      isin: 'us0378331005',
      ticker: 'aapl',
      name: '',
      currency: 'usd',
      mic: 'XNASDAQ',
      ccp: 'nscc',
      settlementMarket: 'JP',
      minIncrement: 1,
    });
    expect(fields(result)).toEqual([
      'malformed',
      ['isin', 'ticker', 'name', 'currency', 'mic', 'ccp', 'settlementMarket', 'minIncrement'],
    ]);
    expect(messages(result)).toContain('name must not be empty');
    expect(messages(result)).toContain(
      'minIncrement must be a string (decimals travel as strings), got the number 1',
    );
  });

  it.each([
    ['0', 'minIncrement must be greater than 0, got 0'],
    ['-1', 'minIncrement must be greater than 0, got a negative value'],
    ['0.0000001', 'minIncrement has 7 decimals; a quantity allows at most 6'],
    ['1e3', 'minIncrement must not use exponent notation (such as 1e3); write the digits out'],
    [Infinity, 'minIncrement must be a string (decimals travel as strings), got the number Infinity'],
  ])('refuses minIncrement %p', (minIncrement, message) => {
    const result = check(apple, { minIncrement });
    expect(fields(result)).toEqual(['malformed', ['minIncrement']]);
    expect(messages(result)).toEqual([message]);
  });

  it('refuses the JSON number 1e309 (Infinity once parsed) as a coupon rate', () => {
    const body: unknown = JSON.parse(JSON.stringify(ust2033).replace('"3.5"', '1e309'));
    const result = validateInstrumentUpsert(body, create);
    expect(fields(result)).toEqual(['malformed', ['couponRate']]);
    expect(messages(result)).toEqual([
      'couponRate must be a string (decimals travel as strings), got the number Infinity',
    ]);
  });

  it.each([
    ['-1', 'couponRate must not be negative'],
    ['4.123456789', 'couponRate has 9 decimals; a percentage allows at most 8'],
    ['1000', 'couponRate has more than 3 digits before the decimal point'],
    ['04.25', 'couponRate must not have leading zeros'],
    ['', 'couponRate is empty'],
  ])('refuses couponRate %j', (couponRate, message) => {
    expect(messages(check(ust2033, { couponRate }))).toEqual([message]);
  });

  it.each([3, 2.5, '2', null, 0])('refuses couponFrequency %j', (couponFrequency) => {
    expect(fields(check(ust2033, { couponFrequency }))).toEqual(['malformed', ['couponFrequency']]);
  });

  it('refuses unknown enum values and dates that do not exist', () => {
    const result = check(ust2033, {
      issuerType: 'AGENCY',
      dayCount: 'ACT/360',
      issueDate: '2023-02-30',
      maturityDate: '15/02/2033',
      datedDate: '2023-2-15',
    });
    expect(fields(result)).toEqual([
      'malformed',
      ['issuerType', 'dayCount', 'issueDate', 'maturityDate', 'datedDate'],
    ]);
    expect(messages(result)[2]).toBe('issueDate must be a real date YYYY-MM-DD, got "2023-02-30"');
  });

  it('refuses malformed FX pairs', () => {
    expect(fields(check(eurUsd, { pair: 'eur/usd', instrumentId: 'EURUSD' }))).toEqual([
      'malformed',
      ['instrumentId', 'pair'],
    ]);
  });

  it('answers malformed before any rule-broken', () => {
    // The ISIN check digit is wrong too, but the shape errors come first and alone.
    expect(fields(check(apple, { isin: 'US0373831005', minIncrement: '0' }))).toEqual([
      'malformed',
      ['minIncrement'],
    ]);
  });
});

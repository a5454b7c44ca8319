import { validateCounterpartyUpsert } from './counterparty-upsert';
import { type CounterpartyRecord } from './reference-record';
import { type UpsertContext } from './reference-upsert';
import { messages, rejection as fields } from './upsert-spec.helpers';

// Real LEIs from GLEIF; 'HWUPKR0MPOU8FGXBT395' is Apple's LEI with its last digit changed (94 expected).
const create: UpsertContext<CounterpartyRecord> = { mode: 'create' };
const deutsche = {
  lei: '7LTWFZYICNSX8D621K86',
  name: 'Deutsche Bank AG',
  shortName: 'DB',
  country: 'DE',
  bic: 'DEUTDEFF',
  creditLimitUsd: '400000000',
  active: true,
};

const check = (changes: Record<string, unknown>, ctx = create) =>
  validateCounterpartyUpsert({ ...deutsche, ...changes }, ctx);

describe('validateCounterpartyUpsert', () => {
  it('accepts a counterparty and answers the record', () => {
    expect(validateCounterpartyUpsert(deutsche, create)).toEqual({ ok: true, record: deutsche });
  });

  it('accepts one without shortName and BIC, inactive, with a zero or a cents limit', () => {
    const minimal = {
      lei: 'HWUPKR0MPOU8FGXBT394',
      name: 'Apple Inc.',
      country: 'US',
      creditLimitUsd: '0',
      active: false,
    };
    expect(validateCounterpartyUpsert(minimal, create)).toEqual({ ok: true, record: minimal });
    expect(check({ creditLimitUsd: '1000000.50' }).ok).toBe(true);
  });

  it('accepts a branch BIC of another country than the legal seat, and an 11-character BIC', () => {
    expect(check({ country: 'GB', bic: 'DEUTGB2L' }).ok).toBe(true);
    expect(check({ bic: 'UBSWCHZH80A' }).ok).toBe(true);
  });

  it.each([null, [], 'DB', true])('refuses %j as a body', (body) => {
    expect(fields(validateCounterpartyUpsert(body, create))).toEqual(['malformed', ['']]);
  });

  it('reports every missing field and unknown field', () => {
    expect(fields(validateCounterpartyUpsert({ markets: ['US'] }, create))).toEqual([
      'malformed',
      ['markets', 'lei', 'name', 'country', 'creditLimitUsd', 'active'],
    ]);
  });

  it('reports every malformed field together, in field order', () => {
    const result = check({
      lei: '7ltwfzyicnsx8d621k86',
      name: '',
      shortName: '   ',
      country: 'DEU',
      bic: 'DEUTDEFF1',
      creditLimitUsd: 400000000,
      active: 'true',
    });
    expect(fields(result)).toEqual([
      'malformed',
      ['lei', 'name', 'shortName', 'country', 'bic', 'creditLimitUsd', 'active'],
    ]);
    expect(messages(result)).toEqual([
      'lei must be an LEI: 18 upper-case letters or digits and 2 check digits, got "7ltwfzyicnsx8d621k86"',
      'name must not be empty',
      'shortName must not be blank',
      'country must be an ISO 3166 alpha-2 country code such as GB, got "DEU"',
      'bic must be a BIC of 8 or 11 characters such as DEUTDEFF, got "DEUTDEFF1"',
      'creditLimitUsd must be a string (decimals travel as strings), got the number 400000000',
      'active must be true or false, got a string',
    ]);
  });

  it.each([
    ['1.005', 'creditLimitUsd has 3 decimals; USD allows at most 2'],
    ['-1', 'creditLimitUsd must not be negative'],
    ['1e9', 'creditLimitUsd must not use exponent notation (such as 1e3); write the digits out'],
    ['1 000', 'creditLimitUsd must not contain whitespace'],
    ['1234567890123456789', 'creditLimitUsd has 19 digits before the decimal point; at most 18 are allowed'],
  ])('refuses creditLimitUsd %j', (creditLimitUsd, message) => {
    const result = check({ creditLimitUsd });
    expect(fields(result)).toEqual(['malformed', ['creditLimitUsd']]);
    expect(messages(result)).toEqual([message]);
  });

  it('refuses names with control characters or over 500 characters', () => {
    expect(fields(check({ name: 'Deutsche\u0000Bank', shortName: 'x'.repeat(501) }))).toEqual([
      'malformed',
      ['name', 'shortName'],
    ]);
    expect(check({ name: 'é'.repeat(500) }).ok).toBe(true);
  });

  it('refuses an LEI whose check digits are wrong (rule-broken)', () => {
    const result = check({ lei: 'HWUPKR0MPOU8FGXBT395' });
    expect(fields(result)).toEqual(['rule-broken', ['lei']]);
    expect(messages(result)).toEqual(['lei LEI check digits are 95, expected 94']);
  });

  it('on update, refuses a body whose LEI is not the one of the path', () => {
    const update: UpsertContext<CounterpartyRecord> = {
      mode: 'update',
      key: '7LTWFZYICNSX8D621K86',
      existing: deutsche,
    };
    expect(check({ creditLimitUsd: '450000000' }, update)).toEqual({
      ok: true,
      record: { ...deutsche, creditLimitUsd: '450000000' },
    });
    expect(fields(check({ lei: 'HWUPKR0MPOU8FGXBT394' }, update))).toEqual(['rule-broken', ['lei']]);
    expect(fields(check({ lei: 'HWUPKR0MPOU8FGXBT395' }, update))).toEqual(['rule-broken', ['lei', 'lei']]);
  });
});

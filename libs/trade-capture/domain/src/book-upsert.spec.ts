import { validateBookUpsert } from './book-upsert';
import { type BookRecord } from './reference-record';
import { type UpsertContext } from './reference-upsert';
import { messages, rejection as fields } from './upsert-spec.helpers';

const create: UpsertContext<BookRecord> = { mode: 'create' };
const usFlow = {
  book: 'EQ-US-FLOW',
  name: 'US equities flow',
  traders: ['alice', 'erin'],
  baseCurrency: 'USD',
  instrumentTypes: ['EQUITY'],
  limits: { maxTradeNotionalUsd: '25000000', positionLimit: '500000' },
};

const check = (changes: Record<string, unknown>, ctx = create) =>
  validateBookUpsert({ ...usFlow, ...changes }, ctx);
const limits = (changes: Record<string, unknown>) => check({ limits: { ...usFlow.limits, ...changes } });

describe('validateBookUpsert', () => {
  it('accepts a book and answers the record', () => {
    expect(validateBookUpsert(usFlow, create)).toEqual({ ok: true, record: usFlow });
  });

  it('accepts a book without instrumentTypes (all types) and without traders yet', () => {
    const { instrumentTypes: _, ...open } = usFlow;
    expect(validateBookUpsert({ ...open, traders: [] }, create)).toEqual({
      ok: true,
      record: { ...open, traders: [] },
    });
    expect(check({ book: 'X', instrumentTypes: ['FX_SPOT', 'BOND', 'EQUITY'] }).ok).toBe(true);
  });

  it.each([null, [], 'EQ-US-FLOW'])('refuses %j as a body', (body) => {
    expect(fields(validateBookUpsert(body, create))).toEqual(['malformed', ['']]);
  });

  it.each(['eq-us-flow', 'EQ--US', 'EQ-US-', '-EQ', '1EQ', 'EQ US', 'EQ_US', 'E'.repeat(65), ''])(
    'refuses book code %j',
    (book) => {
      expect(fields(check({ book }))).toEqual(['malformed', ['book']]);
    },
  );

  it('names nested fields with dots and array items with indexes', () => {
    const result = check({
      traders: ['alice', '', 'bo b', 7, 'alice'],
      instrumentTypes: ['EQUITY', 'SWAP', 'EQUITY'],
      limits: { maxTradeNotionalUsd: 25000000, positionLimit: '0', extra: '1' },
    });
    expect(fields(result)).toEqual([
      'malformed',
      [
        'traders[1]',
        'traders[2]',
        'traders[3]',
        'traders[4]',
        'instrumentTypes[1]',
        'instrumentTypes[2]',
        'limits.extra',
        'limits.maxTradeNotionalUsd',
        'limits.positionLimit',
      ],
    ]);
    expect(messages(result)).toEqual([
      'traders[1] must not be empty',
      'traders[2] must be a trader id of 1 to 64 characters without spaces, got "bo b"',
      'traders[3] must be a string, got the number 7',
      'traders[4] repeats traders[0] ("alice")',
      'instrumentTypes[1] must be one of EQUITY, BOND, FX_SPOT, got "SWAP"',
      'instrumentTypes[2] repeats instrumentTypes[0] ("EQUITY")',
      'limits.extra is not a field of the limits',
      'limits.maxTradeNotionalUsd must be a string (decimals travel as strings), got the number 25000000',
      'limits.positionLimit must be greater than 0, got 0',
    ]);
  });

  it('reports every missing and malformed top-level field together', () => {
    const result = validateBookUpsert(
      { name: '', traders: 'alice', baseCurrency: 'usd', instrumentTypes: [], limits: 'none' },
      create,
    );
    expect(fields(result)).toEqual([
      'malformed',
      ['book', 'name', 'traders', 'baseCurrency', 'instrumentTypes', 'limits'],
    ]);
    expect(messages(result)).toContain(
      'instrumentTypes must not be empty: leave the field out to allow every instrument type',
    );
    expect(messages(result)).toContain('limits must be a JSON object, got a string');
  });

  it('reports missing limits', () => {
    expect(fields(check({ limits: {} }))).toEqual([
      'malformed',
      ['limits.maxTradeNotionalUsd', 'limits.positionLimit'],
    ]);
  });

  it.each([
    [{ maxTradeNotionalUsd: '1.001' }, 'limits.maxTradeNotionalUsd has 3 decimals; USD allows at most 2'],
    [{ maxTradeNotionalUsd: '-5' }, 'limits.maxTradeNotionalUsd must not be negative'],
    [{ positionLimit: '0.0000001' }, 'limits.positionLimit has 7 decimals; a quantity allows at most 6'],
    [
      { positionLimit: '1e6' },
      'limits.positionLimit must not use exponent notation (such as 1e3); write the digits out',
    ],
  ])('refuses limits %j', (change, message) => {
    expect(messages(limits(change))).toEqual([message]);
  });

  it('refuses a zero notional limit and an unknown currency (rule-broken), together', () => {
    const result = check({ baseCurrency: 'ABC', limits: { maxTradeNotionalUsd: '0', positionLimit: '1' } });
    expect(fields(result)).toEqual(['rule-broken', ['baseCurrency', 'limits.maxTradeNotionalUsd']]);
    expect(messages(result)).toEqual([
      'baseCurrency "ABC" is not a known ISO 4217 currency',
      'limits.maxTradeNotionalUsd must be greater than 0: a zero limit would refuse every trade',
    ]);
  });

  it('on update, refuses a body whose book code is not the one of the path', () => {
    const update: UpsertContext<BookRecord> = {
      mode: 'update',
      key: 'EQ-US-FLOW',
      existing: usFlow as BookRecord,
    };
    expect(check({ traders: ['alice'] }, update)).toEqual({
      ok: true,
      record: { ...usFlow, traders: ['alice'] },
    });
    const result = check({ book: 'EQ-EU-FLOW' }, update);
    expect(fields(result)).toEqual(['rule-broken', ['book']]);
    expect(messages(result)).toEqual([
      "book EQ-EU-FLOW does not match EQ-US-FLOW of the path; a record's key cannot change",
    ]);
  });

  it('answers a fresh record, not the body itself', () => {
    const body = structuredClone(usFlow);
    const result = validateBookUpsert(body, create);
    if (!result.ok) throw new Error('expected ok');
    body.traders.push('mallory');
    body.limits.positionLimit = '1';
    expect(result.record.traders).toEqual(['alice', 'erin']);
    expect(result.record.limits.positionLimit).toBe('500000');
  });
});

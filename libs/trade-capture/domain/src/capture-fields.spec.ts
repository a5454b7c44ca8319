import {
  AMENDABLE_CAPTURE_FIELDS,
  checkAmendPatch,
  checkCancelBody,
  OPTIONAL_CAPTURE_FIELDS,
  REQUIRED_CAPTURE_FIELDS,
} from './capture-fields';

describe('the capture fields table', () => {
  it('requires the booking’s identity and economics; the rest is optional', () => {
    expect(REQUIRED_CAPTURE_FIELDS).toEqual([
      'book',
      'side',
      'instrumentId',
      'quantity',
      'price',
      'counterpartyLei',
      'tradeDate',
    ]);
    expect(OPTIONAL_CAPTURE_FIELDS).toEqual(['settlementDate', 'venueMic', 'commission', 'externalRef']);
  });

  it('lets an amendment change everything but the book and the instrument', () => {
    expect(AMENDABLE_CAPTURE_FIELDS).toEqual([
      'side',
      'quantity',
      'price',
      'counterpartyLei',
      'tradeDate',
      'settlementDate',
      'venueMic',
      'commission',
      'externalRef',
    ]);
  });
});

describe('checkAmendPatch', () => {
  it('takes an object of amendable fields, whatever their values (they are checked with the trade)', () => {
    expect(checkAmendPatch({ quantity: '1500', price: 190.1 })).toEqual({
      ok: true,
      patch: { quantity: '1500', price: 190.1 },
    });
    expect(checkAmendPatch({})).toEqual({ ok: true, patch: {} });
  });

  it.each([
    ['null', null],
    ['an array', [{ quantity: '1' }]],
    ['a string', 'quantity=1'],
  ])('refuses %s as the body', (_label, body) => {
    expect(checkAmendPatch(body)).toEqual({
      ok: false,
      failure: {
        kind: 'malformed',
        errors: [{ field: '', message: 'must be a JSON object' }],
        detail: 'the body must be a JSON object of the fields to change',
      },
    });
  });

  it('names every field that cannot be amended, and says what can', () => {
    expect(checkAmendPatch({ book: 'EQ-EU-FLOW', quantity: '1', instrumentId: 'US0378331005' })).toEqual({
      ok: false,
      failure: {
        kind: 'malformed',
        errors: [
          { field: 'book', message: 'cannot be amended (cancel and book again instead)' },
          { field: 'instrumentId', message: 'cannot be amended (cancel and book again instead)' },
        ],
        detail:
          'only side, quantity, price, counterpartyLei, tradeDate, settlementDate, venueMic, commission, externalRef can be amended',
      },
    });
  });
});

describe('checkCancelBody', () => {
  const refusal = (fields: string[]) => ({
    ok: false,
    failure: {
      kind: 'malformed',
      errors: fields.map((field) =>
        field === 'reason'
          ? { field, message: 'must be 1 to 500 characters' }
          : { field, message: 'is not a known field' },
      ),
      detail: 'the body may carry only a reason (1 to 500 characters)',
    },
  });

  it.each([
    ['no body', undefined],
    ['null', null],
    ['{}', {}],
  ])('gives the default reason for %s', (_l, body) => {
    expect(checkCancelBody(body)).toEqual({ ok: true, reason: 'cancelled by the trader' });
  });

  it('takes a reason of 1 to 500 characters, counted as the event schema counts them (code points)', () => {
    expect(checkCancelBody({ reason: 'booked in error' })).toEqual({ ok: true, reason: 'booked in error' });
    // 500 emoji are 1,000 UTF-16 units but 500 characters.
    expect(checkCancelBody({ reason: '😀'.repeat(500) }).ok).toBe(true);
    expect(checkCancelBody({ reason: '😀'.repeat(501) })).toEqual(refusal(['reason']));
  });

  it('refuses a blank reason, another field, and a body that is not an object (an empty array too)', () => {
    expect(checkCancelBody({ reason: ' \t\u00a0' })).toEqual(refusal(['reason']));
    expect(checkCancelBody({ reason: 'x', why: 'y' })).toEqual(refusal(['why']));
    expect(checkCancelBody({ why: 'y' })).toEqual(refusal(['why', 'reason']));
    expect(checkCancelBody([])).toEqual(refusal(['', 'reason']));
    expect(checkCancelBody('booked in error')).toEqual(refusal(['', 'reason']));
  });
});

import { failed } from './domain-failure';

describe('failed', () => {
  it('carries the kind, every field error and the sentence', () => {
    expect(
      failed('rule-broken', [{ field: 'price', message: 'must be above 0' }], 'the trade breaks a rule'),
    ).toEqual({
      ok: false,
      failure: {
        kind: 'rule-broken',
        errors: [{ field: 'price', message: 'must be above 0' }],
        detail: 'the trade breaks a rule',
      },
    });
  });

  it('leaves the sentence out when none is given, so the API layer says its default', () => {
    expect(failed('malformed', [{ field: '', message: 'must be a JSON object' }]).failure).toEqual({
      kind: 'malformed',
      errors: [{ field: '', message: 'must be a JSON object' }],
    });
  });
});

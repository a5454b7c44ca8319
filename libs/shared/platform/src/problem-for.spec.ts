import { problemFor } from './problem-for';

describe('problemFor', () => {
  it.each([
    ['malformed', 400],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['rule-broken', 422],
  ] as const)('answers a %s failure with %i', (kind, status) => {
    expect(problemFor({ kind, errors: [] }).getStatus()).toBe(status);
  });

  it('keeps every field error and the failure sentence', () => {
    const problem = problemFor({
      kind: 'rule-broken',
      errors: [
        { field: 'price', message: 'must be above 0' },
        { field: 'tradeDate', message: 'is not a business day' },
      ],
      detail: 'the trade breaks a rule',
    });
    expect(problem.getResponse()).toEqual({
      detail: 'the trade breaks a rule',
      errors: [
        { field: 'price', message: 'must be above 0' },
        { field: 'tradeDate', message: 'is not a business day' },
      ],
      title: undefined,
    });
  });

  it("prefers the caller's sentence, and has one per kind when neither gives it", () => {
    expect(
      (problemFor({ kind: 'forbidden', errors: [] }, 'not your book').getResponse() as { detail: string })
        .detail,
    ).toBe('not your book');
    expect((problemFor({ kind: 'not-found', errors: [] }).getResponse() as { detail: string }).detail).toBe(
      'not found',
    );
  });
});

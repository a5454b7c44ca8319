import { type ProblemException } from '@tradeflow/shared/platform';
import { readIfMatch, requestHash } from './request-preconditions';

const statusOf = (f: () => unknown): number => {
  try {
    f();
  } catch (error) {
    return (error as ProblemException).getStatus();
  }
  throw new Error('accepted');
};

describe('readIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    [' "12" ', 12],
  ])('reads %s as version %d', (header, version) => {
    expect(readIfMatch(header, true)).toBe(version);
  });

  it('is 428 when required and missing, nothing when optional and missing', () => {
    expect(statusOf(() => readIfMatch(undefined, true))).toBe(428);
    expect(readIfMatch(undefined, false)).toBeUndefined();
  });

  it.each(['"abc"', '*', '"1", "2"', ''])('is 400 for %j, which is not a version ETag', (header) => {
    expect(statusOf(() => readIfMatch(header, false))).toBe(400);
  });
});

describe('requestHash', () => {
  it('is the same for the same body whatever the key order, and differs for another body', () => {
    expect(requestHash({ a: 1, b: { c: '2', d: [1, 2] } })).toBe(
      requestHash({ b: { d: [1, 2], c: '2' }, a: 1 }),
    );
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});

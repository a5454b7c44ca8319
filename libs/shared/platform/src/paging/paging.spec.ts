import fc from 'fast-check';
import { ProblemException } from '../problem-details.filter';
import { textKeyCursor } from './keyset-cursor';
import { pageOf, readPaging } from './paging';

const refs = textKeyCursor('refs.v1');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The problem thrown by reading this query, or a failed expectation if none was. */
function problemOf(query: Record<string, unknown>): ProblemException {
  try {
    readPaging(query, refs);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return error as ProblemException;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

const LIMIT_PROBLEM = {
  detail: 'the query is not valid; see errors',
  errors: [{ field: 'limit', message: 'must be a whole number from 1 to 1000' }],
  title: undefined,
};
const CURSOR_PROBLEM = {
  detail: 'the query is not valid; see errors',
  errors: [{ field: 'cursor', message: 'is not a cursor from a previous page of this list' }],
  title: undefined,
};

describe('readPaging', () => {
  it('defaults to the first page of 100', () => {
    expect(readPaging({}, refs)).toEqual({ limit: 100, after: undefined });
  });

  it.each([
    ['1', 1],
    ['1000', 1000],
    ['37', 37],
  ])('accepts limit %s', (limit, expected) => {
    expect(readPaging({ limit }, refs).limit).toBe(expected);
  });

  it.each([['0'], ['1001'], ['12abc'], ['-1'], [''], ['1.5'], [' 12'], ['99999'], [['1', '2']], [12]])(
    'answers limit %p with the one 400 problem naming limit',
    (limit) => {
      const problem = problemOf({ limit });
      expect(problem.getStatus()).toBe(400);
      expect(problem.getResponse()).toEqual(LIMIT_PROBLEM);
    },
  );

  it('reads back the cursor of a previous page', () => {
    expect(readPaging({ cursor: b64('["refs.v1","GB0002634946"]'), limit: '5' }, refs)).toEqual({
      limit: 5,
      after: 'GB0002634946',
    });
  });

  it.each([
    ['azoA (a NUL once decoded)', 'azoA'],
    ['a tampered cursor', b64('["refs.v1","GB0002634946"]').replace(/^./, 'X')],
    ['a cursor of another version', b64('["refs.v2","GB0002634946"]')],
    ['a repeated cursor', [b64('["refs.v1","A"]'), b64('["refs.v1","B"]')]],
    ['an empty cursor', ''],
  ])('answers %s with the one 400 problem naming cursor', (_, cursor) => {
    const problem = problemOf({ cursor });
    expect(problem.getStatus()).toBe(400);
    expect(problem.getResponse()).toEqual(CURSOR_PROBLEM);
  });

  it('names both a bad limit and a bad cursor in one problem', () => {
    expect(problemOf({ limit: '0', cursor: 'azoA' }).getResponse()).toEqual({
      ...LIMIT_PROBLEM,
      errors: [...LIMIT_PROBLEM.errors, ...CURSOR_PROBLEM.errors],
    });
  });

  it('adds its errors to the list’s own instead of throwing when given them', () => {
    const errors = [{ field: 'book', message: 'is not known' }];
    expect(readPaging({ limit: '0', cursor: 'azoA' }, refs, errors)).toEqual({
      limit: 100,
      after: undefined,
    });
    expect(errors.map((e) => e.field)).toEqual(['book', 'limit', 'cursor']);
  });

  it('answers any text as a cursor with a page request or the 400 naming cursor, nothing else', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.base64String().map((s) => s.replace(/\+/g, '-').replace(/\//g, '_')),
      fc
        .array(fc.oneof(fc.constant('refs.v1'), fc.string({ unit: 'binary' })), { maxLength: 3 })
        .map((a) => b64(JSON.stringify(a))),
      fc.jsonValue().map((v) => b64(JSON.stringify(v) ?? '')),
    );
    fc.assert(
      fc.property(text, (cursor) => {
        let request;
        try {
          request = readPaging({ cursor }, refs);
        } catch (error) {
          expect(error).toBeInstanceOf(ProblemException);
          expect((error as ProblemException).getResponse()).toEqual(CURSOR_PROBLEM);
          return;
        }
        expect(refs.encode(request.after!)).toBe(cursor);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pageOf', () => {
  const rows = [{ key: 'A' }, { key: 'B' }, { key: 'C' }];

  it('keeps `limit` rows and points the next page after the last one kept', () => {
    const page = pageOf(rows, 2, refs, (r) => r.key);
    expect(page).toEqual({ items: rows.slice(0, 2), nextCursor: b64('["refs.v1","B"]') });
    expect(readPaging({ cursor: page.nextCursor }, refs).after).toBe('B');
  });

  it('has no next page when the rows fit', () => {
    expect(pageOf(rows, 3, refs, (r) => r.key)).toEqual({ items: rows, nextCursor: null });
    expect(pageOf([], 3, refs, (r: { key: string }) => r.key)).toEqual({ items: [], nextCursor: null });
  });
});

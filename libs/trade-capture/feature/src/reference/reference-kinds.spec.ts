import { ProblemException } from '@tradeflow/shared/platform';
import { kindOf } from './reference-kinds';

describe('kindOf', () => {
  it('reads the three kinds from their paths', () => {
    expect(['instruments', 'counterparties', 'books'].map(kindOf)).toEqual([
      'instrument',
      'counterparty',
      'book',
    ]);
  });

  // `constructor` found Object's own constructor in a plain object, and POST /api/reference/constructor
  // answered 500 (found by e2e/fuzz.e2e-spec.ts).
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'desks', ''])(
    'answers %j as no such reference data (404)',
    (path) => {
      let thrown: unknown;
      try {
        kindOf(path);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProblemException);
      expect((thrown as ProblemException).getStatus()).toBe(404);
    },
  );
});

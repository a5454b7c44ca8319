import fc from 'fast-check';
import { canBook, canSee, visibleBooks, type TradeAccessPrincipal } from './trade-access.policy';

const alice: TradeAccessPrincipal = { role: 'trader', books: ['EQ-US-FLOW', 'EQ-EU-FLOW'] };
const nobody: TradeAccessPrincipal = { role: 'trader', books: [] };
const others: TradeAccessPrincipal[] = ['risk', 'ops', 'auditor'].map((role) => ({ role, books: [] }));

describe('trade access policy', () => {
  it('shows a trader the trades of their own books only', () => {
    expect(canSee(alice, 'EQ-US-FLOW')).toBe(true);
    expect(canSee(alice, 'EQ-EU-FLOW')).toBe(true);
    expect(canSee(alice, 'EQ-UK-FLOW')).toBe(false);
    expect(canSee(alice, '')).toBe(false);
    expect(canSee(alice, 'eq-us-flow')).toBe(false); // book codes are exact
    expect(canSee(nobody, 'EQ-US-FLOW')).toBe(false);
  });

  it('shows risk, operations and auditors every book', () => {
    for (const principal of others) {
      expect(canSee(principal, 'EQ-UK-FLOW')).toBe(true);
      expect(visibleBooks(principal)).toBeUndefined();
    }
  });

  it('hides a change of no known book from traders, and shows it to those who see every book', () => {
    expect(canSee(alice, null)).toBe(false);
    expect(canSee(alice, undefined)).toBe(false);
    expect(canSee(others[0]!, null)).toBe(true);
  });

  it('names a trader’s books for filters, and no filter for other roles', () => {
    expect(visibleBooks(alice)).toEqual(['EQ-US-FLOW', 'EQ-EU-FLOW']);
    expect(visibleBooks(nobody)).toEqual([]);
  });

  it('lets a trader book in their own books only, and leaves which roles may book to the door', () => {
    expect(canBook(alice, 'EQ-US-FLOW')).toBe(true);
    expect(canBook(alice, 'RATES-US')).toBe(false);
    expect(canBook(alice, '')).toBe(false);
    expect(canBook(nobody, 'EQ-US-FLOW')).toBe(false);
    expect(canBook(others[0]!, 'RATES-US')).toBe(true);
  });

  describe('properties', () => {
    const book = fc.constantFrom('EQ-US-FLOW', 'EQ-EU-FLOW', 'EQ-UK-FLOW', 'RATES-US', 'FX-SPOT', '');
    const books = fc.uniqueArray(book, { maxLength: 5 });

    it('a trader sees, and may book in, a book exactly when it is in their token’s books', () => {
      fc.assert(
        fc.property(books, book, (held, wanted) => {
          const trader = { role: 'trader', books: held };
          const holds = held.some((b) => b === wanted);
          expect(canSee(trader, wanted)).toBe(holds);
          expect(canBook(trader, wanted)).toBe(holds);
          expect(visibleBooks(trader)).toEqual(held);
        }),
      );
    });

    it('any other role sees every book, whatever books its token carries', () => {
      fc.assert(
        fc.property(fc.constantFrom('risk', 'ops', 'auditor', 'admin'), books, book, (role, held, wanted) => {
          expect(canSee({ role, books: held }, wanted)).toBe(true);
          expect(visibleBooks({ role, books: held })).toBeUndefined();
        }),
      );
    });

    it('agrees with its own filter: a book is seen exactly when the filter lets it through', () => {
      fc.assert(
        fc.property(fc.constantFrom('trader', 'risk'), books, book, (role, held, wanted) => {
          const principal = { role, books: held };
          const filter = visibleBooks(principal);
          expect(canSee(principal, wanted)).toBe(filter === undefined || filter.some((b) => b === wanted));
        }),
      );
    });
  });
});

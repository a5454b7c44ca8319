import { offences, productionSources, readSource, withoutComments, type Shape } from './source-scan';

// "A trader sees and acts only on their own books" has one home: the trade access policy of
// trade-capture's domain. Every door asks it (canSee, canBook, visibleBooks); none reads the token's
// books itself. This test fails when the rule is written anywhere else in apps/ or libs/.
const POLICY = 'libs/trade-capture/domain/src/trade-access.policy.ts';

/** How the rule looks when it is written out: each pattern with what it means. */
const RULE_SHAPES: readonly Shape[] = [
  // Not `.has(`: the reference data keeps its books in a Map, and a Map knows books, not who sees them.
  { pattern: /\bbooks\??\.(?:includes|indexOf|lastIndexOf)\(/, what: 'a membership test on a books list' },
  {
    pattern: /\b(?:principal|user|caller|claims|token|me)\??\.books\b/,
    what: "a read of the caller's books claim",
  },
  {
    pattern: /\brole\s*[!=]==?\s*['"`]trader['"`].*\.books\b|\.books\b.*\brole\s*[!=]==?\s*['"`]trader['"`]/,
    what: 'a books filter chosen by the trader role',
  },
];

/** The lines of `source` that write the book-visibility rule out, comments aside. */
function bookVisibilityRules(source: string) {
  return offences(withoutComments(source), RULE_SHAPES);
}

describe('book visibility has one home', () => {
  const files = productionSources();

  it('is written in the trade access policy and nowhere else in apps/ or libs/', () => {
    const elsewhere = files
      .filter((file) => file !== POLICY)
      .flatMap((file) =>
        bookVisibilityRules(readSource(file)).map((r) => `${file}:${r.line} ${r.what}: ${r.text}`),
      );
    expect(elsewhere).toEqual([]);
  });

  it('scans the doors that ask the policy, and finds the rule in the policy itself', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        POLICY,
        'libs/trade-capture/domain/src/capture-request.ts',
        'libs/trade-capture/feature/src/trading/capture-trade.service.ts',
        'libs/trade-capture/feature/src/trading/query-trades.service.ts',
        'libs/trade-capture/feature/src/timeline/status-feed.service.ts',
      ]),
    );
    expect(bookVisibilityRules(readSource(POLICY)).length).toBeGreaterThan(0);
  });

  // The ways the rule was written out before it had a home: each must be caught.
  it.each([
    ["if (!found || (principal.role === 'trader' && !principal.books.includes(found.book))) {"],
    ['if (!found || !principal.books.includes(found.book))'],
    ["if (principal.role === 'trader') filter.books = principal.books;"],
    ["const books = user.role === 'trader' ? user.books : undefined;"],
    [
      'const visible = (c: { book: string | null }) => !books || (c.book !== null && books.includes(c.book));',
    ],
    ["principal.books.join(', ') || 'none'"],
    ['const mine = caller?.books ?? [];'],
    ['if (allowed.books.indexOf(trade.book) < 0) throw notFound();'],
  ])('catches the rule written out: %s', (snippet) => {
    expect(bookVisibilityRules(`const x = 1;\n${snippet}\n`)).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it.each([
    ['if (!found || !canSee(principal, found.book)) {'],
    ['const books = visibleBooks(principal);\nif (books) filter.books = books;'],
    ["if (filter.books) add('t.book = ANY(?::text[])', filter.books);"],
    ['book: (code) => this.books.get(code),'],
    ['if (!this.books.has(code)) return undefined;'],
    ['const BOOKS_BY_CODE = indexBy(REFERENCE_DATA.books, (b) => b.bookCode);'],
    ["if (values.role === 'trader' && books.length === 0) {"],
    ["// a trader sees only principal.books: books.includes(book) is the policy's"],
    ['/* user.books.includes(x) */ const url = "https://example.com//principal.books";'],
  ])('leaves the policy’s callers and other books alone: %s', (snippet) => {
    expect(bookVisibilityRules(snippet)).toEqual([]);
  });
});

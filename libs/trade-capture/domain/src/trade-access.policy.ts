// Who may see and act on which book's trades: the one home of the rule. Every door (capture, read,
// amend, cancel, list, timeline, live stream) asks here rather than reading the token's books itself.

/** The caller as the policy needs them: a role, and the token's `books` claim (empty but for traders). */
export interface TradeAccessPrincipal {
  readonly role: string;
  readonly books: readonly string[];
}

/**
 * The books whose trades the caller may see, or `undefined` for every book: traders see their own
 * books only; risk, operations and auditors see the whole bank. For SQL filters and the live stream.
 */
export function visibleBooks(principal: TradeAccessPrincipal): readonly string[] | undefined {
  return principal.role === 'trader' ? principal.books : undefined;
}

/**
 * Whether the caller may see a trade of `book` (and so act on it, where their role may act at all).
 * A trade they may not see is answered as not found, never as forbidden: its existence is a secret.
 * A change with no known book is shown to those who see every book only.
 */
export function canSee(principal: TradeAccessPrincipal, book: string | null | undefined): boolean {
  const books = visibleBooks(principal);
  return books === undefined || (book != null && books.includes(book));
}

/**
 * Whether the caller may book a trade in `book`. Traders book in their own books only (refused as
 * forbidden: the book code is no secret, its trades are). Which roles may book at all is decided at the
 * door (the controllers' roles), not here.
 */
export function canBook(principal: TradeAccessPrincipal, book: string): boolean {
  // A trader books in exactly the books they see; other roles are not limited by book.
  return canSee(principal, book);
}

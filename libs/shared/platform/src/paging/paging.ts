import { ProblemException, type ProblemFieldError } from '../problem-details.filter';
import type { KeysetCursor } from './keyset-cursor';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** The one wording of a bad `limit` or `cursor`, on every list of every service. */
export const PAGING_ERRORS = {
  limit: { field: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` },
  cursor: { field: 'cursor', message: 'is not a cursor from a previous page of this list' },
} as const satisfies Record<string, ProblemFieldError>;

export interface PageRequest<K> {
  limit: number;
  /** The key of the previous page's last row; `undefined` for the first page. */
  after: K | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The 400 problem for a query with bad parameters, paging or the list's own filters. */
export function invalidQuery(errors: ProblemFieldError[]): ProblemException {
  return new ProblemException(400, 'the query is not valid; see errors', errors);
}

/**
 * `limit` (1 to 1000, default 100) and `cursor` from a query. A bad one is added to `errors` when given (the
 * list reports it with its own filters' errors), else thrown at once as `invalidQuery`.
 */
export function readPaging<K>(
  query: Record<string, unknown>,
  cursor: KeysetCursor<K>,
  errors?: ProblemFieldError[],
): PageRequest<K> {
  const found: ProblemFieldError[] = [];
  const request: PageRequest<K> = { limit: DEFAULT_LIMIT, after: undefined };
  const limit = query['limit'];
  if (limit !== undefined) {
    // A repeated parameter arrives as an array: refused like any other bad value.
    if (typeof limit === 'string' && /^\d{1,4}$/.test(limit) && +limit >= 1 && +limit <= MAX_LIMIT) {
      request.limit = Number(limit);
    } else found.push({ ...PAGING_ERRORS.limit });
  }
  if (query['cursor'] !== undefined) {
    request.after = cursor.decode(query['cursor']);
    if (request.after === undefined) found.push({ ...PAGING_ERRORS.cursor });
  }
  if (found.length > 0 && !errors) throw invalidQuery(found);
  errors?.push(...found);
  return request;
}

/**
 * A page from up to `limit + 1` rows in key order: the extra row only says there is a next page, which
 * starts after the last row kept.
 */
export function pageOf<T, K>(
  rows: readonly T[],
  limit: number,
  cursor: KeysetCursor<K>,
  keyOf: (row: T) => K,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? cursor.encode(keyOf(last)) : null,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { TradePayload } from '@tradeflow/shared/contracts';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import {
  DEFAULT_LIMIT,
  invalidQuery,
  readPaging,
  TRANSACTION_RUNNER,
  type Page,
  type ProblemFieldError,
} from '@tradeflow/shared/platform';
import { TRADE_STATUSES } from '@tradeflow/shared/trading';
import { TradeRepository, type TradeFilter } from '@tradeflow/trade-capture/data-access';
import { isRealDate, visibleBooks } from '@tradeflow/trade-capture/domain';
import { TRADE_CURSOR } from './trade-cursor';

export type TradePage = Page<TradePayload>;

const QUERY_FIELDS = [
  'book',
  'status',
  'instrumentId',
  'counterpartyLei',
  'tradeDateFrom',
  'tradeDateTo',
  'cursor',
  'limit',
];

/** GET /api/trades: filters, newest first, an opaque cursor; traders see their books only. */
@Injectable()
export class QueryTradesService {
  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly trades: TradeRepository,
  ) {}

  async list(query: Record<string, unknown>, principal: Principal): Promise<TradePage> {
    const filter = parseQuery(query);
    const books = visibleBooks(principal);
    if (books) filter.books = books;
    const page = await this.trades.list(this.runner, filter);
    return { items: page.items, nextCursor: page.next ? TRADE_CURSOR.encode(page.next) : null };
  }
}

function parseQuery(query: Record<string, unknown>): TradeFilter {
  const errors: ProblemFieldError[] = [];
  const text = (name: string, max = 64): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length === 0 || value.length > max) {
      errors.push({ field: name, message: `must be given once, 1 to ${max} characters` });
      return undefined;
    }
    // Control characters match nothing stored, and PostgreSQL refuses a NUL outright.
    if (/\p{Cc}/u.test(value)) {
      errors.push({ field: name, message: 'must not contain control characters' });
      return undefined;
    }
    return value;
  };
  for (const name of Object.keys(query)) {
    if (!QUERY_FIELDS.includes(name)) errors.push({ field: name, message: 'is not a known filter' });
  }
  const filter: TradeFilter = { limit: DEFAULT_LIMIT };
  const set = <K extends keyof TradeFilter>(key: K, value: TradeFilter[K] | undefined) => {
    if (value !== undefined) filter[key] = value;
  };
  set('book', text('book'));
  const status = text('status');
  if (status !== undefined && !(TRADE_STATUSES as readonly string[]).includes(status)) {
    errors.push({ field: 'status', message: `must be one of ${TRADE_STATUSES.join(', ')}` });
  } else set('status', status);
  set('instrumentId', text('instrumentId'));
  set('counterpartyLei', text('counterpartyLei'));
  for (const name of ['tradeDateFrom', 'tradeDateTo'] as const) {
    const value = text(name);
    if (value !== undefined && !isRealDate(value)) {
      errors.push({ field: name, message: 'must be a real date YYYY-MM-DD, year 0001 to 9999' });
    } else set(name, value);
  }
  const paging = readPaging(query, TRADE_CURSOR, errors);
  filter.limit = paging.limit;
  set('after', paging.after);
  if (errors.length > 0) throw invalidQuery(errors);
  return filter;
}

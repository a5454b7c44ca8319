import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { TradePayload } from '@tradeflow/shared/contracts';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { ProblemException, TRANSACTION_RUNNER, type ProblemFieldError } from '@tradeflow/shared/platform';
import { TRADE_STATUSES } from '@tradeflow/shared/trading';
import { TradeRepository, type TradeCursor, type TradeFilter } from '@tradeflow/trade-capture/data-access';
import { isRealDate, parseTradeId } from '@tradeflow/trade-capture/domain';

export interface TradePage {
  items: TradePayload[];
  nextCursor: string | null;
}

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
/** A cursor's instant, exactly as the repository's `to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` writes it. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/** GET /api/trades: filters of api.md, newest first, an opaque cursor; traders see their books only. */
@Injectable()
export class QueryTradesService {
  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly trades: TradeRepository,
  ) {}

  async list(query: Record<string, unknown>, principal: Principal): Promise<TradePage> {
    const filter = parseQuery(query);
    if (principal.role === 'trader') filter.books = principal.books;
    const page = await this.trades.list(this.runner, filter);
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
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
  const filter: TradeFilter = { limit: 100 };
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
  const limit = text('limit');
  if (limit !== undefined) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000) {
      errors.push({ field: 'limit', message: 'must be an integer from 1 to 1000' });
    } else filter.limit = Number(limit);
  }
  const cursor = text('cursor', 256);
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    if (!after) errors.push({ field: 'cursor', message: 'is not a cursor this API gave out' });
    else filter.after = after;
  }
  if (errors.length > 0) throw new ProblemException(400, 'the query is not valid; see errors', errors);
  return filter;
}

function encodeCursor(cursor: TradeCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.tradeId])).toString('base64url');
}

/**
 * The cursor `encodeCursor` gave out, or `undefined`: every part is range-checked here, so nothing that would
 * fail PostgreSQL's `::timestamptz` cast (hour 99, month 13, 30 February) gets past the 400.
 */
function decodeCursor(text: string): TradeCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined; // not base64url JSON
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [createdAt, tradeId] = value as unknown[];
  if (typeof createdAt !== 'string' || typeof tradeId !== 'string') return undefined;
  const instant = INSTANT.exec(createdAt);
  if (!instant || !isRealDate(instant[1]!)) return undefined;
  const [hour, minute, second] = [Number(instant[2]), Number(instant[3]), Number(instant[4])];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (!parseTradeId(tradeId)) return undefined;
  const cursor = { createdAt, tradeId };
  // Only the one spelling the API gives out: base64url decoding skips stray characters and padding.
  return encodeCursor(cursor) === text ? cursor : undefined;
}

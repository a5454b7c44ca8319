import { Dec } from '@tradeflow/shared/money';
import type { TradePayload } from '@tradeflow/shared/contracts';
import type { Tx } from '@tradeflow/shared/persistence';
import type Decimal from 'decimal.js';

/** A trade as stored: the current version of it. Amounts are Decimals, dates `YYYY-MM-DD`. */
export interface TradeRow {
  tradeId: string;
  version: number;
  status: string;
  book: string;
  trader: string;
  side: 'BUY' | 'SELL';
  instrumentId: string;
  instrumentType: 'EQUITY' | 'BOND' | 'FX_SPOT';
  quantity: Decimal;
  price: Decimal;
  currency: string;
  counterpartyLei: string;
  tradeDate: string;
  settlementDate: string;
  venueMic: string | null;
  commission: Decimal;
  externalRef: string | null;
  grossAmount: Decimal;
  accruedInterest: Decimal | null;
  netAmount: Decimal;
  counterAmount: Decimal | null;
  counterCurrency: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

const COLUMNS = [
  ['trade_id', 'tradeId'],
  ['version', 'version'],
  ['status', 'status'],
  ['book', 'book'],
  ['trader', 'trader'],
  ['side', 'side'],
  ['instrument_id', 'instrumentId'],
  ['instrument_type', 'instrumentType'],
  ['quantity', 'quantity'],
  ['price', 'price'],
  ['currency', 'currency'],
  ['counterparty_lei', 'counterpartyLei'],
  ['trade_date', 'tradeDate'],
  ['settlement_date', 'settlementDate'],
  ['venue_mic', 'venueMic'],
  ['commission', 'commission'],
  ['external_ref', 'externalRef'],
  ['gross_amount', 'grossAmount'],
  ['accrued_interest', 'accruedInterest'],
  ['net_amount', 'netAmount'],
  ['counter_amount', 'counterAmount'],
  ['counter_currency', 'counterCurrency'],
  ['created_at', 'createdAt'],
  ['created_by', 'createdBy'],
  ['updated_at', 'updatedAt'],
  ['updated_by', 'updatedBy'],
] as const satisfies readonly (readonly [string, keyof TradeRow])[];

const DECIMALS = new Set<keyof TradeRow>([
  'quantity',
  'price',
  'commission',
  'grossAmount',
  'accruedInterest',
  'netAmount',
  'counterAmount',
]);

// Dates and instants as text, NUMERIC as text: nothing passes through a JavaScript Date or number.
const SELECT = COLUMNS.map(([column, field]) => {
  if (column === 'trade_date' || column === 'settlement_date')
    return `to_char(${column}, 'YYYY-MM-DD') AS "${field}"`;
  if (column === 'created_at' || column === 'updated_at') {
    return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${field}"`;
  }
  return DECIMALS.has(field) ? `${column}::text AS "${field}"` : `${column} AS "${field}"`;
}).join(', ');

export interface TradeCursor {
  createdAt: string;
  tradeId: string;
}

export interface TradeFilter {
  /** The books the caller may see (traders); undefined for roles that see every book. */
  books?: readonly string[];
  book?: string;
  status?: string;
  instrumentId?: string;
  counterpartyLei?: string;
  tradeDateFrom?: string;
  tradeDateTo?: string;
  after?: TradeCursor;
  limit: number;
}

export class TradeRepository {
  /** The next `count` numbers for trade ids; a sequence, so ids are unique across instances. */
  async reserveNumbers(q: Pick<Tx, 'query'>, count: number): Promise<bigint[]> {
    const { rows } = await q.query<{ n: string }>(
      `SELECT nextval('trade_id_seq')::text AS n FROM generate_series(1, $1::int)`,
      [count],
    );
    return rows.map((r) => BigInt(r.n));
  }

  async insert(tx: Tx, trade: TradeRow): Promise<void> {
    const values = COLUMNS.map(([, field]) => toParam(trade[field]));
    await tx.query(
      `INSERT INTO trade (${TRADE_COLUMNS}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  }

  async findById(tx: Pick<Tx, 'query'>, tradeId: string): Promise<TradeRow | undefined> {
    const { rows } = await tx.query<Record<string, unknown>>(
      `SELECT ${SELECT} FROM trade WHERE trade_id = $1`,
      [tradeId],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** The current version as published, with the trade's current status (which later events move). */
  async findPublished(
    tx: Pick<Tx, 'query'>,
    tradeId: string,
  ): Promise<{ book: string; payload: TradePayload } | undefined> {
    const { rows } = await tx.query<{ book: string; status: string; payload: TradePayload }>(
      `SELECT t.book, t.status, v.payload FROM trade t
       JOIN trade_version v ON v.trade_id = t.trade_id AND v.version = t.version WHERE t.trade_id = $1`,
      [tradeId],
    );
    const row = rows[0];
    return row
      ? { book: row.book, payload: { ...row.payload, status: row.status as TradePayload['status'] } }
      : undefined;
  }

  /**
   * The current version, locked until the transaction ends: amendments and cancels queue behind it.
   * Two statements: one that waited for the lock sees the row as the other transaction left it, but a
   * join in the same statement would still read versions from before the wait, and miss the new one.
   */
  async lockPublished(tx: Tx, tradeId: string): Promise<{ book: string; payload: TradePayload } | undefined> {
    const locked = await tx.query<{ book: string; status: string; version: number }>(
      'SELECT book, status, version FROM trade WHERE trade_id = $1 FOR UPDATE',
      [tradeId],
    );
    const head = locked.rows[0];
    if (!head) return undefined;
    const { rows } = await tx.query<{ payload: TradePayload }>(
      'SELECT payload FROM trade_version WHERE trade_id = $1 AND version = $2',
      [tradeId, head.version],
    );
    const version = rows[0];
    if (!version) throw new Error(`trade ${tradeId} has no stored version ${head.version}`);
    return {
      book: head.book,
      payload: { ...version.payload, status: head.status as TradePayload['status'] },
    };
  }

  /** Newest first, keyset-paginated on (created_at, trade_id): stable under concurrent inserts. */
  async list(
    tx: Pick<Tx, 'query'>,
    filter: TradeFilter,
  ): Promise<{ items: TradePayload[]; next: TradeCursor | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.books) add('t.book = ANY(?::text[])', filter.books);
    if (filter.book) add('t.book = ?', filter.book);
    if (filter.status) add('t.status = ?', filter.status);
    if (filter.instrumentId) add('t.instrument_id = ?', filter.instrumentId);
    if (filter.counterpartyLei) add('t.counterparty_lei = ?', filter.counterpartyLei);
    if (filter.tradeDateFrom) add('t.trade_date >= ?::date', filter.tradeDateFrom);
    if (filter.tradeDateTo) add('t.trade_date <= ?::date', filter.tradeDateTo);
    if (filter.after) {
      params.push(filter.after.createdAt, filter.after.tradeId);
      where.push(`(t.created_at, t.trade_id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(filter.limit + 1);
    const { rows } = await tx.query<{ status: string; payload: TradePayload; created_at: string }>(
      `SELECT t.status, v.payload, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
       FROM trade t JOIN trade_version v ON v.trade_id = t.trade_id AND v.version = t.version
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY t.created_at DESC, t.trade_id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...r.payload, status: r.status as TradePayload['status'] })),
      next:
        rows.length > filter.limit && last
          ? { createdAt: last.created_at, tradeId: last.payload.tradeId }
          : null,
    };
  }

  async count(tx: Pick<Tx, 'query'>): Promise<number> {
    const { rows } = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM trade');
    return Number(rows[0]!.n);
  }
}

/** The row as jsonb_populate_recordset(NULL::trade, ...) reads it: column names, amounts as strings. */
export function tradeJson(trade: TradeRow): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [column, field] of COLUMNS) json[column] = toParam(trade[field]);
  return json;
}

/** The columns of a new trade, for INSERTs that name them. */
export const TRADE_COLUMNS = COLUMNS.map(([column]) => column).join(', ');

function toParam(value: unknown): unknown {
  return value instanceof Dec || (value !== null && typeof value === 'object' && 'toFixed' in value)
    ? (value as Decimal).toFixed()
    : value;
}

function fromRow(row: Record<string, unknown>): TradeRow {
  const trade = { ...row } as Record<string, unknown>;
  for (const field of DECIMALS) trade[field] = row[field] === null ? null : new Dec(row[field] as string);
  return trade as unknown as TradeRow;
}

/** The stored row of a trade version as published (the contract is the source, the row its index). */
export function tradeRowFromPayload(payload: TradePayload, at: string, by: string): TradeRow {
  const dec = (v: string | undefined) => (v === undefined ? null : new Dec(v));
  return {
    tradeId: payload.tradeId,
    version: payload.version,
    status: payload.status,
    book: payload.book,
    trader: payload.trader,
    side: payload.side,
    instrumentId: payload.instrumentId,
    instrumentType: payload.instrumentType,
    quantity: new Dec(payload.quantity),
    price: new Dec(payload.price),
    currency: payload.currency,
    counterpartyLei: payload.counterpartyLei,
    tradeDate: payload.tradeDate,
    settlementDate: payload.settlementDate,
    venueMic: payload.venueMic ?? null,
    commission: new Dec(payload.commission ?? '0'),
    externalRef: payload.externalRef ?? null,
    grossAmount: new Dec(payload.grossAmount),
    accruedInterest: dec(payload.accruedInterest),
    netAmount: new Dec(payload.netAmount),
    counterAmount: dec(payload.counterAmount),
    counterCurrency: payload.counterCurrency ?? null,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
}

import { Dec } from '@tradeflow/shared/money';
import { EMPTY_POSITION, applyFill, type FillSide, type Position } from './position';

/** One version of a trade, as far as positions are concerned. */
export interface TradeVersion {
  readonly tradeId: string;
  /** 1 at capture, +1 per amendment. */
  readonly version: number;
  readonly book: string;
  readonly instrumentId: string;
  readonly side: FillSide;
  readonly quantity: Dec;
  readonly price: Dec;
  /** `YYYY-MM-DD`; with the trade id, the order in which a position's trades are applied. */
  readonly tradeDate: string;
}

/** What trade-capture says happened to a trade. */
export type TradeEvent =
  | { readonly kind: 'captured' | 'amended'; readonly trade: TradeVersion }
  | { readonly kind: 'cancelled'; readonly tradeId: string; readonly version: number };

/** What is known of one trade: its current version, or that it was cancelled (at which version). */
export type TradeEntry =
  | { readonly state: 'live'; readonly trade: TradeVersion }
  | { readonly state: 'cancelled'; readonly version: number };

/** Every trade seen, by trade id: the state positions are derived from. */
export type TradeBook = ReadonlyMap<string, TradeEntry>;

export const EMPTY_TRADE_BOOK: TradeBook = new Map();

/**
 * The trade book after an event. Per trade, the entry kept is the greatest seen, where a cancellation
 * beats every version (cancelling is final) and otherwise the higher version wins. That is a maximum, so
 * applying events is idempotent (an event twice is once), commutative (any arrival order gives the same
 * book) and an older version arriving late changes nothing. The book given is not modified.
 */
export function applyTradeEvent(book: TradeBook, event: TradeEvent): TradeBook {
  const tradeId = event.kind === 'cancelled' ? event.tradeId : event.trade.tradeId;
  const incoming: TradeEntry =
    event.kind === 'cancelled'
      ? { state: 'cancelled', version: event.version }
      : { state: 'live', trade: event.trade };
  const current = book.get(tradeId);
  if (current !== undefined && !supersedes(incoming, current)) return book;
  const next = new Map(book);
  next.set(tradeId, incoming);
  return next;
}

function supersedes(incoming: TradeEntry, current: TradeEntry): boolean {
  if (current.state === 'cancelled') {
    return incoming.state === 'cancelled' && incoming.version > current.version;
  }
  if (incoming.state === 'cancelled') return true;
  return incoming.trade.version > current.trade.version;
}

/** The trades' current versions (cancelled trades left out). */
export function liveTrades(book: TradeBook): TradeVersion[] {
  const live: TradeVersion[] = [];
  for (const entry of book.values()) if (entry.state === 'live') live.push(entry.trade);
  return live;
}

/**
 * Canonical order of a position's trades: trade date, then trade id (a shorter id first, so that
 * `T-…-1000000` follows `T-…-999999`). Realised P&L under average cost depends on the order of fills, so
 * the order is fixed by the trades themselves, never by the order their events arrived in.
 */
export function compareTrades(a: TradeVersion, b: TradeVersion): number {
  if (a.tradeDate !== b.tradeDate) return a.tradeDate < b.tradeDate ? -1 : 1;
  if (a.tradeId.length !== b.tradeId.length) return a.tradeId.length - b.tradeId.length;
  return a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0;
}

/** The position of a set of trade versions (one book and instrument), folded in canonical order. */
export function positionOf(trades: Iterable<TradeVersion>): Position {
  return [...trades].sort(compareTrades).reduce(applyFill, EMPTY_POSITION);
}

/**
 * One book and instrument's position, from the trades' current versions (flat and empty when it has none).
 * For the position after a trade version (the book position limit), apply its event first.
 */
export function positionFor(trades: TradeBook, book: string, instrumentId: string): Position {
  return positionOf(liveTrades(trades).filter((t) => t.book === book && t.instrumentId === instrumentId));
}

/** A position with the book and instrument it belongs to. */
export interface BookPosition {
  readonly book: string;
  readonly instrumentId: string;
  readonly position: Position;
}

/** The key of a book and instrument's position in `positionsOf`'s map. */
export function positionKey(book: string, instrumentId: string): string {
  return JSON.stringify([book, instrumentId]);
}

/**
 * Every book and instrument's position, recomputed from the trades' current versions. A book and
 * instrument whose trades were all cancelled has no entry: nothing is left behind.
 */
export function positionsOf(book: TradeBook): Map<string, BookPosition> {
  const groups = new Map<string, TradeVersion[]>();
  for (const trade of liveTrades(book)) {
    const key = positionKey(trade.book, trade.instrumentId);
    const group = groups.get(key);
    if (group) group.push(trade);
    else groups.set(key, [trade]);
  }
  const positions = new Map<string, BookPosition>();
  for (const [key, trades] of groups) {
    const [first] = trades;
    if (first === undefined) continue;
    positions.set(key, { book: first.book, instrumentId: first.instrumentId, position: positionOf(trades) });
  }
  return positions;
}

/** The fields of a trade event's payload (`fo.trade.captured|amended.v1`) that positions read. */
export interface TradeVersionFields {
  readonly tradeId: string;
  readonly version: number;
  readonly book: string;
  readonly instrumentId: string;
  readonly side: FillSide;
  /** A decimal string, as on the wire. */
  readonly quantity: string;
  /** A decimal string, as on the wire. */
  readonly price: string;
  readonly tradeDate: string;
}

/** The trade version of an (already validated) event payload: decimal strings become `Dec`s. */
export function tradeVersionOf(fields: TradeVersionFields): TradeVersion {
  return {
    tradeId: fields.tradeId,
    version: fields.version,
    book: fields.book,
    instrumentId: fields.instrumentId,
    side: fields.side,
    quantity: new Dec(fields.quantity),
    price: new Dec(fields.price),
    tradeDate: fields.tradeDate,
  };
}

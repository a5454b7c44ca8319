import { Dec } from '@tradeflow/shared/money';
import fc from 'fast-check';
import { averageCost, type FillSide, type Position } from './position';
import {
  EMPTY_TRADE_BOOK,
  applyTradeEvent,
  compareTrades,
  positionKey,
  positionFor,
  positionOf,
  positionsOf,
  tradeVersionOf,
  type TradeBook,
  type TradeEvent,
  type TradeVersion,
} from './trade-versions';

function trade(
  tradeId: string,
  version: number,
  side: FillSide,
  quantity: string,
  price: string,
  more: Partial<Pick<TradeVersion, 'book' | 'instrumentId' | 'tradeDate'>> = {},
): TradeVersion {
  return {
    tradeId,
    version,
    book: 'EQ-LDN-1',
    instrumentId: 'GB0002634946',
    side,
    quantity: new Dec(quantity),
    price: new Dec(price),
    tradeDate: more.tradeDate ?? '2026-11-20',
    ...(more.book === undefined ? {} : { book: more.book }),
    ...(more.instrumentId === undefined ? {} : { instrumentId: more.instrumentId }),
  };
}
const captured = (t: TradeVersion): TradeEvent => ({ kind: 'captured', trade: t });
const amended = (t: TradeVersion): TradeEvent => ({ kind: 'amended', trade: t });
const cancelled = (tradeId: string, version: number): TradeEvent => ({ kind: 'cancelled', tradeId, version });
const bookOf = (events: readonly TradeEvent[]): TradeBook => events.reduce(applyTradeEvent, EMPTY_TRADE_BOOK);

function show(position: Position): Record<string, string | undefined> {
  return {
    quantity: position.quantity.toFixed(),
    average: averageCost(position)?.toFixed(),
    realised: position.realisedPnl.toFixed(),
  };
}
function showAll(book: TradeBook): Record<string, Record<string, string | undefined>> {
  const out: Record<string, Record<string, string | undefined>> = {};
  for (const [key, p] of positionsOf(book)) out[key] = show(p.position);
  return out;
}
const KEY = positionKey('EQ-LDN-1', 'GB0002634946');

describe('positions from trade versions', () => {
  it('applies the hand-worked sequence in trade order whatever the order its events arrived in', () => {
    const events = [
      captured(trade('T-20261120-000005', 1, 'BUY', '50', '8')),
      captured(trade('T-20261120-000003', 1, 'SELL', '150', '13')),
      captured(trade('T-20261120-000001', 1, 'BUY', '100', '10')),
      captured(trade('T-20261120-000004', 1, 'SELL', '100', '9')),
      captured(trade('T-20261120-000002', 1, 'BUY', '100', '12')),
    ];
    // 100 @ 10, 100 @ 12 (average 11), sell 150 @ 13 (+300), sell 100 @ 9 (−100, short 50 at 9), buy 50 @ 8 (+50)
    expect(showAll(bookOf(events))).toEqual({
      [KEY]: { quantity: '0', average: undefined, realised: '250' },
    });
    // without the last buy back: short 50 at 9, realised 300 − 100 = 200
    expect(showAll(bookOf(events.slice(1)))).toEqual({
      [KEY]: { quantity: '-50', average: '9', realised: '200' },
    });
  });

  it('folds a set of trade versions in trade order, not in the order given', () => {
    const later = trade('T-20261120-000002', 1, 'SELL', '1', '12');
    const earlier = trade('T-20261120-000001', 1, 'BUY', '1', '10');
    // buy 1 @ 10 first, then sell 1 @ 12: realises 2 (the other order would open a short at 12)
    expect(show(positionOf([later, earlier]))).toEqual({ quantity: '0', average: undefined, realised: '2' });
  });

  it('reads a trade version from an event payload, decimals from their strings', () => {
    const payload = {
      tradeId: 'T-20261120-000001',
      version: 2,
      book: 'EQ-LDN-1',
      instrumentId: 'GB0002634946',
      side: 'SELL' as const,
      quantity: '1500',
      price: '190.2500',
      tradeDate: '2026-11-20',
      currency: 'GBP', // other fields are ignored
    };
    const version = tradeVersionOf(payload);
    expect(version.quantity.toFixed()).toBe('1500');
    expect(version.price.toFixed()).toBe('190.25');
    expect(show(positionOf([version]))).toEqual({ quantity: '-1500', average: '190.25', realised: '0' });
  });

  it('gives one book and instrument’s position, and the position after a new version', () => {
    const before = bookOf([captured(trade('T-20261120-000001', 1, 'BUY', '100', '10'))]);
    expect(show(positionFor(before, 'EQ-LDN-1', 'GB0002634946'))).toEqual({
      quantity: '100',
      average: '10',
      realised: '0',
    });
    expect(show(positionFor(before, 'EQ-LDN-2', 'GB0002634946'))).toEqual({
      quantity: '0',
      average: undefined,
      realised: '0',
    });
    // the book position limit looks at the position after the trade: sell 250 @ 11 leaves short 150 at 11
    const after = applyTradeEvent(before, captured(trade('T-20261120-000002', 1, 'SELL', '250', '11')));
    expect(show(positionFor(after, 'EQ-LDN-1', 'GB0002634946'))).toEqual({
      quantity: '-150',
      average: '11',
      realised: '100',
    });
  });

  it('uses only the current version: an amendment supersedes, an older version arriving late changes nothing', () => {
    const v1 = trade('T-20261120-000001', 1, 'BUY', '100', '10');
    const v2 = trade('T-20261120-000001', 2, 'BUY', '60', '11');
    expect(showAll(bookOf([captured(v1), amended(v2)]))).toEqual({
      [KEY]: { quantity: '60', average: '11', realised: '0' },
    });
    expect(showAll(bookOf([amended(v2), captured(v1)]))).toEqual({
      [KEY]: { quantity: '60', average: '11', realised: '0' },
    });
  });

  it('moves a trade amended into another book, leaving nothing in the old one', () => {
    const v1 = trade('T-20261120-000001', 1, 'BUY', '100', '10');
    const v2 = trade('T-20261120-000001', 2, 'BUY', '100', '10', { book: 'EQ-LDN-2' });
    expect(showAll(bookOf([captured(v1), amended(v2)]))).toEqual({
      [positionKey('EQ-LDN-2', 'GB0002634946')]: { quantity: '100', average: '10', realised: '0' },
    });
  });

  it('leaves no position after an amend then a cancel, in either arrival order; a cancellation is final', () => {
    const v1 = trade('T-20261120-000001', 1, 'BUY', '100', '10');
    const v2 = trade('T-20261120-000001', 2, 'SELL', '40', '10');
    expect(positionsOf(bookOf([captured(v1), amended(v2), cancelled(v1.tradeId, 2)])).size).toBe(0);
    expect(positionsOf(bookOf([cancelled(v1.tradeId, 2), amended(v2), captured(v1)])).size).toBe(0);
  });

  it('orders trades by date, then by trade id with a longer sequence after a shorter one', () => {
    const ids = ['T-20261121-000001', 'T-20261120-1000000', 'T-20261120-999999'];
    const sorted = ids
      .map((id) =>
        trade(id, 1, 'BUY', '1', '1', {
          tradeDate: id.slice(2, 6) + '-' + id.slice(6, 8) + '-' + id.slice(8, 10),
        }),
      )
      .sort(compareTrades);
    expect(sorted.map((t) => t.tradeId)).toEqual([
      'T-20261120-999999',
      'T-20261120-1000000',
      'T-20261121-000001',
    ]);
  });
});

// ---- properties ----

const BOOKS = ['EQ-LDN-1', 'EQ-LDN-2'];
const INSTRUMENTS = ['GB0002634946', 'US0378331005'];

const termsArb = fc.record({
  book: fc.constantFrom(...BOOKS),
  instrumentId: fc.constantFrom(...INSTRUMENTS),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  quantity: fc.integer({ min: 1, max: 1000 }).map(String),
  price: fc.integer({ min: 1, max: 100_000 }).map((cents) => new Dec(cents).div(100).toFixed()),
  tradeDate: fc.constantFrom('2026-11-19', '2026-11-20'),
});

/** A trade's whole history: capture, zero or more amendments, maybe a cancellation. */
const historyArb = (index: number, terms: typeof termsArb = termsArb): fc.Arbitrary<TradeEvent[]> =>
  fc
    .record({ versions: fc.array(terms, { minLength: 1, maxLength: 3 }), cancel: fc.boolean() })
    .map(({ versions, cancel }) => {
      const tradeId = `T-20261120-${String(index + 1).padStart(6, '0')}`;
      const events: TradeEvent[] = versions.map((t, i) => {
        const version = trade(tradeId, i + 1, t.side, t.quantity, t.price, t);
        return i === 0 ? captured(version) : amended(version);
      });
      if (cancel) events.push(cancelled(tradeId, versions.length));
      return events;
    });

const historiesOf = (first: number, terms: typeof termsArb = termsArb): fc.Arbitrary<TradeEvent[]> =>
  fc
    .integer({ min: 0, max: 12 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => historyArb(first + i, terms))))
    .map((histories) => histories.flat());
const historiesArb = historiesOf(0);
/** Trades that never touch EQ-LDN-1 × GB0002634946, at any version. */
const otherTermsArb = termsArb.filter((t) => positionKey(t.book, t.instrumentId) !== KEY);

/** Any interleaving of the events, in any order (arrival order is not guaranteed). */
const shuffledArb = (events: TradeEvent[]): fc.Arbitrary<TradeEvent[]> =>
  fc.shuffledSubarray(events, { minLength: events.length });

describe('position properties over trade events', () => {
  it('give the same positions whatever order the events arrive in', () => {
    fc.assert(
      fc.property(
        historiesArb.chain((events) => fc.tuple(fc.constant(events), shuffledArb(events))),
        ([events, shuffled]) => {
          expect(showAll(bookOf(shuffled))).toEqual(showAll(bookOf(events)));
        },
      ),
    );
  });

  it('treat an event applied twice as once', () => {
    fc.assert(
      fc.property(
        historiesArb
          .filter((events) => events.length > 0)
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.nat({ max: events.length - 1 }), fc.nat({ max: events.length })),
          ),
        ([events, which, at]) => {
          const once = bookOf(events);
          const duplicate = events[which] as TradeEvent;
          const twice = bookOf([...events.slice(0, at), duplicate, ...events.slice(at)]);
          expect(twice).toEqual(once);
          expect(applyTradeEvent(once, duplicate)).toBe(once); // the very same state: nothing to write
        },
      ),
    );
  });

  it('leave nothing behind for a trade amended then cancelled', () => {
    fc.assert(
      fc.property(historiesArb, termsArb, termsArb, (events, first, second) => {
        const id = 'T-20261120-999999';
        const extra = [
          captured(trade(id, 1, first.side, first.quantity, first.price, first)),
          amended(trade(id, 2, second.side, second.quantity, second.price, second)),
          cancelled(id, 2),
        ];
        expect(showAll(bookOf([...events, ...extra]))).toEqual(showAll(bookOf(events)));
        expect(positionsOf(bookOf(extra)).size).toBe(0);
      }),
    );
  });

  it('keep a book and instrument independent of the trades of other books and instruments', () => {
    fc.assert(
      fc.property(historiesArb, historiesOf(100, otherTermsArb), (own, others) => {
        const alone = positionsOf(bookOf(own)).get(KEY);
        const together = positionsOf(bookOf([...own, ...others])).get(KEY);
        expect(together && show(together.position)).toEqual(alone && show(alone.position));
      }),
    );
  });

  it('hold as quantity the sum of the current versions’ signed quantities', () => {
    fc.assert(
      fc.property(historiesArb, (events) => {
        const book = bookOf(events);
        for (const [key, { position }] of positionsOf(book)) {
          let sum = new Dec(0);
          for (const entry of book.values()) {
            if (entry.state !== 'live' || positionKey(entry.trade.book, entry.trade.instrumentId) !== key)
              continue;
            sum =
              entry.trade.side === 'BUY' ? sum.plus(entry.trade.quantity) : sum.minus(entry.trade.quantity);
          }
          expect(position.quantity.eq(sum)).toBe(true);
        }
      }),
    );
  });
});

import fc from 'fast-check';
import {
  allowedMoves,
  TERMINAL_STATUSES,
  TRADE_MOVES,
  TRADE_STATUSES,
  transition,
  type TradeMove,
  type TradeState,
  type TradeStatus,
} from './trade-lifecycle';

describe('trade lifecycle: allowed moves', () => {
  // Every arrow of the lifecycle diagram (docs/architecture.md), written out by hand.
  it.each<[TradeStatus, TradeMove, TradeStatus]>([
    ['CAPTURED', 'approve', 'APPROVED'],
    ['CAPTURED', 'hold', 'HELD'],
    ['CAPTURED', 'reject', 'REJECTED'],
    ['HELD', 'reject', 'REJECTED'],
    ['HELD', 'release', 'APPROVED'],
    ['APPROVED', 'confirm', 'CONFIRMED'],
    ['CONFIRMED', 'clear', 'CLEARED'],
    ['CONFIRMED', 'instruct', 'INSTRUCTED'],
    ['CLEARED', 'settle', 'SETTLED'],
    ['INSTRUCTED', 'settle', 'SETTLED'],
    ['PARTIALLY_SETTLED', 'settle', 'SETTLED'],
    ['FAILED', 'settle', 'SETTLED'],
    ['INSTRUCTED', 'partiallySettle', 'PARTIALLY_SETTLED'],
    ['PARTIALLY_SETTLED', 'partiallySettle', 'PARTIALLY_SETTLED'],
    ['FAILED', 'partiallySettle', 'PARTIALLY_SETTLED'],
    ['INSTRUCTED', 'fail', 'FAILED'],
    ['PARTIALLY_SETTLED', 'fail', 'FAILED'],
    ['CAPTURED', 'cancel', 'CANCELLED'],
    ['HELD', 'cancel', 'CANCELLED'],
    ['APPROVED', 'cancel', 'CANCELLED'],
    ['CONFIRMED', 'cancel', 'CANCELLED'],
  ])('%s --%s--> %s, same version', (from, move, to) => {
    expect(transition({ status: from, version: 3 }, move)).toEqual({
      ok: true,
      status: to,
      version: 3,
    });
  });

  it.each<TradeStatus>(['CAPTURED', 'HELD', 'APPROVED', 'CONFIRMED'])(
    'amending a %s trade makes version 4 of it, CAPTURED again',
    (from) => {
      expect(transition({ status: from, version: 3 }, 'amend')).toEqual({
        ok: true,
        status: 'CAPTURED',
        version: 4,
      });
    },
  );

  it('lists the moves a status accepts', () => {
    expect(allowedMoves('CAPTURED')).toEqual(['approve', 'hold', 'reject', 'amend', 'cancel']);
    expect(allowedMoves('INSTRUCTED')).toEqual(['settle', 'partiallySettle', 'fail']);
    expect(allowedMoves('SETTLED')).toEqual([]);
  });
});

describe('trade lifecycle: refused moves say why', () => {
  it.each<[TradeStatus, TradeMove, string]>([
    [
      'SETTLED',
      'amend',
      'a SETTLED trade cannot be amended: amend and cancel are allowed while CAPTURED, HELD, APPROVED or CONFIRMED',
    ],
    [
      'INSTRUCTED',
      'cancel',
      'an INSTRUCTED trade cannot be cancelled: amend and cancel are allowed while CAPTURED, HELD, APPROVED or CONFIRMED',
    ],
    [
      'CLEARED',
      'amend',
      'a CLEARED trade cannot be amended: amend and cancel are allowed while CAPTURED, HELD, APPROVED or CONFIRMED',
    ],
    ['HELD', 'approve', 'a HELD trade cannot be approved: only a CAPTURED trade can be approved'],
    ['APPROVED', 'release', 'an APPROVED trade cannot be released: only a HELD trade can be released'],
    ['CAPTURED', 'confirm', 'a CAPTURED trade cannot be confirmed: only an APPROVED trade can be confirmed'],
    [
      'APPROVED',
      'clear',
      'an APPROVED trade cannot be cleared by a CCP: only a CONFIRMED trade can be cleared by a CCP',
    ],
    [
      'CLEARED',
      'instruct',
      'a CLEARED trade cannot be instructed for settlement: only a CONFIRMED trade can be instructed for settlement',
    ],
    [
      'CONFIRMED',
      'settle',
      'a CONFIRMED trade cannot settle: only a CLEARED, INSTRUCTED, PARTIALLY_SETTLED or FAILED trade can settle',
    ],
    [
      'CLEARED',
      'partiallySettle',
      'a CLEARED trade cannot settle in part: only an INSTRUCTED, PARTIALLY_SETTLED or FAILED trade can settle in part',
    ],
    ['FAILED', 'fail', 'a FAILED trade cannot fail: only an INSTRUCTED or PARTIALLY_SETTLED trade can fail'],
    [
      'APPROVED',
      'reject',
      'an APPROVED trade cannot be rejected: only a CAPTURED or HELD trade can be rejected',
    ],
    [
      'CONFIRMED',
      'hold',
      'a CONFIRMED trade cannot be put on hold: only a CAPTURED trade can be put on hold',
    ],
    ['SETTLED', 'settle', 'a SETTLED trade cannot settle: SETTLED is final'],
    ['REJECTED', 'release', 'a REJECTED trade cannot be released: REJECTED is final'],
    [
      'CANCELLED',
      'cancel',
      'a CANCELLED trade cannot be cancelled: amend and cancel are allowed while CAPTURED, HELD, APPROVED or CONFIRMED',
    ],
  ])('%s refuses %s', (status, move, reason) => {
    expect(transition({ status, version: 2 }, move)).toEqual({ ok: false, reason });
  });

  it('refuses a move or a status it does not know (input from outside the type system)', () => {
    expect(transition({ status: 'CAPTURED', version: 1 }, 'book' as TradeMove)).toEqual({
      ok: false,
      reason: "'book' is not a trade move",
    });
    expect(transition({ status: 'PENDING' as TradeStatus, version: 1 }, 'approve')).toEqual({
      ok: false,
      reason: "'PENDING' is not a trade status",
    });
  });
});

describe('trade lifecycle: properties', () => {
  // Independent of the implementation: the successors the lifecycle diagram allows for each status.
  const successors: Record<TradeStatus, readonly TradeStatus[]> = {
    CAPTURED: ['APPROVED', 'HELD', 'REJECTED', 'CANCELLED', 'CAPTURED'],
    HELD: ['APPROVED', 'REJECTED', 'CANCELLED', 'CAPTURED'],
    APPROVED: ['CONFIRMED', 'CANCELLED', 'CAPTURED'],
    CONFIRMED: ['CLEARED', 'INSTRUCTED', 'CANCELLED', 'CAPTURED'],
    CLEARED: ['SETTLED'],
    INSTRUCTED: ['SETTLED', 'PARTIALLY_SETTLED', 'FAILED'],
    PARTIALLY_SETTLED: ['SETTLED', 'PARTIALLY_SETTLED', 'FAILED'],
    FAILED: ['SETTLED', 'PARTIALLY_SETTLED'],
    REJECTED: [],
    CANCELLED: [],
    SETTLED: [],
  };
  const moves = fc.array(fc.constantFrom(...TRADE_MOVES), { maxLength: 40 });

  it('from CAPTURED, random moves only ever take allowed steps; refused ones change nothing', () => {
    fc.assert(
      fc.property(moves, (sequence) => {
        let trade: TradeState = Object.freeze({ status: 'CAPTURED', version: 1 });
        for (const move of sequence) {
          const before = { ...trade };
          const result = transition(trade, move);
          expect(trade).toEqual(before); // frozen, and the caller's object is never touched
          if (!result.ok) {
            expect(result.reason).toMatch(new RegExp(`^an? ${trade.status} trade cannot `));
            continue;
          }
          expect(successors[trade.status]).toContain(result.status);
          trade = Object.freeze({ status: result.status, version: result.version });
        }
        expect(TRADE_STATUSES).toContain(trade.status);
      }),
      { numRuns: 2000 },
    );
  });

  it('terminal states accept no move', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TERMINAL_STATUSES),
        fc.constantFrom(...TRADE_MOVES),
        fc.nat(),
        (status, move, version) => {
          expect(transition({ status, version }, move).ok).toBe(false);
        },
      ),
    );
  });

  it('the version goes up by one on an amendment and never otherwise', () => {
    fc.assert(
      fc.property(moves, (sequence) => {
        let trade = { status: 'CAPTURED' as TradeStatus, version: 1 };
        for (const move of sequence) {
          const result = transition(trade, move);
          if (!result.ok) continue;
          expect(result.version).toBe(move === 'amend' ? trade.version + 1 : trade.version);
          trade = { status: result.status, version: result.version };
        }
      }),
      { numRuns: 2000 },
    );
  });
});

import { Dec } from '@tradeflow/shared/money';
import fc from 'fast-check';
import {
  EMPTY_POSITION,
  applyFill,
  averageCost,
  foldFills,
  signedQuantity,
  type Fill,
  type Position,
} from './position';

const buy = (quantity: string, price: string): Fill => ({
  side: 'BUY',
  quantity: new Dec(quantity),
  price: new Dec(price),
});
const sell = (quantity: string, price: string): Fill => ({
  side: 'SELL',
  quantity: new Dec(quantity),
  price: new Dec(price),
});

function show(position: Position): {
  quantity: string;
  cost: string;
  average: string | undefined;
  realised: string;
} {
  return {
    quantity: position.quantity.toFixed(),
    cost: position.cost.toFixed(),
    average: averageCost(position)?.toFixed(),
    realised: position.realisedPnl.toFixed(),
  };
}

describe('a position by weighted average cost', () => {
  it('follows a hand-worked sequence of buys and sells, through zero to short and back to flat', () => {
    const steps = [
      buy('100', '10'), // long 100, cost 1000, average 10
      buy('100', '12'), // long 200, cost 1000 + 1200 = 2200, average 2200 / 200 = 11
      sell('150', '13'), // realises (13 − 11) × 150 = 300; long 50 at 11, cost 550
      sell('100', '9'), // closes 50: (9 − 11) × 50 = −100, realised 200; opens short 50 at 9, cost −450
      buy('50', '8'), // closes the short: (9 − 8) × 50 = 50, realised 250; flat, no average
    ];
    const seen: ReturnType<typeof show>[] = [];
    steps.reduce((position, fill) => {
      const next = applyFill(position, fill);
      seen.push(show(next));
      return next;
    }, EMPTY_POSITION);
    expect(seen).toEqual([
      { quantity: '100', cost: '1000', average: '10', realised: '0' },
      { quantity: '200', cost: '2200', average: '11', realised: '0' },
      { quantity: '50', cost: '550', average: '11', realised: '300' },
      { quantity: '-50', cost: '-450', average: '9', realised: '200' },
      { quantity: '0', cost: '0', average: undefined, realised: '250' },
    ]);
  });

  it('reduces a short part of the way: the average stays, the gain is (average − exit) × closed', () => {
    const short = foldFills([sell('50', '9')]); // short 50 at 9, cost −450
    // buy back 20 at 8: removes −450 × 20 / 50 = −180 of cost, realises (9 − 8) × 20 = 20
    expect(show(applyFill(short, buy('20', '8')))).toEqual({
      quantity: '-30',
      cost: '-270',
      average: '9',
      realised: '20',
    });
  });

  it('starts a fresh average after going flat', () => {
    const position = foldFills([buy('10', '5'), sell('10', '6'), buy('10', '20')]);
    // (6 − 5) × 10 = 10 realised; the new long's average is the new price, 20, not a blend with 5
    expect(show(position)).toEqual({ quantity: '10', cost: '200', average: '20', realised: '10' });
  });

  it('realises exactly when the average does not terminate', () => {
    // cost 10 + 22 = 32 for 3: average 10.666…; selling all 3 at 12 realises 36 − 32 = 4 exactly
    const position = foldFills([buy('1', '10'), buy('2', '11')]);
    expect(averageCost(position)?.toFixed(6)).toBe('10.666667');
    expect(show(applyFill(position, sell('3', '12')))).toEqual({
      quantity: '0',
      cost: '0',
      average: undefined,
      realised: '4',
    });
  });

  it('depends on the order of fills for realised P&L (average cost does), though not for quantity', () => {
    const a = foldFills([buy('1', '10'), sell('1', '12'), buy('1', '14')]); // realises 2, long 1 at 14
    const b = foldFills([buy('1', '14'), buy('1', '10'), sell('1', '12')]); // average 12: realises 0
    expect(show(a)).toEqual({ quantity: '1', cost: '14', average: '14', realised: '2' });
    expect(show(b)).toEqual({ quantity: '1', cost: '12', average: '12', realised: '0' });
  });

  it('refuses a fill without a positive quantity and price', () => {
    expect(() => applyFill(EMPTY_POSITION, buy('0', '10'))).toThrow(RangeError);
    expect(() => applyFill(EMPTY_POSITION, sell('-1', '10'))).toThrow(RangeError);
    expect(() => applyFill(EMPTY_POSITION, buy('1', '0'))).toThrow(RangeError);
  });
});

const fillArb: fc.Arbitrary<Fill> = fc.record({
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  quantity: fc.integer({ min: 1, max: 1000 }).map((n) => new Dec(n)),
  price: fc.integer({ min: 1, max: 2_000_000 }).map((cents) => new Dec(cents).div(100)),
});
const fillsArb = fc.array(fillArb, { maxLength: 30 });
const TOLERANCE = new Dec('1e-30');

/** Σ signed quantity × price: the net cash paid for the fills. */
function netPaid(fills: readonly Fill[]): Dec {
  return fills.reduce((sum, f) => sum.plus(signedQuantity(f).times(f.price)), new Dec(0));
}

describe('position properties', () => {
  it('holds the sum of the signed fills as its quantity', () => {
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const sum = fills.reduce((s, f) => s.plus(signedQuantity(f)), new Dec(0));
        expect(foldFills(fills).quantity.eq(sum)).toBe(true);
      }),
    );
  });

  it('keeps realised − open cost equal to minus the net cash paid, so total P&L is the same in any order', () => {
    fc.assert(
      fc.property(
        fillsArb.chain((fills) =>
          fc.tuple(fc.constant(fills), fc.shuffledSubarray(fills, { minLength: fills.length })),
        ),
        fc.integer({ min: 1, max: 2_000_000 }).map((cents) => new Dec(cents).div(100)),
        ([fills, shuffled], price) => {
          const a = foldFills(fills);
          const b = foldFills(shuffled);
          expect(a.realisedPnl.minus(a.cost).plus(netPaid(fills)).abs().lt(TOLERANCE)).toBe(true);
          // realised + unrealised at any price = quantity × price − net paid: independent of the order
          const total = (p: Position): Dec => p.realisedPnl.plus(p.quantity.times(price).minus(p.cost));
          expect(a.quantity.eq(b.quantity)).toBe(true);
          expect(total(a).minus(total(b)).abs().lt(TOLERANCE)).toBe(true);
        },
      ),
    );
  });

  it('has no cost when flat, and an average within the open prices otherwise', () => {
    fc.assert(
      fc.property(fillsArb, (fills) => {
        const position = foldFills(fills);
        if (position.quantity.isZero()) expect(position.cost.isZero()).toBe(true);
        else {
          const average = averageCost(position) ?? new Dec(NaN);
          const prices = fills.map((f) => f.price);
          expect(average.gte(Dec.min(...prices).minus(TOLERANCE))).toBe(true);
          expect(average.lte(Dec.max(...prices).plus(TOLERANCE))).toBe(true);
        }
      }),
    );
  });
});

import { Dec } from '@tradeflow/shared/money';

/** Which way a fill moves the position: a buy adds, a sell subtracts. */
export type FillSide = 'BUY' | 'SELL';

/** One execution against a book and instrument: a positive quantity at a positive price. */
export interface Fill {
  readonly side: FillSide;
  /** Shares, bond nominal or FX base amount; strictly positive. */
  readonly quantity: Dec;
  /** Per share, clean % of par, or quote units per base unit; strictly positive. */
  readonly price: Dec;
}

/**
 * A position in one instrument of one book, by the weighted average cost method. Figures are kept in
 * "price units" (quantity × price, before any contract multiplier such as 1/100 for a bond's % of par)
 * and at full precision; nothing here is rounded.
 *
 * - `quantity`: signed, positive long, negative short, zero flat.
 * - `cost`: the open position's cost, signed like `quantity` (quantity × average cost). Keeping the cost
 *   rather than the average keeps every addition exact: only the part of the cost a reduction removes is
 *   a division, and `realisedPnl − cost = −Σ signed quantity × price` holds exactly after every fill.
 * - `realisedPnl`: the profit locked in by reductions, (exit − average) × closed quantity for a long,
 *   (average − exit) × closed quantity for a short.
 */
export interface Position {
  readonly quantity: Dec;
  readonly cost: Dec;
  readonly realisedPnl: Dec;
}

const ZERO = new Dec(0);

/** No trades: flat, no cost, nothing realised. */
export const EMPTY_POSITION: Position = Object.freeze({ quantity: ZERO, cost: ZERO, realisedPnl: ZERO });

/** The average cost per unit of the open position, full precision; `undefined` when flat. */
export function averageCost(position: Position): Dec | undefined {
  return position.quantity.isZero() ? undefined : position.cost.div(position.quantity);
}

/** The fill's quantity signed by its side: + for a buy, − for a sell. */
/** A buy adds, a sell takes away: of a fill, or of a trade being checked. */
export function signedQuantity(fill: Pick<Fill, 'side' | 'quantity'>): Dec {
  return fill.side === 'BUY' ? new Dec(fill.quantity) : new Dec(fill.quantity).negated();
}

/**
 * The position after one fill (weighted average cost):
 * - adding to the position (or opening it) adds quantity × price to the cost, so the average becomes the
 *   quantity-weighted mean of the prices;
 * - reducing it removes the closed share of the cost (cost × closed / |quantity|, the average unchanged)
 *   and realises (exit − average) × closed for a long, (average − exit) × closed for a short;
 * - crossing through zero closes the whole old side as above and opens the rest at the fill's price;
 * - going flat leaves no cost, so the next opening starts a fresh average.
 */
export function applyFill(position: Position, fill: Fill): Position {
  if (!(fill.quantity.isFinite() && fill.quantity.gt(0) && fill.price.isFinite() && fill.price.gt(0))) {
    throw new RangeError(`a fill needs a positive quantity and price, got ${fill.quantity} @ ${fill.price}`);
  }
  const delta = signedQuantity(fill);
  const price = new Dec(fill.price);
  const held = new Dec(position.quantity);
  const cost = new Dec(position.cost);
  const realised = new Dec(position.realisedPnl);

  if (held.isZero() || held.isNeg() === delta.isNeg()) {
    return { quantity: held.plus(delta), cost: cost.plus(delta.times(price)), realisedPnl: realised };
  }

  const closed = Dec.min(delta.abs(), held.abs());
  // The closed share of the open cost; the whole cost when the old side closes completely (no division).
  const removed = closed.eq(held.abs()) ? cost : cost.times(closed).div(held.abs());
  // Exit proceeds of the closed units, signed as the position: + for a long sold, − for a short bought back.
  const exit = held.isPos() ? closed.times(price) : closed.times(price).negated();
  const afterClose = realised.plus(exit.minus(removed));
  const opened = delta.abs().minus(closed);
  const remainingCost = cost.minus(removed);

  if (opened.isZero()) {
    const quantity = held.plus(delta);
    return { quantity, cost: quantity.isZero() ? ZERO : remainingCost, realisedPnl: afterClose };
  }
  // Through zero: the new side opens at the fill's price.
  const openedSigned = delta.isNeg() ? opened.negated() : opened;
  return { quantity: openedSigned, cost: openedSigned.times(price), realisedPnl: afterClose };
}

/** The position after the fills, applied in the order given. */
export function foldFills(fills: Iterable<Fill>, start: Position = EMPTY_POSITION): Position {
  let position = start;
  for (const fill of fills) position = applyFill(position, fill);
  return position;
}

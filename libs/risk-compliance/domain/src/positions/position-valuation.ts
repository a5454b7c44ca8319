import { Dec, currency as currencyOf, roundCash } from '@tradeflow/shared/money';
import { averageCost, type Position } from './position';

/** What a position is valued with: the reference price, the instrument's terms and the reference FX rate. */
export interface ValuationInputs {
  /** The instrument's reference price, in the same units as the fills' prices. */
  readonly referencePrice: Dec;
  /** The instrument's currency (an FX pair's quote currency): the currency of every local figure. */
  readonly currency: string;
  /** USD per one unit of `currency` (1 for USD): multiplies every local figure into USD. */
  readonly usdPerUnit: Dec;
  /** Cash per (quantity × price): 1 for shares and FX, 0.01 for a bond priced in % of par. Default 1. */
  readonly multiplier?: Dec;
}

/** The cash figures of a position in one currency. */
export interface PositionCash {
  readonly currency: string;
  readonly realisedPnl: Dec;
  /** quantity × reference price (× multiplier): negative for a short. */
  readonly marketValue: Dec;
  /** (reference price − average cost) × quantity (× multiplier) = market value − open cost. */
  readonly unrealisedPnl: Dec;
}

/** A valued position: the quantity, the average cost (a price, never rounded), local and USD cash. */
export interface PositionValuation {
  readonly quantity: Dec;
  /** `undefined` when flat. */
  readonly averageCost: Dec | undefined;
  readonly local: PositionCash;
  readonly usd: PositionCash;
}

/**
 * Values a position at full precision. USD figures are the full-precision local figures times the
 * reference rate (never a rounded local figure converted). Realised P&L is converted at today's reference
 * rate as well: the position keeps no history of rates.
 */
export function valuePosition(position: Position, inputs: ValuationInputs): PositionValuation {
  const multiplier = new Dec(inputs.multiplier ?? 1);
  const quantity = new Dec(position.quantity);
  const realisedPnl = new Dec(position.realisedPnl).times(multiplier);
  const marketValue = quantity.times(inputs.referencePrice).times(multiplier);
  const unrealisedPnl = marketValue.minus(new Dec(position.cost).times(multiplier));
  const local: PositionCash = { currency: inputs.currency, realisedPnl, marketValue, unrealisedPnl };
  const rate = new Dec(inputs.usdPerUnit);
  const usd: PositionCash = {
    currency: 'USD',
    realisedPnl: realisedPnl.times(rate),
    marketValue: marketValue.times(rate),
    unrealisedPnl: unrealisedPnl.times(rate),
  };
  return { quantity, averageCost: averageCost(position), local, usd };
}

/**
 * The figures as shown and published: each cash figure rounded once, half-even, to its own currency's
 * minor units (local to the instrument currency's, USD to 2). Quantity and average cost are not cash and
 * are left as they are.
 */
export function roundValuation(valuation: PositionValuation): PositionValuation {
  return { ...valuation, local: roundCashFigures(valuation.local), usd: roundCashFigures(valuation.usd) };
}

function roundCashFigures(cash: PositionCash): PositionCash {
  const ccy = currencyOf(cash.currency);
  return {
    currency: cash.currency,
    realisedPnl: roundCash(cash.realisedPnl, ccy),
    marketValue: roundCash(cash.marketValue, ccy),
    unrealisedPnl: roundCash(cash.unrealisedPnl, ccy),
  };
}

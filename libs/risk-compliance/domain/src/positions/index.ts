// Positions per book and instrument: weighted average cost, P&L, valuation in local currency and USD.
export {
  EMPTY_POSITION,
  applyFill,
  averageCost,
  foldFills,
  signedQuantity,
  type Fill,
  type FillSide,
  type Position,
} from './position';
export {
  roundValuation,
  valuePosition,
  type PositionCash,
  type PositionValuation,
  type ValuationInputs,
} from './position-valuation';
export {
  EMPTY_TRADE_BOOK,
  applyTradeEvent,
  compareTrades,
  liveTrades,
  positionKey,
  positionFor,
  positionOf,
  positionsOf,
  tradeVersionOf,
  type BookPosition,
  type TradeBook,
  type TradeEntry,
  type TradeEvent,
  type TradeVersion,
  type TradeVersionFields,
} from './trade-versions';

export {
  allowedMoves,
  isTerminalStatus,
  TERMINAL_STATUSES,
  TRADE_MOVES,
  TRADE_STATUSES,
  transition,
  type TradeMove,
  type TradeState,
  type TradeStatus,
  type TransitionResult,
} from './trade-lifecycle';

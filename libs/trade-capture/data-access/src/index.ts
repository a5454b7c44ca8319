export { IdempotencyRepository, type IdempotencyClaim, type StoredResponse } from './idempotency.repository';
export { TradeCaptureTables1763900000000 } from './trade-capture-tables.migration';
export {
  TradeRepository,
  tradeRowFromPayload,
  type TradeCursor,
  type TradeFilter,
  type TradeRow,
} from './trade.repository';

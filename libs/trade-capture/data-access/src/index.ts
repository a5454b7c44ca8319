export { TradeCaptureDataAccessModule } from './trade-capture-data-access.module';
export { TradeChangeRepository, type TradeChangeRows } from './trade-change.repository';
export {
  IdempotencyRepository,
  idempotencyKeyRetention,
  keyId,
  type IdempotencyClaim,
  type StoredResponse,
} from './idempotency.repository';
export { TradeCaptureTables1763900000000 } from './trade-capture-tables.migration';
export {
  TradeRepository,
  tradeRowFromPayload,
  type TradeCursor,
  type TradeFilter,
  type TradeRow,
} from './trade.repository';
export {
  STREAM_START,
  TimelineRepository,
  type NewTimelineRow,
  type StreamedChange,
  type StreamPosition,
  type TimelineEntry,
  type TradeHeadRow,
} from './timeline.repository';
export { TradeCaptureTimeline1764000000000 } from './trade-timeline.migration';
export { TradeCaptureStreamPosition1764000000002 } from './stream-position.migration';
export { TradeCaptureObligationKind1764000000003 } from './obligation-kind.migration';
export { TradeCaptureIdempotencyLastUse1764100000001 } from './idempotency-last-use.migration';
export { TRADE_CAPTURE_MIGRATIONS } from './trade-capture.migrations';
export {
  REFERENCE_KINDS,
  ReferenceRepository,
  type ReferenceAuditEntry,
  type ReferenceKind,
  type StoredReference,
} from './reference.repository';
export { TradeCaptureReference1764000000001 } from './reference-tables.migration';

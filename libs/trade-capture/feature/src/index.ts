export { AmendCancelTradeService } from './trading/amend-cancel-trade.service';
export {
  CAPTURE_SETTINGS,
  CaptureTradeService,
  DEFAULT_CAPTURE_SETTINGS,
  type CaptureResult,
  type CaptureSettings,
} from './trading/capture-trade.service';
export { QueryTradesService, type TradePage } from './trading/query-trades.service';
export { ReferenceDataService } from './reference/reference-data.service';
export { ReferenceController } from './reference/reference.controller';
export { ReferenceQueryService, type ReferencePage } from './reference/reference-query.service';
export { ReferenceWriteService, type WriteResult } from './reference/reference-write.service';
export { TradeChangeRecorder, type TradeChange } from './trading/trade-change.recorder';
export {
  checkIdempotencyKey,
  claimOrReplay,
  keyReused,
  readIfMatch,
  requestHash,
} from './http/request-preconditions';
export { TIMELINE_TOPICS, type StepDraft, type TimelineTopic } from './timeline/timeline-steps';
export { TimelineConsumer } from './timeline/timeline.consumer';
export {
  statusChannel,
  TimelineService,
  type OwnChange,
  type TradeTimeline,
} from './timeline/timeline.service';
export { TradeCaptureFeatureModule } from './trade-capture-feature.module';
export { StatusFeedService } from './timeline/status-feed.service';
export { TradeStreamController } from './timeline/trade-stream.controller';
export { TradeStreamService, type StatusChange } from './timeline/trade-stream.service';
export { TradesController } from './trading/trades.controller';
export {
  amendRequestSchema,
  cancelRequestSchema,
  captureRequestSchema,
  TRADE_CAPTURE_OPENAPI,
} from './http/openapi.schemas';

export { AmendCancelTradeService } from './amend-cancel-trade.service';
export {
  CAPTURE_SETTINGS,
  CaptureTradeService,
  DEFAULT_CAPTURE_SETTINGS,
  type CaptureResult,
  type CaptureSettings,
} from './capture-trade.service';
export { QueryTradesService, type TradePage } from './query-trades.service';
export { ReferenceDataService, type WriteResult } from './reference-data.service';
export { ReferenceController, type ReferencePage } from './reference.controller';
export {
  checkIdempotencyKey,
  claimOrReplay,
  keyReused,
  readIfMatch,
  requestHash,
} from './request-preconditions';
export { TIMELINE_TOPICS, type StepDraft, type TimelineTopic } from './timeline-steps';
export { TimelineConsumer } from './timeline.consumer';
export { statusChannel, TimelineService, type OwnChange, type TradeTimeline } from './timeline.service';
export { TradeCaptureFeatureModule } from './trade-capture-feature.module';
export { TradeStreamController } from './trade-stream.controller';
export { TradeStreamService, type StatusChange } from './trade-stream.service';
export { TradesController } from './trades.controller';

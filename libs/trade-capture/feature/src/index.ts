export { AmendCancelTradeService } from './amend-cancel-trade.service';
export { CaptureTradeService, type CaptureResult } from './capture-trade.service';
export { QueryTradesService, type TradePage } from './query-trades.service';
export { requestHash } from './request-hash';
export { TradeCaptureFeatureModule } from './trade-capture-feature.module';
export { TradesController } from './trades.controller';

import { Module, type DynamicModule } from '@nestjs/common';
import { TradeCaptureDataAccessModule } from '@tradeflow/trade-capture/data-access';
import { AmendCancelTradeService } from './trading/amend-cancel-trade.service';
import { CAPTURE_SETTINGS, CaptureTradeService, type CaptureSettings } from './trading/capture-trade.service';
import { QueryTradesService } from './trading/query-trades.service';
import { ReferenceDataService } from './reference/reference-data.service';
import { ReferencePublisher } from './reference/reference-publisher.service';
import { ReferenceQueryService } from './reference/reference-query.service';
import { ReferenceSeedService } from './reference/reference-seed.service';
import { ReferenceWriteService } from './reference/reference-write.service';
import { ReferenceController } from './reference/reference.controller';
import { TimelineConsumer } from './timeline/timeline.consumer';
import { TimelineService } from './timeline/timeline.service';
import { StatusFeedService } from './timeline/status-feed.service';
import { TradeStreamController } from './timeline/trade-stream.controller';
import { TradeStreamService } from './timeline/trade-stream.service';
import { TradeChangeRecorder } from './trading/trade-change.recorder';
import { TradesController } from './trading/trades.controller';

@Module({
  imports: [TradeCaptureDataAccessModule],
  controllers: [TradesController, TradeStreamController, ReferenceController, TimelineConsumer],
  providers: [
    CaptureTradeService,
    AmendCancelTradeService,
    QueryTradesService,
    TradeChangeRecorder,
    ReferenceDataService,
    ReferencePublisher,
    ReferenceQueryService,
    ReferenceSeedService,
    ReferenceWriteService,
    TimelineService,
    TradeStreamService,
    StatusFeedService,
  ],
})
export class TradeCaptureFeatureModule {
  /** With the capture batching settings the app read from its environment. */
  static forRoot(capture: CaptureSettings): DynamicModule {
    return {
      module: TradeCaptureFeatureModule,
      providers: [{ provide: CAPTURE_SETTINGS, useValue: capture }],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { AmendCancelTradeService } from './amend-cancel-trade.service';
import { CAPTURE_SETTINGS, CaptureTradeService, type CaptureSettings } from './capture-trade.service';
import { QueryTradesService } from './query-trades.service';
import { ReferenceDataService } from './reference-data.service';
import { ReferenceController } from './reference.controller';
import { TimelineConsumer } from './timeline.consumer';
import { TimelineService } from './timeline.service';
import { TradeStreamController } from './trade-stream.controller';
import { TradeStreamService } from './trade-stream.service';
import { TradesController } from './trades.controller';

@Module({
  controllers: [TradesController, TradeStreamController, ReferenceController, TimelineConsumer],
  providers: [
    CaptureTradeService,
    AmendCancelTradeService,
    QueryTradesService,
    ReferenceDataService,
    TimelineService,
    TradeStreamService,
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

import { Module } from '@nestjs/common';
import { AmendCancelTradeService } from './amend-cancel-trade.service';
import { CaptureTradeService } from './capture-trade.service';
import { QueryTradesService } from './query-trades.service';
import { TradesController } from './trades.controller';

@Module({
  controllers: [TradesController],
  providers: [CaptureTradeService, AmendCancelTradeService, QueryTradesService],
})
export class TradeCaptureFeatureModule {}

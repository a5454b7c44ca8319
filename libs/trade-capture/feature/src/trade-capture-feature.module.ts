import { Module } from '@nestjs/common';
import { CaptureTradeService } from './capture-trade.service';
import { TradesController } from './trades.controller';

@Module({ controllers: [TradesController], providers: [CaptureTradeService] })
export class TradeCaptureFeatureModule {}

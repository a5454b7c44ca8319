import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@tradeflow/shared/platform';
import {
  TradeCaptureTables1763900000000,
  TradeCaptureReference1764000000001,
  TradeCaptureTimeline1764000000000,
  TradeCaptureStreamPosition1764000000002,
} from '@tradeflow/trade-capture/data-access';
import { TradeCaptureFeatureModule } from '@tradeflow/trade-capture/feature';
import type { TradeCaptureConfig } from './trade-capture.config';

@Module({})
export class AppModule {
  static forRoot(config: TradeCaptureConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          config,
          migrations: [
            TradeCaptureTables1763900000000,
            TradeCaptureTimeline1764000000000,
            TradeCaptureReference1764000000001,
            TradeCaptureStreamPosition1764000000002,
          ],
        }),
        TradeCaptureFeatureModule.forRoot(config.capture),
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@tradeflow/shared/platform';
import { idempotencyKeyRetention, TRADE_CAPTURE_MIGRATIONS } from '@tradeflow/trade-capture/data-access';
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
          migrations: TRADE_CAPTURE_MIGRATIONS,
          retention: [idempotencyKeyRetention(config.idempotencyRetentionMs)],
        }),
        TradeCaptureFeatureModule.forRoot(config.capture),
      ],
    };
  }
}

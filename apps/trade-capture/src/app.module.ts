import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@tradeflow/shared/platform';
import type { TradeCaptureConfig } from './trade-capture.config';

@Module({})
export class AppModule {
  static forRoot(config: TradeCaptureConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot({ config })] };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@tradeflow/shared/platform';
import type { SettlementConfig } from './settlement.config';

@Module({})
export class AppModule {
  static forRoot(config: SettlementConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot({ config })] };
  }
}

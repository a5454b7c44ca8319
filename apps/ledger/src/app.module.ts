import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@tradeflow/shared/platform';
import type { LedgerConfig } from './ledger.config';

@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot({ config })] };
  }
}

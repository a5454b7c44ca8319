import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@tradeflow/shared/platform';
import type { ClearingConfig } from './clearing.config';

@Module({})
export class AppModule {
  static forRoot(config: ClearingConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot({ config })] };
  }
}

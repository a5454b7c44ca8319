import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@tradeflow/shared/platform';
import type { RiskComplianceConfig } from './risk-compliance.config';

@Module({})
export class AppModule {
  static forRoot(config: RiskComplianceConfig): DynamicModule {
    return { module: AppModule, imports: [PlatformModule.forRoot({ config })] };
  }
}

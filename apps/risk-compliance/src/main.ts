import 'reflect-metadata';
import { bootstrapService, loadConfigOrExit } from '@tradeflow/shared/platform';
import { AppModule } from './app.module';
import { RiskComplianceConfig } from './risk-compliance.config';

const config = loadConfigOrExit('risk-compliance', () => new RiskComplianceConfig());
void bootstrapService({
  config,
  module: AppModule.forRoot(config) as never,
  title: 'Tradeflow risk and compliance (middle office)',
  description: 'Pre-trade checks, positions, limits, holds and alerts for risk officers.',
});

import 'reflect-metadata';
import { bootstrapService, loadConfigOrExit } from '@tradeflow/shared/platform';
import { AppModule } from './app.module';
import { SettlementConfig } from './settlement.config';

const config = loadConfigOrExit('settlement', () => new SettlementConfig());
void bootstrapService({
  config,
  module: AppModule.forRoot(config) as never,
  title: 'Tradeflow settlement (back office)',
  description: 'Settlement instructions, statuses, fails and the operations queue.',
});

import 'reflect-metadata';
import { bootstrapService, loadConfigOrExit } from '@tradeflow/shared/platform';
import { AppModule } from './app.module';
import { ClearingConfig } from './clearing.config';

const config = loadConfigOrExit('clearing', () => new ClearingConfig());
void bootstrapService({
  config,
  module: AppModule.forRoot(config) as never,
  title: 'Tradeflow clearing (back office)',
  description: 'Confirmation matching, novation to CCPs and netting into obligations.',
});

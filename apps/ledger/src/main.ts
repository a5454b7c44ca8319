import 'reflect-metadata';
import { bootstrapService, loadConfigOrExit } from '@tradeflow/shared/platform';
import { AppModule } from './app.module';
import { LedgerConfig } from './ledger.config';

const config = loadConfigOrExit('ledger', () => new LedgerConfig());
void bootstrapService({
  config,
  module: AppModule.forRoot(config) as never,
  title: 'Tradeflow ledger (back office)',
  description: 'Double-entry, hash-chained journal, trial balance and auditor exports.',
});

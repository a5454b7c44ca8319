import 'reflect-metadata';
import { bootstrapService, loadConfigOrExit } from '@tradeflow/shared/platform';
import { TRADE_CAPTURE_OPENAPI } from '@tradeflow/trade-capture/feature';
import { AppModule } from './app.module';
import { TradeCaptureConfig } from './trade-capture.config';

const config = loadConfigOrExit('trade-capture', () => new TradeCaptureConfig());
void bootstrapService({
  config,
  module: AppModule.forRoot(config) as never,
  title: 'Tradeflow trade capture (front office)',
  description: 'Traders book, amend and cancel trades and follow each one through its lifecycle.',
  openapi: TRADE_CAPTURE_OPENAPI,
});

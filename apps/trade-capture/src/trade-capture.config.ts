import { ServiceConfig } from '@tradeflow/shared/config';

/** Configuration of trade-capture; service-specific variables are added here as the service grows. */
export class TradeCaptureConfig extends ServiceConfig {
  constructor(env: Record<string, string | undefined> = process.env) {
    super({ name: 'trade-capture', schema: 'trade_capture', defaultPort: 3001 }, env);
  }
}

import { ServiceConfig } from '@tradeflow/shared/config';

/** Configuration of settlement; service-specific variables are added here as the service grows. */
export class SettlementConfig extends ServiceConfig {
  constructor(env: Record<string, string | undefined> = process.env) {
    super({ name: 'settlement', schema: 'settlement', defaultPort: 3004 }, env);
  }
}

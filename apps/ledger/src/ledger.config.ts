import { ServiceConfig } from '@tradeflow/shared/config';

/** Configuration of ledger; service-specific variables are added here as the service grows. */
export class LedgerConfig extends ServiceConfig {
  constructor(env: Record<string, string | undefined> = process.env) {
    super({ name: 'ledger', schema: 'ledger', defaultPort: 3005 }, env);
  }
}

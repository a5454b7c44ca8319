import { ServiceConfig } from '@tradeflow/shared/config';

/** Configuration of clearing; service-specific variables are added here as the service grows. */
export class ClearingConfig extends ServiceConfig {
  constructor(env: Record<string, string | undefined> = process.env) {
    super({ name: 'clearing', schema: 'clearing', defaultPort: 3003 }, env);
  }
}

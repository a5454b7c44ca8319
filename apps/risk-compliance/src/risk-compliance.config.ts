import { ServiceConfig } from '@tradeflow/shared/config';

/** Configuration of risk-compliance; service-specific variables are added here as the service grows. */
export class RiskComplianceConfig extends ServiceConfig {
  constructor(env: Record<string, string | undefined> = process.env) {
    super({ name: 'risk-compliance', schema: 'risk_compliance', defaultPort: 3002 }, env);
  }
}

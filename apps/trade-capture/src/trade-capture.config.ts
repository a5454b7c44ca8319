import { EnvReader, ServiceConfig } from '@tradeflow/shared/config';
import { DEFAULT_CAPTURE_SETTINGS, type CaptureSettings } from '@tradeflow/trade-capture/feature';

const HOUR_MS = 3600 * 1000;

/** Configuration of trade-capture: the settings of every service and its own. */
export class TradeCaptureConfig extends ServiceConfig {
  /** Group commit of captures: batch size, transactions in flight, and the queue bound (503 beyond). */
  readonly capture: CaptureSettings;
  /** How long after its last use an Idempotency-Key is remembered (IDEMPOTENCY_RETENTION_HOURS). */
  readonly idempotencyRetentionMs: number;

  constructor(env: Record<string, string | undefined> = process.env) {
    super({ name: 'trade-capture', schema: 'trade_capture', defaultPort: 3001 }, env);
    const read = new EnvReader(env);
    const defaults = DEFAULT_CAPTURE_SETTINGS;
    this.capture = {
      batchMax: read.integer('CAPTURE_BATCH_MAX', defaults.batchMax, 1, 1000),
      transactions: read.integer('CAPTURE_TRANSACTIONS', defaults.transactions, 1, 50),
      queueMax: read.integer('CAPTURE_QUEUE_MAX', defaults.queueMax, 1, 1000000),
    };
    this.idempotencyRetentionMs = read.integer('IDEMPOTENCY_RETENTION_HOURS', 24, 1, 8760) * HOUR_MS;
  }
}

import { ConfigError } from '@tradeflow/shared/config';
import { join } from 'node:path';
import { TradeCaptureConfig } from './trade-capture.config';

// trade-capture's own settings: the group commit of captures, and how long idempotency keys are kept.
const JWT_PUBLIC_KEY = join(__dirname, '../../../infra/dev-keys/jwt-public.pem');

describe('TradeCaptureConfig', () => {
  it('shares captures 64 to a write, 2 writes in flight, 5,000 waiting at most by default', () => {
    expect(new TradeCaptureConfig({ JWT_PUBLIC_KEY }).capture).toEqual({
      batchMax: 64,
      transactions: 2,
      queueMax: 5000,
    });
  });

  it('reads CAPTURE_BATCH_MAX, CAPTURE_TRANSACTIONS and CAPTURE_QUEUE_MAX', () => {
    const config = new TradeCaptureConfig({
      JWT_PUBLIC_KEY,
      CAPTURE_BATCH_MAX: '1',
      CAPTURE_TRANSACTIONS: '4',
      CAPTURE_QUEUE_MAX: '200',
    });
    expect(config.capture).toEqual({ batchMax: 1, transactions: 4, queueMax: 200 });
  });

  it('keeps an idempotency key 24 hours after its last use by default, or IDEMPOTENCY_RETENTION_HOURS', () => {
    // 24 × 3,600,000 ms; a week: 168 × 3,600,000.
    expect(new TradeCaptureConfig({ JWT_PUBLIC_KEY }).idempotencyRetentionMs).toBe(86_400_000);
    expect(
      new TradeCaptureConfig({ JWT_PUBLIC_KEY, IDEMPOTENCY_RETENTION_HOURS: '168' }).idempotencyRetentionMs,
    ).toBe(604_800_000);
  });

  it.each([
    ['IDEMPOTENCY_RETENTION_HOURS', '0', 'must be an integer between 1 and 8760, got "0"'],
    ['IDEMPOTENCY_RETENTION_HOURS', '1.5', 'must be an integer between 1 and 8760, got "1.5"'],
    ['CAPTURE_BATCH_MAX', '0', 'must be an integer between 1 and 1000, got "0"'],
    ['CAPTURE_TRANSACTIONS', 'two', 'must be an integer between 1 and 50, got "two"'],
    ['CAPTURE_QUEUE_MAX', '-5', 'must be an integer between 1 and 1000000, got "-5"'],
  ])('stops the boot on %s=%j with one line naming it', (variable, value, problem) => {
    let error: unknown;
    try {
      new TradeCaptureConfig({ JWT_PUBLIC_KEY, [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`${variable}: ${problem}`);
  });
});

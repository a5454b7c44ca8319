import { ConfigError } from '@tradeflow/shared/config';
import { join } from 'node:path';
import { TradeCaptureConfig } from './trade-capture.config';

// trade-capture's own settings: the group commit of captures.
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

  it.each([
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

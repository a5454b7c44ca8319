import { freePort, startService } from '@tradeflow/shared/testing';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';

// An EC P-384 public key: a well-formed PEM that no token here can be verified with.
const P384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString()
  .trim()
  .split('\n')
  .join('\\n');

// A misconfigured service stops at boot with one line naming the variable, never a bare stack trace.
describe('misconfiguration fails at boot with one clear line', () => {
  const boot = async (env: Record<string, string>) => {
    const service = await startService('ledger', env, { waitUntilListening: false });
    const exit = await service.process.exited;
    return { exit, logs: service.process.logs };
  };

  it.each([
    [
      'a DATABASE_URL that is not PostgreSQL',
      { DATABASE_URL: 'mysql://root@127.0.0.1:3306/tradeflow' },
      /^\[ledger\] configuration error: DATABASE_URL: must be a postgres:\/\/ URL, got protocol "mysql:"$/m,
    ],
    [
      'an unreachable database',
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/tradeflow' },
      /^\[ledger\] DATABASE_URL: cannot connect to postgres:\/\/postgres@127\.0\.0\.1:1\/tradeflow: .*ECONNREFUSED/m,
    ],
    [
      'a malformed broker list',
      { KAFKA_BROKERS: 'localhost' },
      /^\[ledger\] configuration error: KAFKA_BROKERS: must be a comma-separated list of host:port, got "localhost"$/m,
    ],
    [
      'a missing JWT key',
      { JWT_PUBLIC_KEY: '' },
      /^\[ledger\] configuration error: JWT_PUBLIC_KEY: is required/m,
    ],
    [
      'a JWT key no token can be verified with',
      { JWT_PUBLIC_KEY: P384 },
      /^\[ledger\] configuration error: JWT_PUBLIC_KEY: is a ec key \(secp384r1\); expected RSA of 2048 bits or more \(RS256\) or EC P-256 \(ES256\)$/m,
    ],
    [
      'a DATABASE_URL whose password breaks the URL',
      { DATABASE_URL: 'postgres://app:pa#ss@127.0.0.1:5432/tradeflow' },
      /^\[ledger\] configuration error: DATABASE_URL: is not a URL: "postgres:\/\/…"/m,
    ],
    [
      'a port out of range',
      { PORT: '70000' },
      /^\[ledger\] configuration error: PORT: must be a port number between 1 and 65535, got "70000"$/m,
    ],
    [
      'a rate limit in an unknown form',
      { RATE_LIMITS: 'trader=50/s,risk=lots' },
      /^\[ledger\] configuration error: RATE_LIMITS: "risk=lots" is not <role>=<count>\/s, <role>=<count>\/min or <role>=off/m,
    ],
  ])('%s', async (_case, env, line) => {
    const { exit, logs } = await boot(env);
    expect(exit.code).toBe(1);
    expect(logs).toMatch(line);
    expect(logs).not.toMatch(/^\s+at /m);
    expect(logs).not.toContain('pa#ss');
  });

  it('a port already in use, before anything joins a consumer group', async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const { exit, logs } = await boot({ PORT: String(port) });
      expect(exit.code).toBe(1);
      expect(logs).toMatch(
        new RegExp(`^\\[ledger\\] PORT: ${port} cannot be listened on \\(EADDRINUSE\\)$`, 'm'),
      );
      expect(logs).not.toMatch(/^\s+at /m);
    } finally {
      squatter.close();
    }
  });

  it('an inbox that would forget an event sooner than Kafka may redeliver it', async () => {
    const service = await startService(
      'trade-capture',
      { INBOX_RETENTION_DAYS: '13' },
      { waitUntilListening: false },
    );
    const exit = await service.process.exited;
    expect(exit.code).toBe(1);
    // trade-capture consumes 7-day topics: 7 days of retention.ms, plus up to 7 of a segment's age.
    expect(service.process.logs).toMatch(
      /^\[trade-capture\] configuration error: INBOX_RETENTION_DAYS: is 13 days, but Kafka may redeliver an event of [a-z]+\.[a-z.]+\.v1 for up to 14 days \(retention\.ms 7 days, plus up to segment\.ms 7 days until its segment is deleted whole\): set 14 or more$/m,
    );
    expect(service.process.logs).not.toMatch(/^\s+at /m);
    expect(service.process.logs).not.toContain('listening on');
  });

  it('an unreachable broker', async () => {
    const port = await freePort();
    const { exit, logs } = await boot({
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      KAFKA_CONNECT_TIMEOUT_MS: '1500',
    });
    expect(exit.code).toBe(1);
    expect(logs).toMatch(
      new RegExp(
        `^\\[ledger\\] KAFKA_BROKERS: no broker answered at 127\\.0\\.0\\.1:${port} within 1\\.5 s`,
        'm',
      ),
    );
    expect(logs).not.toMatch(/^\s+at /m);
  });
});

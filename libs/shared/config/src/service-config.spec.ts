import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { ServiceConfig, type ServiceIdentity } from './service-config';

const DEV_PUBLIC_KEY_PATH = join(__dirname, '../../../../infra/dev-keys/jwt-public.pem');
const identity: ServiceIdentity = { name: 'trade-capture', schema: 'trade_capture', defaultPort: 3001 };

function configWith(env: Record<string, string | undefined>): ServiceConfig {
  return new ServiceConfig(identity, { JWT_PUBLIC_KEY: DEV_PUBLIC_KEY_PATH, ...env });
}

/** The ConfigError a configuration throws; fails the test if it throws nothing or something else. */
function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    new ServiceConfig(identity, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}

function expectOneLineNaming(error: ConfigError, variable: string): void {
  expect(error.variable).toBe(variable);
  expect(error.message.startsWith(`${variable}: `)).toBe(true);
  expect(error.message).not.toMatch(/[\r\n]/);
}

describe('ServiceConfig', () => {
  it('uses the defaults when only JWT_PUBLIC_KEY is given', () => {
    const config = new ServiceConfig(identity, { JWT_PUBLIC_KEY: DEV_PUBLIC_KEY_PATH });
    expect(config.name).toBe('trade-capture');
    expect(config.schema).toBe('trade_capture');
    expect(config.port).toBe(3001);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/tradeflow');
    expect(config.databasePoolSize).toBe(10);
    expect(config.databaseStatementTimeoutMs).toBe(10000);
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.jwt.issuer).toBe('tradeflow-dev');
    expect(config.jwt.audience).toBe('tradeflow');
    expect(config.jwt.publicKey).toBe(readFileSync(DEV_PUBLIC_KEY_PATH, 'utf8'));
    expect(
      config.jwt.publicKey.startsWith(
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAupA3zc2t',
      ),
    ).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.shutdownTimeoutMs).toBe(15000);
    expect(config.outboxLingerMs).toBe(10);
    expect(config.outboxTakeoverMs).toBe(15000);
    expect(config.streams).toEqual({ maxPerUser: 5, replayWindowMs: 7200000, replayMax: 10000 });
    // 15 days of 86,400,000 ms: a day more than Kafka may redeliver an event of a 7-day topic.
    expect(config.inboxRetentionMs).toBe(1_296_000_000);
    expect(config.pruneIntervalMs).toBe(60000);
    expect(config.rateLimits).toEqual({
      trader: { requests: 10000, seconds: 1 },
      service: { requests: 10000, seconds: 1 },
      risk: { requests: 500, seconds: 1 },
      ops: { requests: 500, seconds: 1 },
      auditor: { requests: 500, seconds: 1 },
      admin: { requests: 500, seconds: 1 },
      anonymous: { requests: 50, seconds: 1 },
    });
    expect(config.deadLetterPublishAttempts).toBe(5);
    expect(config.deadLetterPublishBackoffMs).toBe(500);
  });

  it('reads every variable when they are set', () => {
    const config = configWith({
      DATABASE_SCHEMA: 'tc_test_7',
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:pw@db.internal:6543/trades',
      DATABASE_POOL_SIZE: '25',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9093,[::1]:9094',
      JWT_ISSUER: 'https://login.bank.example',
      JWT_AUDIENCE: 'tradeflow-prod',
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_MS: '30000',
      OUTBOX_LINGER_MS: '0',
      OUTBOX_TAKEOVER_MS: '5000',
      STREAM_MAX_PER_USER: '2',
      STREAM_REPLAY_WINDOW_MS: '60000',
      STREAM_REPLAY_MAX: '500',
      INBOX_RETENTION_DAYS: '30',
      PRUNE_INTERVAL_MS: '300000',
      RATE_LIMITS: 'trader=50/s, risk=20/s,admin=600/min,service=off',
      DEAD_LETTER_PUBLISH_ATTEMPTS: '1',
      DEAD_LETTER_PUBLISH_BACKOFF_MS: '60000',
    });
    expect(config.schema).toBe('tc_test_7');
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://app:pw@db.internal:6543/trades');
    expect(config.databasePoolSize).toBe(25);
    expect(config.databaseStatementTimeoutMs).toBe(0);
    expect(config.kafkaBrokers).toEqual(['kafka-1:9092', 'kafka-2:9093', '[::1]:9094']);
    expect(config.jwt.issuer).toBe('https://login.bank.example');
    expect(config.jwt.audience).toBe('tradeflow-prod');
    expect(config.logLevel).toBe('debug');
    expect(config.shutdownTimeoutMs).toBe(30000);
    expect(config.outboxLingerMs).toBe(0);
    expect(config.outboxTakeoverMs).toBe(5000);
    expect(config.streams).toEqual({ maxPerUser: 2, replayWindowMs: 60000, replayMax: 500 });
    expect(config.inboxRetentionMs).toBe(2_592_000_000);
    expect(config.pruneIntervalMs).toBe(300000);
    expect(config.rateLimits).toMatchObject({
      trader: { requests: 50, seconds: 1 },
      risk: { requests: 20, seconds: 1 },
      admin: { requests: 600, seconds: 60 },
      service: null,
      ops: { requests: 500, seconds: 1 },
    });
    expect(config.deadLetterPublishAttempts).toBe(1);
    expect(config.deadLetterPublishBackoffMs).toBe(60000);
  });

  it('accepts an inline PEM whose line breaks are written as literal \\n', () => {
    const pem = readFileSync(DEV_PUBLIC_KEY_PATH, 'utf8').trim();
    const inline = pem.split('\n').join('\\n');
    expect(inline).not.toContain('\n');
    const config = configWith({ JWT_PUBLIC_KEY: inline });
    expect(config.jwt.publicKey).toBe(pem);
    expect(config.jwt.publicKey.split('\n')).toHaveLength(9);
  });

  it('takes only a key tokens can be verified with, and says what a wrong one is', () => {
    const pem = (key: { publicKey: string }) => key.publicKey.split('\n').join('\\n');
    const spki = { publicKeyEncoding: { type: 'spki', format: 'pem' } } as const;
    const p256 = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      ...spki,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(configWith({ JWT_PUBLIC_KEY: pem(p256) }).jwt.publicKey).toContain('BEGIN PUBLIC KEY');
    const refusal = (key: { publicKey: string }) => configErrorOf({ JWT_PUBLIC_KEY: pem(key) }).message;
    const p384 = generateKeyPairSync('ec', {
      namedCurve: 'secp384r1',
      ...spki,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(refusal(p384)).toBe(
      'JWT_PUBLIC_KEY: is a ec key (secp384r1); expected RSA of 2048 bits or more (RS256) or EC P-256 (ES256)',
    );
    const rsa1024 = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      ...spki,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(refusal(rsa1024)).toBe(
      'JWT_PUBLIC_KEY: is an RSA key of 1024 bits; expected RSA of 2048 bits or more (RS256) or EC P-256 (ES256)',
    );
    const dev = readFileSync(DEV_PUBLIC_KEY_PATH, 'utf8').trim().split('\n');
    const corrupted = [dev[0], dev[1]!.replace(/[A-Za-z]/g, '*'), ...dev.slice(2)].join('\\n');
    expect(configErrorOf({ JWT_PUBLIC_KEY: corrupted }).message).toMatch(
      /^JWT_PUBLIC_KEY: is not a readable public key: /,
    );
  });

  it('treats empty and blank values as not set', () => {
    const config = configWith({ PORT: '', LOG_LEVEL: '   ', DATABASE_URL: '' });
    expect(config.port).toBe(3001);
    expect(config.logLevel).toBe('info');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/tradeflow');
  });

  describe('stops the boot with one line naming the variable', () => {
    it.each([
      ['DATABASE_URL', 'mysql://x/y', 'must be a postgres:// URL, got protocol "mysql:"'],
      [
        'DATABASE_URL',
        'not a url',
        'is not a URL: "…" (expected postgres://user@host:port/database; a password\'s @ # / ? % must be percent-encoded)',
      ],
      [
        'DATABASE_URL',
        'postgres://postgres@127.0.0.1:5432',
        'names no database: "postgres://postgres@127.0.0.1:5432"',
      ],
      [
        'DATABASE_URL',
        'postgres://postgres@127.0.0.1:5432/',
        'names no database: "postgres://postgres@127.0.0.1:5432/"',
      ],
      ['KAFKA_BROKERS', 'localhost', 'must be a comma-separated list of host:port, got "localhost"'],
      [
        'KAFKA_BROKERS',
        'kafka-1:9092,kafka-2',
        'must be a comma-separated list of host:port, got "kafka-1:9092,kafka-2"',
      ],
      ['KAFKA_BROKERS', ',', 'must be a comma-separated list of host:port, got ","'],
      ['PORT', '70000', 'must be a port number between 1 and 65535, got "70000"'],
      ['PORT', 'abc', 'must be a port number between 1 and 65535, got "abc"'],
      ['PORT', '0', 'must be a port number between 1 and 65535, got "0"'],
      ['PORT', '80.5', 'must be a port number between 1 and 65535, got "80.5"'],
      ['LOG_LEVEL', 'loud', 'must be one of error, warn, info, debug, got "loud"'],
      ['DATABASE_POOL_SIZE', '1', 'must be an integer between 2 and 200, got "1"'],
      ['DATABASE_POOL_SIZE', 'ten', 'must be an integer between 2 and 200, got "ten"'],
      ['DATABASE_STATEMENT_TIMEOUT_MS', '-1', 'must be an integer between 0 and 3600000, got "-1"'],
      ['SHUTDOWN_TIMEOUT_MS', '999', 'must be an integer between 1000 and 300000, got "999"'],
      ['OUTBOX_LINGER_MS', '-1', 'must be an integer between 0 and 1000, got "-1"'],
      ['OUTBOX_TAKEOVER_MS', '1000', 'must be an integer between 3000 and 600000, got "1000"'],
      ['STREAM_MAX_PER_USER', '0', 'must be an integer between 1 and 1000, got "0"'],
      ['STREAM_REPLAY_WINDOW_MS', '999', 'must be an integer between 1000 and 604800000, got "999"'],
      ['STREAM_REPLAY_MAX', 'many', 'must be an integer between 1 and 1000000, got "many"'],
      ['INBOX_RETENTION_DAYS', '0', 'must be an integer between 1 and 3650, got "0"'],
      ['INBOX_RETENTION_DAYS', '14.5', 'must be an integer between 1 and 3650, got "14.5"'],
      ['PRUNE_INTERVAL_MS', '999', 'must be an integer between 1000 and 86400000, got "999"'],
      ['DEAD_LETTER_PUBLISH_ATTEMPTS', '0', 'must be an integer between 1 and 100, got "0"'],
      ['DEAD_LETTER_PUBLISH_BACKOFF_MS', '5', 'must be an integer between 10 and 60000, got "5"'],
      ['DATABASE_SCHEMA', 'Trade-Capture', 'must be a lower-case SQL identifier, got "Trade-Capture"'],
      [
        'RATE_LIMITS',
        'trader=50',
        '"trader=50" is not <role>=<count>/s, <role>=<count>/min or <role>=off, comma-separated (roles: trader, risk, ops, auditor, admin, service, anonymous)',
      ],
    ])('%s=%j', (variable, value, problem) => {
      const error = configErrorOf({ JWT_PUBLIC_KEY: DEV_PUBLIC_KEY_PATH, [variable]: value });
      expectOneLineNaming(error, variable);
      expect(error.message).toBe(`${variable}: ${problem}`);
    });

    it('JWT_PUBLIC_KEY missing', () => {
      const error = configErrorOf({});
      expectOneLineNaming(error, 'JWT_PUBLIC_KEY');
      expect(error.message).toBe(
        'JWT_PUBLIC_KEY: is required: a PEM public key or the path to one (development: infra/dev-keys/jwt-public.pem)',
      );
    });

    it('JWT_PUBLIC_KEY pointing to a file that does not exist', () => {
      const missing = join(__dirname, 'no-such-key.pem');
      const error = configErrorOf({ JWT_PUBLIC_KEY: missing });
      expectOneLineNaming(error, 'JWT_PUBLIC_KEY');
      expect(error.message.startsWith(`JWT_PUBLIC_KEY: cannot read the key file "${missing}": ENOENT`)).toBe(
        true,
      );
    });

    it('JWT_PUBLIC_KEY pointing to a file that is not a PEM', () => {
      const dir = mkdtempSync(join(tmpdir(), 'service-config-'));
      try {
        const path = join(dir, 'jwt-public.pem');
        writeFileSync(path, 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ alice@laptop\n');
        const error = configErrorOf({ JWT_PUBLIC_KEY: path });
        expectOneLineNaming(error, 'JWT_PUBLIC_KEY');
        expect(error.message).toBe(
          'JWT_PUBLIC_KEY: is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('JWT_PUBLIC_KEY given inline as text that is not a PEM', () => {
      // Text without a PEM header is taken as a path, so this reads as a file that cannot be read.
      const error = configErrorOf({ JWT_PUBLIC_KEY: 'not-a-key' });
      expectOneLineNaming(error, 'JWT_PUBLIC_KEY');
      expect(error.message.startsWith('JWT_PUBLIC_KEY: cannot read the key file "not-a-key": ENOENT')).toBe(
        true,
      );
    });

    it('JWT_PUBLIC_KEY given inline as something other than a public key', () => {
      const error = configErrorOf({
        JWT_PUBLIC_KEY: '-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----',
      });
      expectOneLineNaming(error, 'JWT_PUBLIC_KEY');
      expect(error.message).toBe(
        'JWT_PUBLIC_KEY: is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)',
      );
    });

    it('JWT_PUBLIC_KEY given the private key by mistake', () => {
      const privateKeyPath = join(__dirname, '../../../../infra/dev-keys/jwt-private.pem');
      const error = configErrorOf({ JWT_PUBLIC_KEY: privateKeyPath });
      expectOneLineNaming(error, 'JWT_PUBLIC_KEY');
    });
  });

  it('throws a ConfigError that is an Error, named so in logs', () => {
    const error = configErrorOf({ JWT_PUBLIC_KEY: DEV_PUBLIC_KEY_PATH, PORT: 'abc' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.problem).toBe('must be a port number between 1 and 65535, got "abc"');
  });
});

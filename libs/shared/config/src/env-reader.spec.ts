import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

const DEV_PUBLIC_KEY_PATH = join(__dirname, '../../../../infra/dev-keys/jwt-public.pem');

function thrownBy(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('EnvReader', () => {
  describe('string', () => {
    it('trims the value, falls back when unset, and names the variable when required', () => {
      const read = new EnvReader({ NAME: '  alice  ', BLANK: ' ' });
      expect(read.string('NAME')).toBe('alice');
      expect(read.string('BLANK', 'fallback')).toBe('fallback');
      expect(read.string('UNSET', '')).toBe('');
      expect(thrownBy(() => read.string('UNSET')).message).toBe('UNSET: is required but not set');
      expect(read.optional('BLANK')).toBeUndefined();
      expect(read.optional('NAME')).toBe('alice');
    });
  });

  describe('port', () => {
    it.each([
      ['1', 1],
      ['3001', 3001],
      ['65535', 65535],
    ])('accepts %j', (raw, port) => {
      expect(new EnvReader({ PORT: raw }).port('PORT', 3000)).toBe(port);
    });

    it.each(['70000', '65536', 'abc', '0', '-1', '3000x', '1e3'])(
      'refuses %j, naming the variable',
      (raw) => {
        expect(thrownBy(() => new EnvReader({ PORT: raw }).port('PORT', 3000)).message).toBe(
          `PORT: must be a port number between 1 and 65535, got "${raw}"`,
        );
      },
    );
  });

  describe('integer', () => {
    it('accepts bounds and refuses what is outside or not an integer', () => {
      const read = (raw: string) => new EnvReader({ N: raw }).integer('N', 5, -2, 10);
      expect(read('-2')).toBe(-2);
      expect(read('10')).toBe(10);
      expect(new EnvReader({}).integer('N', 5, -2, 10)).toBe(5);
      expect(thrownBy(() => read('11')).message).toBe('N: must be an integer between -2 and 10, got "11"');
      expect(thrownBy(() => read('2.5')).message).toBe('N: must be an integer between -2 and 10, got "2.5"');
    });
  });

  describe('boolean', () => {
    it.each([
      ['true', true],
      ['YES', true],
      ['1', true],
      ['false', false],
      ['No', false],
      ['0', false],
    ])('reads %j as %s', (raw, value) => {
      expect(new EnvReader({ FLAG: raw }).boolean('FLAG', !value)).toBe(value);
    });

    it('refuses anything else', () => {
      expect(thrownBy(() => new EnvReader({ FLAG: 'maybe' }).boolean('FLAG', false)).message).toBe(
        'FLAG: must be true or false, got "maybe"',
      );
    });
  });

  describe('postgresUrl', () => {
    const EXPECTED_URL =
      "expected postgres://user@host:port/database; a password's @ # / ? % must be percent-encoded";

    it('accepts postgres:// and postgresql:// URLs naming a database', () => {
      const read = (raw: string) => new EnvReader({ DATABASE_URL: raw }).postgresUrl('DATABASE_URL', 'x');
      expect(read('postgres://u@h:5432/db')).toBe('postgres://u@h:5432/db');
      expect(read('postgresql://u:p@h/db')).toBe('postgresql://u:p@h/db');
    });

    it.each([
      ['mysql://x/y', 'must be a postgres:// URL, got protocol "mysql:"'],
      ['not a url', `is not a URL: "…" (${EXPECTED_URL})`],
      ['postgres://h:5432', 'names no database: "postgres://h:5432"'],
      ['postgres:///db', 'has no host: "postgres:///db"'],
      // The password never shows: an unparseable URL shows only its scheme, a parsed one has it masked.
      ['postgres://app:pa#ss@db/tradeflow', `is not a URL: "postgres://…" (${EXPECTED_URL})`],
      ['postgres://app:s3cret@db:5432', 'names no database: "postgres://app:***@db:5432"'],
    ])('refuses %j', (raw, problem) => {
      const error = thrownBy(() => new EnvReader({ DATABASE_URL: raw }).postgresUrl('DATABASE_URL', 'x'));
      expect(error.message).toBe(`DATABASE_URL: ${problem}`);
    });
  });

  describe('brokers', () => {
    it('splits a comma-separated list of host:port', () => {
      expect(new EnvReader({ B: ' a:1 ,b.example:9092,, ' }).brokers('B', 'x:1')).toEqual([
        'a:1',
        'b.example:9092',
      ]);
    });

    it.each(['localhost', 'localhost:', ':9092', 'a:1,b', 'host:port'])('refuses %j', (raw) => {
      expect(thrownBy(() => new EnvReader({ B: raw }).brokers('B', 'x:1')).message).toBe(
        `B: must be a comma-separated list of host:port, got "${raw}"`,
      );
    });
  });

  describe('oneOf', () => {
    it('accepts an allowed value or the fallback and refuses others', () => {
      const levels = ['error', 'warn', 'info'] as const;
      expect(new EnvReader({ L: 'warn' }).oneOf('L', levels, 'info')).toBe('warn');
      expect(new EnvReader({}).oneOf('L', levels, 'info')).toBe('info');
      expect(thrownBy(() => new EnvReader({ L: 'WARN' }).oneOf('L', levels, 'info')).message).toBe(
        'L: must be one of error, warn, info, got "WARN"',
      );
    });
  });

  describe('pem', () => {
    it('is undefined when not set', () => {
      expect(new EnvReader({}).pem('KEY')).toBeUndefined();
    });

    it('reads a PEM file by path', () => {
      const pem = new EnvReader({ KEY: DEV_PUBLIC_KEY_PATH }).pem('KEY');
      expect(pem?.startsWith('-----BEGIN PUBLIC KEY-----\n')).toBe(true);
      expect(pem?.trimEnd().endsWith('\n-----END PUBLIC KEY-----')).toBe(true);
    });

    it('turns literal \\n in an inline PEM into line breaks', () => {
      const pem = readFileSync(DEV_PUBLIC_KEY_PATH, 'utf8').trim();
      const inline = pem.split('\n').join('\\n');
      expect(inline).not.toContain('\n');
      expect(new EnvReader({ KEY: inline }).pem('KEY')).toBe(pem);
    });

    it('names the variable and the path of a missing file on one line', () => {
      const error = thrownBy(() => new EnvReader({ KEY: '/nonexistent/key.pem' }).pem('KEY'));
      expect(error.message).toMatch(/^KEY: cannot read the key file "\/nonexistent\/key\.pem": ENOENT/);
      expect(error.message).not.toContain('\n');
    });

    it('refuses a file that is not a PEM public key', () => {
      const dir = mkdtempSync(join(tmpdir(), 'env-reader-'));
      try {
        const path = join(dir, 'key.pem');
        writeFileSync(path, 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ alice@laptop\n');
        expect(thrownBy(() => new EnvReader({ KEY: path }).pem('KEY')).message).toBe(
          'KEY: is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

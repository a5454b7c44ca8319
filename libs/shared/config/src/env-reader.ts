import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/** Reads and checks environment variables, each failure naming the variable. */
export class EnvReader {
  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    throw new ConfigError(name, 'is required but not set');
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  port(name: string, fallback: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
      throw new ConfigError(name, `must be a port number between 1 and 65535, got "${raw}"`);
    }
    return Number(raw);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new ConfigError(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
    }
    return Number(raw);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  }

  postgresUrl(name: string, fallback: string): string {
    const raw = this.optional(name) ?? fallback;
    const shown = redactUrl(raw); // a password never reaches a log
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(
        name,
        `is not a URL: "${shown}" (expected postgres://user@host:port/database; a password's @ # / ? % must be percent-encoded)`,
      );
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new ConfigError(name, `must be a postgres:// URL, got protocol "${url.protocol}"`);
    }
    if (!url.hostname) throw new ConfigError(name, `has no host: "${shown}"`);
    if (url.pathname.length <= 1) throw new ConfigError(name, `names no database: "${shown}"`);
    return raw;
  }

  brokers(name: string, fallback: string): string[] {
    const raw = this.optional(name) ?? fallback;
    const brokers = raw
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    const bad = brokers.filter((b) => !/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(b));
    if (brokers.length === 0 || bad.length > 0) {
      throw new ConfigError(name, `must be a comma-separated list of host:port, got "${raw}"`);
    }
    return brokers;
  }

  /** A PEM given inline or as a path to a file holding it. */
  pem(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    const text = raw.includes('-----BEGIN') ? raw.replace(/\\n/g, '\n') : readPemFile(name, raw);
    if (!/-----BEGIN (RSA |EC )?PUBLIC KEY-----/.test(text)) {
      throw new ConfigError(name, 'is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)');
    }
    checkVerificationKey(name, text);
    return text;
  }
}

/**
 * The key must be one tokens can be verified with (RS256 needs RSA of 2048 bits or more, ES256 an EC
 * P-256 key): checked here, so a wrong key is one line naming the variable at boot, not a stack trace.
 */
function checkVerificationKey(name: string, pem: string): void {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new ConfigError(name, `is not a readable public key: ${(error as Error).message}`);
  }
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails;
  if (type === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return;
  if (type === 'ec' && details?.namedCurve === 'prime256v1') return;
  const what =
    type === 'rsa'
      ? `an RSA key of ${details?.modulusLength} bits`
      : `a ${type} key${details?.namedCurve ? ` (${details.namedCurve})` : ''}`;
  throw new ConfigError(name, `is ${what}; expected RSA of 2048 bits or more (RS256) or EC P-256 (ES256)`);
}

function readPemFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(name, `cannot read the key file "${path}": ${(error as Error).message}`);
  }
}

/**
 * A URL fit for a log line: its password replaced by ***. One that does not parse may hide a password
 * anywhere, so only its scheme is shown.
 */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? '';
    return `${scheme}…`;
  }
}

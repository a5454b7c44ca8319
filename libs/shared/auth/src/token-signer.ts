import { readFileSync } from 'node:fs';
import { sign, type SignOptions } from 'jsonwebtoken';
import { DEV_AUDIENCE, DEV_ISSUER, devKeyPath } from './dev-keys';
import { type JwtAlgorithm } from './jwt-verifier.service';
import { isRole, ROLES, type Role } from './role';

export interface SignTokenOptions {
  sub: string;
  role: Role;
  /** Required for traders, ignored for everyone else. */
  books?: readonly string[];
  /** Seconds or a timespan such as '8h'; default '1h'. */
  expiresIn?: string | number;
  /** Seconds or a timespan after `now` before the token becomes valid. */
  notBefore?: string | number;
  /** PEM private key; defaults to the development key in infra/dev-keys. */
  privateKey?: string;
  issuer?: string;
  audience?: string;
  algorithm?: JwtAlgorithm;
  /** Issue time, for tests that set their own clock. */
  now?: Date;
}

/** Signs a token in the shape JwtVerifier accepts (development CLI and tests). */
export function signToken(options: SignTokenOptions): string {
  if (typeof options.sub !== 'string' || options.sub.trim() === '') {
    throw new Error('sub must be a non-empty string');
  }
  if (!isRole(options.role)) {
    throw new Error(`unknown role '${String(options.role)}'; expected one of ${ROLES.join(', ')}`);
  }
  const claims: Record<string, unknown> = { role: options.role };
  if (options.role === 'trader') {
    if (!options.books || options.books.length === 0 || options.books.some((book) => book.trim() === '')) {
      throw new Error('a trader token needs at least one book');
    }
    claims['books'] = [...options.books];
  }
  if (options.now) {
    claims['iat'] = Math.floor(options.now.getTime() / 1000);
  }
  const signOptions: SignOptions = {
    algorithm: options.algorithm ?? 'RS256',
    subject: options.sub,
    issuer: options.issuer ?? DEV_ISSUER,
    audience: options.audience ?? DEV_AUDIENCE,
    expiresIn: timespan(options.expiresIn ?? '1h'),
  };
  if (options.notBefore !== undefined) {
    signOptions.notBefore = timespan(options.notBefore);
  }
  const privateKey = options.privateKey ?? readFileSync(devKeyPath('private'), 'utf8');
  return sign(claims, privateKey, signOptions);
}

// A bare number means seconds (jsonwebtoken would read the string '3600' as milliseconds); other strings
// are checked by jsonwebtoken itself, whose types only admit literal timespans.
function timespan(value: string | number): number | NonNullable<SignOptions['expiresIn']> {
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return value as NonNullable<SignOptions['expiresIn']>;
}

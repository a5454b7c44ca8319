import { createPublicKey, type KeyObject } from 'node:crypto';
import { JsonWebTokenError, NotBeforeError, TokenExpiredError, verify, type JwtPayload } from 'jsonwebtoken';
import { AuthError } from './auth-error';
import { type Principal } from './principal';
import { isRole } from './role';

export type JwtAlgorithm = 'RS256' | 'ES256';

export interface JwtVerifierOptions {
  /** PEM (SPKI) public key of the token issuer. */
  publicKey: string;
  issuer: string;
  audience: string;
  algorithms?: JwtAlgorithm[];
  clockToleranceSeconds?: number;
  now?: () => Date;
}

// Verifying an RS256 signature costs more than the rest of a small request; callers reuse their token.
const VERIFIED_CACHE_SIZE = 10_000;

const DEFAULT_ALGORITHMS: readonly JwtAlgorithm[] = ['RS256', 'ES256'];

/** A verified token: who it names, and until when it is accepted. */
export interface Credentials {
  principal: Principal;
  /** Milliseconds since the epoch from which the token is refused (its `exp`, clock tolerance included). */
  expiresAt: number;
}

export class JwtVerifier {
  private readonly key: KeyObject;
  private readonly algorithms: JwtAlgorithm[];
  private readonly issuer: string;
  private readonly audience: string;
  private readonly clockTolerance: number;
  private readonly now: () => Date;
  private readonly verified = new Map<string, Credentials>();

  constructor(options: JwtVerifierOptions) {
    if (!options.issuer || !options.audience) {
      throw new Error('JwtVerifier needs an issuer and an audience');
    }
    this.key = parsePublicKey(options.publicKey);
    // Only algorithms that fit the key stay allowed, so a token's header can never pick another verifier.
    const fits = algorithmsForKey(this.key);
    this.algorithms = (options.algorithms ?? DEFAULT_ALGORITHMS).filter((alg) => fits.includes(alg));
    if (this.algorithms.length === 0) {
      throw new Error(
        `JwtVerifier: none of the allowed algorithms (${(options.algorithms ?? DEFAULT_ALGORITHMS).join(', ')}) fits the ${describeKey(this.key)} public key`,
      );
    }
    this.issuer = options.issuer;
    this.audience = options.audience;
    this.clockTolerance = options.clockToleranceSeconds ?? 0;
    this.now = options.now ?? (() => new Date());
  }

  verify(token: string): Principal {
    return this.authenticate(token).principal;
  }

  /** Verifies the token like `verify`, and says until when it stays valid (a live stream ends then). */
  authenticate(token: string): Credentials {
    // A token already verified is the same bytes under the same key: only its expiry can change.
    const cached = this.verified.get(token);
    if (cached && this.now().getTime() < cached.expiresAt) return cached;
    const credentials = this.verifyFully(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value!); // the oldest entry
    }
    this.verified.set(token, credentials);
    return credentials;
  }

  private verifyFully(token: string): Credentials {
    this.checkHeader(token);
    let payload: string | JwtPayload;
    try {
      payload = verify(token, this.key, {
        algorithms: this.algorithms,
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.clockTolerance,
        clockTimestamp: Math.floor(this.now().getTime() / 1000),
      });
    } catch (error) {
      throw toAuthError(error);
    }
    const principal = toPrincipal(payload);
    // toPrincipal refused a token without a numeric exp.
    const exp = (payload as JwtPayload).exp!;
    return { principal, expiresAt: (exp + this.clockTolerance) * 1000 };
  }

  // Rejects before any key is touched: the header only ever narrows, never chooses, the algorithm.
  private checkHeader(token: string): void {
    const segments = typeof token === 'string' ? token.split('.') : [];
    if (segments.length !== 3) {
      throw new AuthError('malformed token');
    }
    const header = decodeSegment(segments[0]);
    // jsonwebtoken would check a non-object payload's claims and report a misleading reason.
    if (decodeSegment(segments[1]) === undefined) {
      throw new AuthError('malformed token');
    }
    const alg = header?.['alg'];
    if (typeof alg !== 'string') {
      throw new AuthError('malformed token');
    }
    if (alg.toLowerCase() === 'none') {
      throw new AuthError('algorithm none is not allowed');
    }
    if (!(this.algorithms as string[]).includes(alg)) {
      throw new AuthError(`algorithm ${alg} is not allowed`);
    }
  }
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(`JwtVerifier: publicKey is not a valid PEM public key (${(error as Error).message})`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType === 'rsa' && bits !== undefined && bits < 2048) {
    throw new Error(`JwtVerifier: RSA public key has ${bits} bits, at least 2048 are required`);
  }
  return key;
}

function algorithmsForKey(key: KeyObject): JwtAlgorithm[] {
  if (key.asymmetricKeyType === 'rsa') return ['RS256'];
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return ['ES256'];
  return [];
}

function describeKey(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return curve ? `${key.asymmetricKeyType ?? 'unknown'} (${curve})` : (key.asymmetricKeyType ?? 'unknown');
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof TokenExpiredError) return new AuthError('token expired');
  if (error instanceof NotBeforeError) return new AuthError('token not yet valid');
  if (error instanceof JsonWebTokenError) {
    const message = error.message;
    if (message === 'invalid signature') return new AuthError('bad signature');
    if (message.startsWith('jwt issuer invalid')) return new AuthError('wrong issuer');
    if (message.startsWith('jwt audience invalid')) return new AuthError('wrong audience');
    if (message === 'invalid algorithm') return new AuthError('algorithm is not allowed');
    if (message === 'jwt signature is required') return new AuthError('unsigned token');
    return new AuthError('malformed token');
  }
  // jws and JSON.parse throw plain errors on corrupted segments.
  return new AuthError('malformed token');
}

function toPrincipal(payload: string | JwtPayload): Principal {
  if (typeof payload !== 'object' || payload === null) {
    throw new AuthError('malformed token');
  }
  // jsonwebtoken accepts tokens without exp; an everlasting token is never wanted here.
  if (typeof payload.exp !== 'number') {
    throw new AuthError('token has no expiry');
  }
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
    throw new AuthError('token has no subject');
  }
  const role: unknown = payload['role'];
  if (role === undefined) {
    throw new AuthError('token has no role');
  }
  if (!isRole(role)) {
    throw new AuthError('token has an unknown role');
  }
  if (role !== 'trader') {
    return Object.freeze({ id: payload.sub, role, books: Object.freeze([]) });
  }
  const books: unknown = payload['books'];
  if (!Array.isArray(books) || !books.every((book) => typeof book === 'string' && book !== '')) {
    throw new AuthError('trader token needs a books array of strings');
  }
  return Object.freeze({ id: payload.sub, role, books: Object.freeze([...(books as string[])]) });
}

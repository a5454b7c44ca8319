import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sign } from 'jsonwebtoken';
import { AuthError } from './auth-error';
import { DEV_AUDIENCE, DEV_ISSUER, devKeyPath } from './dev-keys';
import { JwtVerifier, type JwtVerifierOptions } from './jwt-verifier.service';
import { signToken } from './token-signer';

const NOW = new Date('2026-11-20T10:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const publicKey = readFileSync(devKeyPath('public'), 'utf8');
const privateKey = readFileSync(devKeyPath('private'), 'utf8');

function verifier(overrides: Partial<JwtVerifierOptions> = {}): JwtVerifier {
  return new JwtVerifier({
    publicKey,
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    now: () => NOW,
    ...overrides,
  });
}

function rejection(token: string, v: JwtVerifier = verifier()): string {
  try {
    v.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return (error as AuthError).message;
  }
  throw new Error('token was accepted');
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

// Claims of a valid trader token at NOW, for tokens built by hand.
const claims = {
  sub: 'u-1',
  role: 'trader',
  books: ['EQ-LDN-1'],
  iss: DEV_ISSUER,
  aud: DEV_AUDIENCE,
  iat: NOW_SECONDS,
  exp: NOW_SECONDS + 3600,
};

describe('JwtVerifier', () => {
  it('answers a token it has verified from memory, but never past the token’s expiry', () => {
    let now = NOW;
    const v = verifier({ now: () => now });
    const token = signToken({ sub: 'alice', role: 'trader', books: ['B'], expiresIn: '1h', now: NOW });
    expect(v.verify(token)).toEqual({ id: 'alice', role: 'trader', books: ['B'] });
    now = new Date(NOW.getTime() + 59 * 60_000);
    expect(v.verify(token)).toEqual({ id: 'alice', role: 'trader', books: ['B'] });
    now = new Date(NOW.getTime() + 60 * 60_000);
    expect(rejection(token, v)).toBe('token expired');
  });

  it('says until when a token is valid: its exp, with the clock tolerance, verified or remembered', () => {
    const token = signToken({ sub: 'alice', role: 'trader', books: ['B'], expiresIn: 90, now: NOW });
    const v = verifier();
    expect(v.authenticate(token)).toEqual({
      principal: { id: 'alice', role: 'trader', books: ['B'] },
      expiresAt: NOW.getTime() + 90_000,
    });
    expect(v.authenticate(token).expiresAt).toBe(NOW.getTime() + 90_000); // from memory
    expect(verifier({ clockToleranceSeconds: 5 }).authenticate(token).expiresAt).toBe(NOW.getTime() + 95_000);
  });

  it('refuses a tampered copy of a token it remembers', () => {
    const v = verifier();
    const token = signToken({ sub: 'alice', role: 'trader', books: ['B'], expiresIn: '1h', now: NOW });
    v.verify(token);
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${b64({ ...claims, sub: 'alice', role: 'admin' })}.${signature}`;
    expect(rejection(tampered, v)).toBe('bad signature');
  });

  it('accepts a valid trader token and returns the principal with its books', () => {
    const token = signToken({ sub: 'alice', role: 'trader', books: ['EQ-LDN-1', 'FI-NY-2'], now: NOW });
    expect(verifier().verify(token)).toEqual({ id: 'alice', role: 'trader', books: ['EQ-LDN-1', 'FI-NY-2'] });
  });

  it('gives non-traders no books even when the token carries some', () => {
    const token = sign({ ...claims, role: 'risk' }, privateKey, { algorithm: 'RS256' });
    expect(verifier().verify(token)).toEqual({ id: 'u-1', role: 'risk', books: [] });
  });

  it('accepts every role', () => {
    for (const role of ['risk', 'ops', 'auditor', 'admin', 'service'] as const) {
      const token = signToken({ sub: `${role}-1`, role, now: NOW });
      expect(verifier().verify(token)).toEqual({ id: `${role}-1`, role, books: [] });
    }
  });

  describe('time, from the injected clock', () => {
    it('rejects an expired token', () => {
      const issued = new Date(NOW.getTime() - 2 * 3600_000);
      const token = signToken({ sub: 'alice', role: 'trader', books: ['B'], expiresIn: '1h', now: issued });
      expect(rejection(token)).toBe('token expired');
    });

    it('accepts the same token while the clock is before its expiry and rejects it after', () => {
      let clock = NOW;
      const v = verifier({ now: () => clock });
      const token = signToken({ sub: 'alice', role: 'trader', books: ['B'], expiresIn: 60, now: NOW });
      clock = new Date(NOW.getTime() + 59_000);
      expect(v.verify(token).id).toBe('alice');
      clock = new Date(NOW.getTime() + 60_000);
      expect(rejection(token, v)).toBe('token expired');
    });

    it('honours the clock tolerance', () => {
      const token = sign({ ...claims, exp: NOW_SECONDS - 30 }, privateKey, { algorithm: 'RS256' });
      expect(rejection(token)).toBe('token expired');
      expect(verifier({ clockToleranceSeconds: 60 }).verify(token).id).toBe('u-1');
    });

    it('rejects a token that is not valid yet', () => {
      const token = signToken({ sub: 'alice', role: 'trader', books: ['B'], notBefore: '10m', now: NOW });
      expect(rejection(token)).toBe('token not yet valid');
    });

    it('rejects a token without an expiry', () => {
      const { exp: _exp, ...everlasting } = claims;
      const token = sign(everlasting, privateKey, { algorithm: 'RS256' });
      expect(rejection(token)).toBe('token has no expiry');
    });
  });

  describe('signature and algorithm', () => {
    it('rejects a token signed by another RSA key', () => {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const token = signToken({
        sub: 'alice',
        role: 'trader',
        books: ['B'],
        now: NOW,
        privateKey: pem(other.privateKey),
      });
      expect(rejection(token)).toBe('bad signature');
    });

    it('rejects a token whose payload was changed after signing', () => {
      const [header, , signature] = signToken({ sub: 'alice', role: 'auditor', now: NOW }).split('.');
      const forged = `${header}.${b64({ ...claims, sub: 'alice', role: 'admin' })}.${signature}`;
      expect(rejection(forged)).toBe('bad signature');
    });

    it('rejects alg none, however it is spelled, with or without a signature', () => {
      for (const alg of ['none', 'None', 'NONE']) {
        const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
        expect(rejection(`${unsigned}.`)).toBe('algorithm none is not allowed');
        expect(rejection(`${unsigned}.${b64({ x: 1 })}`)).toBe('algorithm none is not allowed');
      }
    });

    it('rejects an RS256 token with its signature stripped', () => {
      const [header, payload] = signToken({ sub: 'alice', role: 'auditor', now: NOW }).split('.');
      expect(rejection(`${header}.${payload}.`)).toBe('unsigned token');
    });

    it('rejects an HS256 token signed with the public key as the HMAC secret', () => {
      const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
      const mac = createHmac('sha256', publicKey).update(input).digest('base64url');
      expect(rejection(`${input}.${mac}`)).toBe('algorithm HS256 is not allowed');
    });

    it('rejects an ES256 token when the key is RSA', () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const token = sign(claims, pem(ec.privateKey), { algorithm: 'ES256' });
      expect(rejection(token)).toBe('algorithm ES256 is not allowed');
    });

    it('rejects RS256 when the allow-list names only ES256', () => {
      expect(() => verifier({ algorithms: ['ES256'] })).toThrow(
        /none of the allowed algorithms \(ES256\) fits the rsa/,
      );
    });

    it('verifies ES256 with a P-256 key and rejects RS256 tokens there', () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const v = verifier({ publicKey: ec.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
      const token = signToken({
        sub: 'ops-7',
        role: 'ops',
        now: NOW,
        algorithm: 'ES256',
        privateKey: pem(ec.privateKey),
      });
      expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({
        alg: 'ES256',
      });
      expect(v.verify(token)).toEqual({ id: 'ops-7', role: 'ops', books: [] });
      expect(rejection(signToken({ sub: 'ops-7', role: 'ops', now: NOW }), v)).toBe(
        'algorithm RS256 is not allowed',
      );
    });

    it('refuses an RSA key shorter than 2048 bits at construction', () => {
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
      expect(() =>
        verifier({ publicKey: weak.publicKey.export({ type: 'spki', format: 'pem' }).toString() }),
      ).toThrow('JwtVerifier: RSA public key has 1024 bits, at least 2048 are required');
    });

    it('refuses a key that is not PEM at construction', () => {
      expect(() => verifier({ publicKey: 'not a key' })).toThrow(/publicKey is not a valid PEM public key/);
    });
  });

  describe('issuer and audience', () => {
    it('rejects a wrong issuer', () => {
      const token = signToken({
        sub: 'alice',
        role: 'trader',
        books: ['B'],
        now: NOW,
        issuer: 'someone-else',
      });
      expect(rejection(token)).toBe('wrong issuer');
    });

    it('rejects a wrong audience', () => {
      const token = signToken({
        sub: 'alice',
        role: 'trader',
        books: ['B'],
        now: NOW,
        audience: 'another-app',
      });
      expect(rejection(token)).toBe('wrong audience');
    });

    it('rejects a token with no issuer or no audience at all', () => {
      const { iss: _iss, ...noIssuer } = claims;
      const { aud: _aud, ...noAudience } = claims;
      expect(rejection(sign(noIssuer, privateKey, { algorithm: 'RS256' }))).toBe('wrong issuer');
      expect(rejection(sign(noAudience, privateKey, { algorithm: 'RS256' }))).toBe('wrong audience');
    });
  });

  describe('claims', () => {
    const signed = (payload: object) => sign(payload, privateKey, { algorithm: 'RS256' });

    it('rejects a missing or empty sub', () => {
      const { sub: _sub, ...noSub } = claims;
      expect(rejection(signed(noSub))).toBe('token has no subject');
      expect(rejection(signed({ ...claims, sub: ' ' }))).toBe('token has no subject');
    });

    it('rejects a missing role', () => {
      const { role: _role, ...noRole } = claims;
      expect(rejection(signed(noRole))).toBe('token has no role');
    });

    it('rejects an unknown role', () => {
      expect(rejection(signed({ ...claims, role: 'superuser' }))).toBe('token has an unknown role');
      expect(rejection(signed({ ...claims, role: 'Trader' }))).toBe('token has an unknown role');
    });

    it('rejects a trader without a books array of strings', () => {
      const { books: _books, ...noBooks } = claims;
      expect(rejection(signed(noBooks))).toBe('trader token needs a books array of strings');
      expect(rejection(signed({ ...claims, books: 'EQ-LDN-1' }))).toBe(
        'trader token needs a books array of strings',
      );
      expect(rejection(signed({ ...claims, books: ['EQ-LDN-1', 7] }))).toBe(
        'trader token needs a books array of strings',
      );
      expect(rejection(signed({ ...claims, books: [''] }))).toBe(
        'trader token needs a books array of strings',
      );
    });

    it('returns a frozen principal', () => {
      const principal = verifier().verify(signed(claims));
      expect(Object.isFrozen(principal)).toBe(true);
      expect(Object.isFrozen(principal.books)).toBe(true);
    });
  });

  describe('malformed tokens', () => {
    it.each([
      ['empty', ''],
      ['one segment', 'abc'],
      ['four segments', 'a.b.c.d'],
      ['header not JSON', `${Buffer.from('nope').toString('base64url')}.${b64(claims)}.sig`],
      ['header without alg', `${b64({ typ: 'JWT' })}.${b64(claims)}.sig`],
      ['signed payload that is not a JSON object', sign('just text', privateKey, { algorithm: 'RS256' })],
    ])('rejects %s', (_name, token) => {
      expect(rejection(token)).toBe('malformed token');
    });
  });
});

function pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

import { decode, type JwtPayload } from 'jsonwebtoken';
import { signToken } from './token-signer';

const NOW = new Date('2026-11-20T10:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

const payloadOf = (token: string) => decode(token) as JwtPayload;

describe('signToken', () => {
  it('signs RS256 with the development issuer, audience and a one-hour default expiry', () => {
    const token = signToken({ sub: 'alice', role: 'trader', books: ['EQ-LDN-1'], now: NOW });
    expect(decode(token, { complete: true })?.header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(payloadOf(token)).toEqual({
      sub: 'alice',
      role: 'trader',
      books: ['EQ-LDN-1'],
      iss: 'tradeflow-dev',
      aud: 'tradeflow',
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 3600,
    });
  });

  it('reads a bare number of seconds as seconds, also as a string', () => {
    expect(payloadOf(signToken({ sub: 'o', role: 'ops', now: NOW, expiresIn: '3600' })).exp).toBe(
      NOW_SECONDS + 3600,
    );
    expect(payloadOf(signToken({ sub: 'o', role: 'ops', now: NOW, expiresIn: 90 })).exp).toBe(
      NOW_SECONDS + 90,
    );
    expect(payloadOf(signToken({ sub: 'o', role: 'ops', now: NOW, expiresIn: '8h' })).exp).toBe(
      NOW_SECONDS + 8 * 3600,
    );
  });

  it('leaves books out for roles other than trader', () => {
    expect(payloadOf(signToken({ sub: 'r', role: 'risk', books: ['X'], now: NOW }))).not.toHaveProperty(
      'books',
    );
  });

  it('refuses a trader without books, an unknown role and an empty sub', () => {
    expect(() => signToken({ sub: 'alice', role: 'trader' })).toThrow(
      'a trader token needs at least one book',
    );
    expect(() => signToken({ sub: 'alice', role: 'trader', books: [] })).toThrow(
      'a trader token needs at least one book',
    );
    expect(() => signToken({ sub: 'x', role: 'root' as never })).toThrow(/unknown role 'root'/);
    expect(() => signToken({ sub: ' ', role: 'ops' })).toThrow('sub must be a non-empty string');
  });
});

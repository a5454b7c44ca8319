import 'reflect-metadata';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Controller, Get, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from './auth.module';
import { type AuthenticatedRequest } from './authenticated-request';
import { CurrentUser } from './current-user.decorator';
import { DEV_AUDIENCE, DEV_ISSUER, devKeyPath } from './dev-keys';
import { type Principal } from './principal';
import { Public, Roles } from './roles.decorator';
import { signToken, type SignTokenOptions } from './token-signer';

const NOW = new Date('2026-11-20T10:00:00Z');
const publicKey = readFileSync(devKeyPath('public'), 'utf8');

@Controller('trades')
class TradesController {
  @Get()
  @Roles('trader')
  list(@CurrentUser() user: Principal) {
    return { id: user.id, role: user.role, books: user.books };
  }

  @Get('expiry')
  @Roles('trader')
  expiry(@Req() request: AuthenticatedRequest) {
    return { tokenExpiresAt: request.tokenExpiresAt };
  }

  @Get('unlabelled')
  unlabelled() {
    return { reached: true };
  }
}

@Controller('limits')
@Roles('risk')
class LimitsController {
  @Get()
  list(@CurrentUser() user: Principal) {
    return { id: user.id };
  }

  @Get('audit')
  @Roles('auditor')
  audit(@CurrentUser() user: Principal) {
    return { id: user.id };
  }
}

@Controller('health')
@Public()
class HealthController {
  @Get('live')
  live() {
    return { status: 'up' };
  }
}

@Module({
  imports: [AuthModule.forRoot({ publicKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, now: () => NOW })],
  controllers: [TradesController, LimitsController, HealthController],
})
class TestAppModule {}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const trader = (overrides: Partial<SignTokenOptions> = {}) =>
  signToken({ sub: 'alice', role: 'trader', books: ['EQ-LDN-1'], now: NOW, ...overrides });

describe('AuthGuard on a Fastify app', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  async function get(url: string, token?: string) {
    const response = await app.inject({
      method: 'GET',
      url,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return {
      status: response.statusCode,
      body: response.json<Record<string, unknown>>(),
      headers: response.headers,
    };
  }

  it('answers 200 with the principal for the right role', async () => {
    const response = await get('/trades', trader());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 'alice', role: 'trader', books: ['EQ-LDN-1'] });
  });

  it('puts the token’s expiry on the request, for a live stream to end at', async () => {
    const response = await get('/trades/expiry', trader({ expiresIn: 600 }));
    expect(response.body).toEqual({ tokenExpiresAt: NOW.getTime() + 600_000 });
  });

  it('answers 200 on a public endpoint without a token', async () => {
    const response = await get('/health/live');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'up' });
  });

  it('answers 401 with WWW-Authenticate when there is no token', async () => {
    const response = await get('/trades');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, message: 'no bearer token' });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="tradeflow"');
  });

  it('answers 401 for an Authorization header that is not a bearer token', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/trades',
      headers: { authorization: 'Basic YWxpY2U6cHc=' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ message: 'no bearer token' });
  });

  it.each([
    ['a bad signature', () => trader({ privateKey: otherRsaPrivateKey() }), 'bad signature'],
    [
      'an expired token',
      () => trader({ expiresIn: '1h', now: new Date(NOW.getTime() - 2 * 3600_000) }),
      'token expired',
    ],
    [
      'alg none',
      () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(validClaims())}.`,
      'algorithm none is not allowed',
    ],
    [
      'HS256 signed with the public key as secret',
      () => hs256WithPublicKey(),
      'algorithm HS256 is not allowed',
    ],
    ['a wrong issuer', () => trader({ issuer: 'evil-idp' }), 'wrong issuer'],
    ['a wrong audience', () => trader({ audience: 'other-app' }), 'wrong audience'],
    ['garbage', () => 'not-a-jwt', 'malformed token'],
  ])('answers 401 for %s', async (_case, token, reason) => {
    const response = await get('/trades', token());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, message: reason });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="tradeflow", error="invalid_token"');
  });

  it('answers 403 for a valid token with the wrong role', async () => {
    const response = await get('/trades', signToken({ sub: 'bob', role: 'risk', now: NOW }));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ statusCode: 403, message: 'role risk may not call this endpoint' });
  });

  it('answers 403 on a handler that declares no roles, even for admin (secure by default)', async () => {
    const response = await get('/trades/unlabelled', signToken({ sub: 'root', role: 'admin', now: NOW }));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ statusCode: 403 });
  });

  it('applies controller-level roles and lets a handler override them', async () => {
    const risk = signToken({ sub: 'rita', role: 'risk', now: NOW });
    const auditor = signToken({ sub: 'audrey', role: 'auditor', now: NOW });
    expect(await get('/limits', risk)).toMatchObject({ status: 200, body: { id: 'rita' } });
    expect(await get('/limits', auditor)).toMatchObject({ status: 403 });
    expect(await get('/limits/audit', auditor)).toMatchObject({ status: 200, body: { id: 'audrey' } });
    expect(await get('/limits/audit', risk)).toMatchObject({ status: 403 });
  });
});

function validClaims() {
  const iat = NOW.getTime() / 1000;
  return {
    sub: 'alice',
    role: 'trader',
    books: ['EQ-LDN-1'],
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    iat,
    exp: iat + 3600,
  };
}

function hs256WithPublicKey(): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(validClaims())}`;
  return `${input}.${createHmac('sha256', publicKey).update(input).digest('base64url')}`;
}

function otherRsaPrivateKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

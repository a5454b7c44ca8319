import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AuthModule,
  DEV_AUDIENCE,
  DEV_ISSUER,
  devKeyPath,
  Public,
  Roles,
  ROLES,
  signToken,
} from '@tradeflow/shared/auth';
import { RATE_LIMIT_SUBJECTS, type RateLimits } from '@tradeflow/shared/config';
import { HttpEdgeModule } from '../edge/http-edge.module';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { NoRateLimit } from './rate-limit.guard';

@Controller()
class DoorsController {
  @Get('reads')
  @Roles('risk', 'trader')
  reads(): { ok: true } {
    return { ok: true };
  }

  @Get('open')
  @Public()
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('probe')
  @Public()
  @NoRateLimit()
  probe(): { ok: true } {
    return { ok: true };
  }
}

// Two a minute, so nothing refills while a test runs; traders unlimited.
const LIMITS: RateLimits = {
  trader: null,
  service: null,
  risk: { requests: 2, seconds: 60 },
  ops: null,
  auditor: null,
  admin: null,
  anonymous: { requests: 2, seconds: 60 },
};

@Module({
  imports: [
    AuthModule.forRoot({
      publicKey: readFileSync(devKeyPath('public'), 'utf8'),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
    }),
    HttpEdgeModule.forRoot(LIMITS),
  ],
  controllers: [DoorsController],
})
class TestAppModule {}

describe('RateLimitGuard on a Fastify app', () => {
  let app: NestFastifyApplication;
  const risk = (sub: string) => `Bearer ${signToken({ sub, role: 'risk' })}`;
  const get = async (url: string, authorization?: string, remoteAddress = '10.0.0.1') => {
    const response = await app.inject({
      method: 'GET',
      url,
      remoteAddress,
      headers: authorization ? { authorization } : {},
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.json<Record<string, unknown>>(),
    };
  };

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('counts every role the tokens can carry, and callers without one', () => {
    expect([...RATE_LIMIT_SUBJECTS]).toEqual([...ROLES, 'anonymous']);
  });

  it('answers a user over their role’s limit 429 with Retry-After and the policy, other users unaffected', async () => {
    const rita = risk('rita');
    expect((await get('/reads', rita)).status).toBe(200);
    expect((await get('/reads', rita)).status).toBe(200);
    const refused = await get('/reads', rita);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      type: 'https://tradeflow.dev/problems/too-many-requests',
      title: 'Too many requests',
      status: 429,
      detail: 'too many requests: 2 in 60 seconds for a risk; retry after 30 s',
    });
    // Half a token is back after 30 s of the minute's two.
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.headers['ratelimit-policy']).toBe('"risk";q=2;w=60');
    expect(refused.headers['ratelimit']).toBe('"risk";r=0;t=30');
    expect((await get('/reads', risk('rob'))).status).toBe(200);
  });

  it('leaves a role without a limit alone', async () => {
    const trader = `Bearer ${signToken({ sub: 'tina', role: 'trader', books: ['EQ-US-FLOW'] })}`;
    for (let i = 0; i < 5; i++) expect((await get('/reads', trader)).status).toBe(200);
  });

  it('counts a request without a token against its client address, and never an exempt door', async () => {
    expect((await get('/open', undefined, '10.0.0.7')).status).toBe(200);
    expect((await get('/open', undefined, '10.0.0.7')).status).toBe(200);
    expect((await get('/open', undefined, '10.0.0.7')).status).toBe(429);
    expect((await get('/open', undefined, '10.0.0.8')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await get('/probe', undefined, '10.0.0.7')).status).toBe(200);
  });

  it('checks the token before the limit, and the limit before the input’s text', async () => {
    expect((await get('/reads?x=%00')).status).toBe(401);
    const rick = risk('rick');
    expect((await get('/reads?x=%00', rick)).status).toBe(400);
    await get('/reads', rick);
    expect((await get('/reads?x=%00', rick)).status).toBe(429);
  });
});

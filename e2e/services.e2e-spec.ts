import { signToken } from '@tradeflow/shared/auth';
import { createServiceDataSource } from '@tradeflow/shared/persistence';
import {
  KafkaTestClient,
  SERVICES,
  startService,
  testInfra,
  type StartedService,
} from '@tradeflow/shared/testing';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLE_BUY } from './trade-capture/trade-capture.fixtures';
import { openStream } from './trade-capture/trade-stream.fixtures';

// The five services as real processes, as an operator and a client would meet them.
const privateKey = readFileSync(join(__dirname, '../infra/dev-keys/jwt-private.pem'), 'utf8');
const token = (claims: { role: string; sub: string; books?: string[] }, expiresIn: string | number = '5m') =>
  signToken({ ...claims, role: claims.role as 'trader', expiresIn, privateKey });

describe('service skeletons', () => {
  const started: StartedService[] = [];

  beforeAll(async () => {
    started.push(...(await Promise.all(SERVICES.map((name) => startService(name)))));
  });

  afterAll(async () => {
    await Promise.all(started.map((s) => s.process.stop()));
  });

  it.each(SERVICES)('%s is live and ready, with its database and broker checked', async (name) => {
    const service = started.find((s) => s.name === name)!;
    const live = await fetch(`${service.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'live' });
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'up', broker: 'up', consumers: 'assigned' },
    });
  });

  it.each(SERVICES)('%s serves Prometheus metrics and its OpenAPI document', async (name) => {
    const service = started.find((s) => s.name === name)!;
    const metrics = await fetch(`${service.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^tradeflow_outbox_backlog 0$/m);
    expect(text).toContain('http_request_duration_seconds_bucket{');
    expect(text).toContain('process_resident_memory_bytes');
    const docs = await fetch(`${service.url}/api/docs-json`);
    expect(docs.status).toBe(200);
    const openapi = (await docs.json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, unknown>;
    };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(openapi.info.title).toContain('Tradeflow');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/health/ready', '/api/whoami', '/api/dead-letters']),
    );
  });

  it('each service migrated its own schema, with an outbox, an inbox and its dead letters', async () => {
    for (const service of started) {
      const ds = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
      await ds.initialize();
      const tables = await ds.query<{ table_name: string }[]>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [service.schema],
      );
      await ds.destroy();
      const names = tables.map((t) => t.table_name);
      expect(names).toEqual(
        expect.arrayContaining(['dead_letter', 'dead_letter_replay', 'inbox', 'migrations', 'outbox']),
      );
      if (service.name === 'trade-capture') {
        expect(names).toEqual([
          'dead_letter',
          'dead_letter_replay',
          'idempotency_key',
          'inbox',
          'migrations',
          'outbox',
          'reference_audit',
          'reference_record',
          'trade',
          'trade_timeline',
          'trade_version',
        ]);
      }
    }
  });

  describe('authentication at the door', () => {
    const whoami = (authorization?: string) =>
      fetch(`${started[0]!.url}/api/whoami`, authorization ? { headers: { authorization } } : {});

    const expectProblem401 = async (response: Response, detail: RegExp) => {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await response.json()) as { status: number; title: string; detail: string };
      expect(body.status).toBe(401);
      expect(body.title).toBe('Unauthorized');
      expect(body.detail).toMatch(detail);
    };

    it('answers who the caller is, with a valid token', async () => {
      const response = await whoami(
        `Bearer ${token({ role: 'trader', sub: 'alice', books: ['EQ-US-FLOW'] })}`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: 'alice', role: 'trader', books: ['EQ-US-FLOW'] });
    });

    it('refuses no token, a bad signature, an expired token and alg none with 401 problems', async () => {
      await expectProblem401(await whoami(), /token/i);
      const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const forged = signToken({
        role: 'ops',
        sub: 'mallory',
        privateKey: otherKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      });
      await expectProblem401(await whoami(`Bearer ${forged}`), /signature/i);
      const expired = signToken({
        role: 'ops',
        sub: 'bob',
        privateKey,
        now: new Date(Date.now() - 3_600_000),
        expiresIn: 60,
      });
      await expectProblem401(await whoami(`Bearer ${expired}`), /expired/i);
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'eve', role: 'admin', iss: 'tradeflow-dev', aud: 'tradeflow', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      await expectProblem401(await whoami(`Bearer ${none}`), /none/i);
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    const service = await startService('ledger');
    const exit = await service.process.stop('SIGTERM');
    expect({ ...exit, logs: exit.code === 0 ? '' : service.process.logs.slice(-3000) }).toEqual({
      code: 0,
      signal: null,
      logs: '',
    });
    expect(service.process.logs).toContain(
      'SIGTERM: stopping consumers and HTTP, flushing the outbox, closing connections',
    );
  });

  it('stops trade-capture cleanly on SIGTERM with a live stream open, publishing the capture it just answered', async () => {
    const service = await startService('trade-capture');
    const kafka = await new KafkaTestClient().connect();
    try {
      const mark = await kafka.mark('fo.trade.captured.v1');
      const stream = await openStream(service.url, `Bearer ${token({ role: 'risk', sub: 'rita' })}`);
      const booked = await fetch(`${service.url}/api/trades`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token({ role: 'trader', sub: 'alice', books: ['EQ-US-FLOW'] })}`,
          'content-type': 'application/json',
          'idempotency-key': `sigterm-${Date.now()}`,
        },
        body: JSON.stringify(APPLE_BUY),
      });
      expect(booked.status).toBe(201);
      const { tradeId } = (await booked.json()) as { tradeId: string };

      // The open stream must not hold the shutdown until its timeout (which exits 1).
      const exit = await service.process.stop('SIGTERM');
      stream.close();
      expect({ ...exit, logs: exit.code === 0 ? '' : service.process.logs.slice(-3000) }).toEqual({
        code: 0,
        signal: null,
        logs: '',
      });
      const published = (await kafka.readAll('fo.trade.captured.v1', mark)).map((m) => m.key);
      expect(published).toContain(tradeId);
    } finally {
      await kafka.close();
    }
  });
});

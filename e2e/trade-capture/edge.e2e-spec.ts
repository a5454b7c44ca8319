import { createServiceDataSource } from '@tradeflow/shared/persistence';
import { randomName, rawHttp, startService, testInfra, type StartedService } from '@tradeflow/shared/testing';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer } from './trade-capture.fixtures';

// The edge check on a real trade-capture process: text that cannot be stored (a NUL, a lone surrogate)
// anywhere in a request, and a control character in the path, query or a header read, is one 400
// naming the field, before anything is written. Each of these was a 500 (PostgreSQL 22021 or 22P05).
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe('the edge check', () => {
  let service: StartedService;
  let db: DataSource;

  // Tables that only grow (the outbox drains as the relay publishes): a change would add to one of them.
  const written = async () =>
    Promise.all(
      ['trade', 'trade_version', 'idempotency_key', 'trade_timeline'].map(async (table) =>
        Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n),
      ),
    );
  const send = (
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: alice, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body }),
    });
  const expectRefusal = async (
    response: Response | { status: number; headers: Headers; text(): Promise<string> },
    fields: string[],
  ) => {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(await response.text()) as Problem;
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.field)).toEqual(fields);
    return problem;
  };
  const book = async (): Promise<string> => {
    const response = await send('POST', '/api/trades', JSON.stringify(APPLE_BUY), {
      'idempotency-key': randomName(12),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { tradeId: string }).tradeId;
  };

  beforeAll(async () => {
    service = await startService('trade-capture');
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
    await db.initialize();
  });

  afterAll(async () => {
    await service.process.stop();
    await db.destroy();
  });

  it.each([
    ['a NUL', '{"reason":"booked\\u0000in error"}', 'must not contain NUL (U+0000)'],
    [
      'a lone surrogate',
      '{"reason":"booked \\ud800 in error"}',
      'must not contain an unpaired surrogate (U+D800 to U+DFFF alone)',
    ],
  ])(
    'refuses a cancel reason with %s, naming reason; the trade stays as it was',
    async (_case, body, message) => {
      const tradeId = await book();
      const before = await written();
      const response = await send('POST', `/api/trades/${tradeId}/cancel`, body, {
        'idempotency-key': randomName(12),
      });
      const problem = await expectRefusal(response, ['reason']);
      expect(problem.errors).toEqual([{ field: 'reason', message }]);
      expect(await written()).toEqual(before);
      const trade = await send('GET', `/api/trades/${tradeId}`, undefined);
      expect(((await trade.json()) as { status: string }).status).toBe('CAPTURED');
    },
  );

  it.each([
    ['a NUL in a field name', { ...APPLE_BUY, 'note\u0000': 'x' }, ['note\u0000']],
    [
      'a NUL in a nested value',
      { ...APPLE_BUY, extra: { legs: [{ isin: 'US\u0000' }] } },
      ['extra.legs[0].isin'],
    ],
    [
      'a lone surrogate in a value and a NUL in another',
      { ...APPLE_BUY, externalRef: 'ref-\udc00', venueMic: 'XN\u0000S' },
      ['venueMic', 'externalRef'],
    ],
  ])('refuses a capture with %s, naming it, writing nothing', async (_case, body, fields) => {
    const before = await written();
    await expectRefusal(
      await send('POST', '/api/trades', JSON.stringify(body), { 'idempotency-key': randomName(12) }),
      fields,
    );
    expect(await written()).toEqual(before);
  });

  it('refuses a NUL in a query value, naming the parameter', async () => {
    await expectRefusal(await send('GET', '/api/trades?book=EQ-US%00FLOW&limit=5', undefined), ['book']);
    await expectRefusal(await send('GET', '/api/reference/books?limit=5&cursor=%01', undefined), ['cursor']);
  });

  it('refuses GET /api/reference/instruments?cursor=azoA (a NUL once decoded) as a bad cursor', async () => {
    const problem = await expectRefusal(
      await send('GET', '/api/reference/instruments?cursor=azoA', undefined),
      ['cursor'],
    );
    expect(problem.errors).toEqual([
      { field: 'cursor', message: 'is not a cursor from a previous page of this list' },
    ]);
  });

  it('refuses a NUL in a header with a problem naming it, writing nothing', async () => {
    const before = await written();
    const response = await rawHttp(service.url, {
      method: 'POST',
      target: '/api/trades',
      headers: [
        ['Authorization', alice],
        ['Content-Type', 'application/json'],
        ['Idempotency-Key', 'key\u0000one'],
      ],
      body: JSON.stringify(APPLE_BUY),
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body)).toMatchObject({
      status: 400,
      errors: [{ field: 'Idempotency-Key', message: 'must not contain control characters' }],
    });
    expect(await written()).toEqual(before);
  });

  it('refuses a control character HTTP lets through (U+0085) in the headers a door reads', async () => {
    const tradeId = await book();
    const before = await written();
    const response = await rawHttp(service.url, {
      method: 'POST',
      target: `/api/trades/${tradeId}/cancel`,
      headers: [
        ['Authorization', alice],
        ['Content-Type', 'application/json'],
        ['Idempotency-Key', 'key\u0085one'],
        ['If-Match', '"1"\u0085'],
      ],
      body: '{"reason":"booked in error"}',
    });
    expect(response.status).toBe(400);
    expect((JSON.parse(response.body) as Problem).errors?.map((e) => e.field)).toEqual([
      'If-Match',
      'Idempotency-Key',
    ]);
    expect(await written()).toEqual(before);
  });
});

import { createServiceDataSource } from '@tradeflow/shared/persistence';
import {
  KafkaTestClient,
  randomName,
  startService,
  testInfra,
  type StartedService,
} from '@tradeflow/shared/testing';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer } from './trade-capture.fixtures';

// The trading API's capture door, on a real trade-capture process, PostgreSQL and Kafka.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW', 'EQ-EU-FLOW']);
const carol = bearer('carol', 'trader', ['RATES-US']);
const ops = bearer('oscar', 'ops');

describe('POST /api/trades', () => {
  let service: StartedService;
  let db: DataSource;

  const post = (body: unknown, key: string | null = randomName(12), auth = alice) =>
    fetch(`${service.url}/api/trades`, {
      method: 'POST',
      headers: {
        authorization: auth,
        'content-type': 'application/json',
        ...(key !== null ? { 'idempotency-key': key } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const count = async (table: string) =>
    Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  beforeAll(async () => {
    service = await startService('trade-capture');
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
    await db.initialize();
  });

  afterAll(async () => {
    await service.process.stop();
    await db.destroy();
  });

  it('books a trade: 201 with its id, amounts and default settlement date, and publishes fo.trade.captured.v1', async () => {
    const kafka = await new KafkaTestClient().connect();
    const mark = await kafka.mark('fo.trade.captured.v1');
    const response = await post(APPLE_BUY, 'first-apple-buy');
    expect(response.status).toBe(201);
    const trade = (await response.json()) as Record<string, unknown>;
    expect(trade).toMatchObject({
      version: 1,
      status: 'CAPTURED',
      currency: 'USD',
      grossAmount: '190250.00',
      netAmount: '190262.50',
      settlementDate: '2026-11-23',
      book: 'EQ-US-FLOW',
      trader: 'alice',
      quantity: '1000',
      price: '190.25',
    });
    expect(trade['tradeId']).toMatch(/^T-\d{8}-\d{6}$/);
    expect(response.headers.get('location')).toBe(`/api/trades/${String(trade['tradeId'])}`);
    expect(response.headers.get('etag')).toBe('"1"');

    let published: { key: string | null; value: string | null; headers: Record<string, string> } | undefined;
    for (let i = 0; i < 50 && !published; i++) {
      published = (await kafka.readAll('fo.trade.captured.v1', mark)).find((m) => m.key === trade['tradeId']);
      if (!published) await new Promise((r) => setTimeout(r, 200));
    }
    await kafka.close();
    const envelope = JSON.parse(published!.value!) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      type: 'trade.captured',
      version: 1,
      producer: 'trade-capture',
      key: trade['tradeId'],
      correlationId: trade['tradeId'],
      causationId: null,
      actor: { id: 'alice', role: 'trader' },
      payload: trade,
    });
    expect(published!.headers).toMatchObject({
      type: 'trade.captured',
      version: '1',
      'event-id': envelope['eventId'],
    });
  });

  it('answers a retry with the same key and body with the same response, booking once', async () => {
    const first = await post(APPLE_BUY, 'retry-key');
    const again = await post(APPLE_BUY, 'retry-key');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(
      await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM idempotency_key WHERE key = 'retry-key'`),
    ).toEqual([{ n: '1' }]);
  });

  it('refuses the same key with another body with 409', async () => {
    await post(APPLE_BUY, 'reused-key');
    const response = await post({ ...APPLE_BUY, quantity: '2000' }, 'reused-key');
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
      'Idempotency-Key',
    );
  });

  it('books once when 20 requests with one key arrive together', async () => {
    const before = await count('trade');
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(APPLE_BUY, 'burst-key')));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ tradeId: string }>));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(bodies.map((b) => b.tradeId)).size).toBe(1);
    expect(await count('trade')).toBe(before + 1);
  });

  it.each([
    ['no Idempotency-Key', APPLE_BUY, null, 400, 'Idempotency-Key'],
    ['malformed JSON', '{"book": "EQ-US-FLOW",', 'k-malformed', 400, undefined],
    ['an unknown field', { ...APPLE_BUY, discount: '5' }, 'k-unknown', 400, 'discount'],
    ['a number for a quantity', { ...APPLE_BUY, quantity: 1000 }, 'k-number', 400, 'quantity'],
    ['a zero quantity', { ...APPLE_BUY, quantity: '0' }, 'k-zero', 422, 'quantity'],
    ['a negative quantity', { ...APPLE_BUY, quantity: '-5' }, 'k-negative', 422, 'quantity'],
    ['a price with 9 decimals', { ...APPLE_BUY, price: '190.123456789' }, 'k-decimals', 422, 'price'],
    ['1e309', { ...APPLE_BUY, price: '1e309' }, 'k-exponent', 422, 'price'],
    ['an empty counterparty', { ...APPLE_BUY, counterpartyLei: '' }, 'k-empty', 422, 'counterpartyLei'],
    ['a bad ISIN check digit', { ...APPLE_BUY, instrumentId: 'US0373831005' }, 'k-isin', 422, 'instrumentId'],
    ['a bad LEI', { ...APPLE_BUY, counterpartyLei: 'W22LROWP2IHZNBB6K529' }, 'k-lei', 422, 'counterpartyLei'],
    ['an unknown MIC', { ...APPLE_BUY, venueMic: 'XXXX' }, 'k-mic', 422, 'venueMic'],
    [
      'a trade date on Thanksgiving',
      { ...APPLE_BUY, tradeDate: '2026-11-26' },
      'k-holiday',
      422,
      'tradeDate',
    ],
    [
      'a settlement date on a Sunday',
      { ...APPLE_BUY, settlementDate: '2026-11-29' },
      'k-sunday',
      422,
      'settlementDate',
    ],
    ['another trader’s book', { ...APPLE_BUY, book: 'EQ-UK-FLOW' }, 'k-book', 403, 'book'],
    // Each quantity and price fits, their product does not fit an amount's 18 digits (190.25e18).
    ['a body nested 20,000 deep', `{"x":${'['.repeat(20000)}${']'.repeat(20000)}}`, 'k-deep', 400, 'x'],
    ['a gross of 20 digits', { ...APPLE_BUY, quantity: '1000000000000000000' }, 'k-gross', 422, 'quantity'],
    ['a trade date of 9999-12-31', { ...APPLE_BUY, tradeDate: '9999-12-31' }, 'k-9999', 422, 'tradeDate'],
  ])(
    'answers %s with a problem naming the field, writing nothing',
    async (_case, body, key, status, field) => {
      const [trades, keys, outbox] = [
        await count('trade'),
        await count('idempotency_key'),
        await count('outbox'),
      ];
      const response = await post(body, key);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as {
        status: number;
        errors?: { field: string; message: string }[];
      };
      expect(problem.status).toBe(status);
      if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
      expect([await count('trade'), await count('idempotency_key'), await count('outbox')]).toEqual([
        trades,
        keys,
        outbox,
      ]);
    },
  );

  it.each([
    ['a NUL in a trade id', '/api/trades/T-20261120-%00', alice, 400, 'id'],
    ['a NUL in a timeline’s trade id', '/api/trades/%00/timeline', alice, 400, 'id'],
    ['a NUL in a reference key', '/api/reference/instruments/%00', alice, 400, 'key'],
    ['a NUL in the audit filter', '/api/reference/audit?key=%00', bearer('ada', 'admin'), 400, 'key'],
    ['a URL that does not decode', '/api/trades/%zz', alice, 400, 'url'],
    ['a path segment of 150 characters', `/api/trades/${'T'.repeat(150)}`, alice, 414, 'url'],
  ])('answers %s with a problem naming it', async (_case, path, auth, status, field) => {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: auth } });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { status: number; errors?: { field: string }[] };
    expect(problem.status).toBe(status);
    expect(problem.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('documents in its OpenAPI every status the trading endpoints answer', async () => {
    const docs = (await (await fetch(`${service.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const statuses = (path: string, method: string) =>
      Object.keys(docs.paths[path]![method]!.responses).sort();
    expect(statuses('/api/trades', 'post')).toEqual(['201', '400', '403', '409', '422', '503']);
    expect(statuses('/api/trades/{id}', 'patch')).toEqual(['200', '400', '404', '409', '412', '422', '428']);
    expect(statuses('/api/trades/{id}/cancel', 'post')).toEqual(['200', '400', '404', '409', '412']);
  });

  it('shows a trade to its trader and to operations, and is 404 to a trader of other books', async () => {
    const booked = (await (await post(APPLE_BUY)).json()) as { tradeId: string };
    const get = (auth: string) =>
      fetch(`${service.url}/api/trades/${booked.tradeId}`, { headers: { authorization: auth } });
    expect((await get(alice)).status).toBe(200);
    expect((await get(ops)).status).toBe(200);
    const hidden = await get(carol);
    expect(hidden.status).toBe(404);
    expect(((await hidden.json()) as { detail: string }).detail).toBe(`no trade ${booked.tradeId}`);
  });
});

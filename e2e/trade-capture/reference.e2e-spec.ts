import { TOPICS } from '@tradeflow/shared/contracts';
import { createServiceDataSource } from '@tradeflow/shared/persistence';
import {
  KafkaTestClient,
  randomName,
  startService,
  testInfra,
  waitFor,
  type StartedService,
} from '@tradeflow/shared/testing';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer } from './trade-capture.fixtures';

// Reference data on two real trade-capture instances sharing one database: the shipped set loaded at
// first start, admin creates and updates (validated, audited, published), and trade validation using them.
const admin = bearer('ada', 'admin');
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);
const auditor = bearer('audrey', 'auditor');

const TESLA = {
  type: 'EQUITY',
  instrumentId: 'US88160R1014',
  isin: 'US88160R1014',
  ticker: 'TSLA',
  name: 'Tesla, Inc.',
  currency: 'USD',
  mic: 'XNAS',
  ccp: 'NSCC',
  settlementMarket: 'US',
  minIncrement: '1',
};
const GSI_LEI = 'W22LROWP2IHZNBB6K528';

interface Stored {
  kind: string;
  key: string;
  version: number;
  record: Record<string, unknown>;
  updatedBy: string;
}
interface Problem {
  status: number;
  errors?: { field: string; message: string }[];
}

describe('reference data', () => {
  let first: StartedService;
  let second: StartedService;
  let db: DataSource;
  let kafka: KafkaTestClient;
  let mark: Map<number, bigint>;

  const call = async (
    base: string,
    method: string,
    path: string,
    auth: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${base}/api/reference/${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : {}) as unknown,
    };
  };
  const book = (base: string, body: object, key = randomName(12)) =>
    fetch(`${base}/api/trades`, {
      method: 'POST',
      headers: {
        authorization: alice,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
  const auditCount = async () =>
    Number((await db.query<{ n: string }[]>('SELECT count(*)::text AS n FROM reference_audit'))[0]!.n);

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    mark = await kafka.mark(TOPICS.instrumentUpserted.name);
    first = await startService('trade-capture');
    // A second instance of the same service: same schema, its own port and memory.
    second = await startService('trade-capture', { DATABASE_SCHEMA: first.schema });
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema: first.schema });
    await db.initialize();
  });

  afterAll(async () => {
    await second.process.stop();
    await first.process.stop();
    await db.destroy();
    await kafka.close();
  });

  it('loads the shipped set once at first start, audited and published, and serves it to every role', async () => {
    const instruments = await call(first.url, 'GET', 'instruments?limit=1000', alice);
    const items = (instruments.body as { items: Stored[] }).items;
    expect(items).toHaveLength(52); // 40 equities, 6 bonds, 6 FX pairs
    expect(items.find((i) => i.key === 'US0378331005')).toMatchObject({
      version: 1,
      updatedBy: 'trade-capture',
      record: { type: 'EQUITY', mic: 'XNAS', ccp: 'NSCC', currency: 'USD' },
    });
    const counterparties = await call(first.url, 'GET', 'counterparties', bearer('olga', 'ops'));
    expect((counterparties.body as { items: Stored[] }).items).toHaveLength(10);
    const books = await call(first.url, 'GET', 'books', auditor);
    expect((books.body as { items: Stored[] }).items.map((b) => b.key)).toContain('EQ-US-FLOW');
    // Two instances started: the set was loaded by one of them, once.
    const loads = await db.query<{ n: string }[]>(
      "SELECT count(*)::text AS n FROM reference_audit WHERE action = 'LOAD'",
    );
    expect(Number(loads[0]!.n)).toBe(52 + 10 + 6);

    const one = await call(first.url, 'GET', 'instruments/US0378331005', alice);
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toBe('"1"');
    const trail = await call(first.url, 'GET', 'audit?kind=instrument&key=US0378331005', auditor);
    const [loaded] = (trail.body as { items: { action: string; eventId: string }[] }).items;
    expect(loaded?.action).toBe('LOAD');
    const published = await waitFor(async () =>
      (await kafka.readAll(TOPICS.instrumentUpserted.name, mark)).find((m) =>
        m.value?.includes(loaded!.eventId),
      ),
    );
    expect(published.key).toBe('US0378331005');
  });

  it('lets an admin create an instrument that traders can book at once, on every instance', async () => {
    const before = await auditCount();
    const created = await call(first.url, 'POST', 'instruments', admin, TESLA, {
      'idempotency-key': randomName(10),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/reference/instruments/US88160R1014');
    expect(created.body).toMatchObject({ key: 'US88160R1014', version: 1, updatedBy: 'ada', record: TESLA });
    expect(await auditCount()).toBe(before + 1);

    const tesla = { ...APPLE_BUY, instrumentId: 'US88160R1014', price: '250.00' };
    expect((await book(first.url, tesla)).status).toBe(201);
    // The other instance heard of it through the database, without a restart.
    await waitFor(async () => ((await book(second.url, tesla)).status === 201 ? true : undefined), {
      what: 'the second instance to accept the new instrument',
    });

    const again = await call(first.url, 'POST', 'instruments', admin, TESLA);
    expect(again.status).toBe(409);
    expect((again.body as Problem).errors).toEqual([{ field: 'instrumentId', message: 'exists already' }]);
  });

  it('updates a counterparty with If-Match; a deactivated counterparty can no longer be traded with', async () => {
    // Booked before the change: a retry of it after the change must still get its first answer.
    const key = randomName(12);
    const booked = await book(first.url, APPLE_BUY, key);
    expect(booked.status).toBe(201);
    const bookedId = ((await booked.json()) as { tradeId: string }).tradeId;
    const current = await call(first.url, 'GET', `counterparties/${GSI_LEI}`, admin);
    const record = (current.body as Stored).record;
    const stale = await call(
      first.url,
      'PUT',
      `counterparties/${GSI_LEI}`,
      admin,
      { ...record, active: false },
      {
        'if-match': '"7"',
      },
    );
    expect(stale.status).toBe(412);
    const updated = await call(
      first.url,
      'PUT',
      `counterparties/${GSI_LEI}`,
      admin,
      { ...record, active: false },
      {
        'if-match': current.headers.get('etag')!,
      },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, record: { active: false }, updatedBy: 'ada' });

    const refused = await book(first.url, APPLE_BUY);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as Problem).errors?.map((e) => e.field)).toEqual(['counterpartyLei']);
    // The retry of the earlier booking is its first answer, not a 422 that would have it booked twice;
    // the same key with another request is still a 409.
    const retried = await book(first.url, APPLE_BUY, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retried.json()) as { tradeId: string }).tradeId).toBe(bookedId);
    expect((await book(first.url, { ...APPLE_BUY, quantity: '7' }, key)).status).toBe(409);

    const trail = await call(first.url, 'GET', `audit?kind=counterparty&key=${GSI_LEI}`, auditor);
    const update = (trail.body as { items: Record<string, unknown>[] }).items.at(-1);
    expect(update).toMatchObject({
      action: 'UPDATE',
      version: 2,
      actor: { id: 'ada', role: 'admin' },
      before: { active: true },
      after: { active: false },
    });

    // Back to active, so the trade books again.
    await call(first.url, 'PUT', `counterparties/${GSI_LEI}`, admin, record);
    expect((await book(first.url, APPLE_BUY)).status).toBe(201);
  });

  it.each<[string, string, string, unknown, number, string]>([
    ['a trader creating', 'POST', 'instruments', TESLA, 403, ''],
    ['malformed JSON', 'POST', 'instruments', '{"type": "EQUITY",', 400, ''],
    ['an unknown field', 'POST', 'counterparties', { lei: GSI_LEI, nickname: 'x' }, 400, 'nickname'],
    [
      'a bad ISIN check digit',
      'POST',
      'instruments',
      { ...TESLA, instrumentId: 'US88160R1015', isin: 'US88160R1015' },
      422,
      'isin',
    ],
    [
      'a credit limit of 1e309',
      'PUT',
      `counterparties/${GSI_LEI}`,
      { lei: GSI_LEI, name: 'GSI', country: 'GB', creditLimitUsd: '1e309', active: true },
      400,
      'creditLimitUsd',
    ],
    [
      'an empty book name',
      'PUT',
      'books/EQ-US-FLOW',
      {
        book: 'EQ-US-FLOW',
        name: '',
        traders: [],
        baseCurrency: 'USD',
        limits: { maxTradeNotionalUsd: '1', positionLimit: '1' },
      },
      400,
      'name',
    ],
    [
      'a body key other than the path',
      'PUT',
      'books/EQ-US-FLOW',
      {
        book: 'EQ-EU-FLOW',
        name: 'x',
        traders: [],
        baseCurrency: 'EUR',
        limits: { maxTradeNotionalUsd: '1', positionLimit: '1' },
      },
      422,
      'book',
    ],
    [
      'a type change',
      'PUT',
      'instruments/US0378331005',
      {
        type: 'BOND',
        instrumentId: 'US0378331005',
        isin: 'US0378331005',
        name: 'Apple as a bond',
        currency: 'USD',
        issuerType: 'CORPORATE',
        couponRate: '1',
        couponFrequency: 2,
        dayCount: '30/360',
        issueDate: '2020-01-15',
        maturityDate: '2030-01-15',
        minIncrement: '1000',
        settlementMarket: 'US',
      },
      422,
      'type',
    ],
    ['an unknown kind', 'POST', 'desks', { name: 'x' }, 404, ''],
    ['a kind named after an object property', 'POST', 'constructor', { name: 'x' }, 404, ''],
  ])('refuses %s with a problem and writes nothing', async (_name, method, path, body, status, field) => {
    const before = await auditCount();
    const response = await call(first.url, method, path, status === 403 ? alice : admin, body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect((response.body as Problem).errors?.map((e) => e.field)).toContain(field);
    expect(await auditCount()).toBe(before);
  });

  it('lists a calendar’s holidays for a year, and names a bad year', async () => {
    const us = await call(first.url, 'GET', 'calendars/US?year=2026', alice);
    expect(us.status).toBe(200);
    const holidays = (us.body as { holidays: { date: string }[] }).holidays.map((h) => h.date);
    expect(holidays).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-07-03', '2026-11-26', '2026-12-25']),
    );
    const bad = await call(first.url, 'GET', 'calendars/US?year=20x6', alice);
    expect(bad.status).toBe(400);
    expect((bad.body as Problem).errors?.[0]?.field).toBe('year');
    expect((await call(first.url, 'GET', 'calendars/MARS', alice)).status).toBe(404);
  });
});

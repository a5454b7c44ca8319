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

// Amend (PATCH with If-Match) and cancel on a real trade-capture process, PostgreSQL and Kafka.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW', 'EQ-EU-FLOW']);
const bob = bearer('bob', 'trader', ['EQ-UK-FLOW']);
const erin = bearer('erin', 'trader', ['EQ-US-FLOW']);

interface Trade {
  tradeId: string;
  version: number;
  status: string;
  quantity: string;
  grossAmount: string;
  netAmount: string;
  settlementDate: string;
}

describe('amend and cancel', () => {
  let service: StartedService;
  let db: DataSource;

  const book = async (): Promise<Trade> => {
    const response = await fetch(`${service.url}/api/trades`, {
      method: 'POST',
      headers: {
        authorization: alice,
        'content-type': 'application/json',
        'idempotency-key': randomName(12),
      },
      body: JSON.stringify(APPLE_BUY),
    });
    return (await response.json()) as Trade;
  };
  const amend = (id: string, body: unknown, ifMatch: string | null, auth = alice) =>
    fetch(`${service.url}/api/trades/${id}`, {
      method: 'PATCH',
      headers: {
        authorization: auth,
        'content-type': 'application/json',
        ...(ifMatch !== null ? { 'if-match': ifMatch } : {}),
      },
      body: JSON.stringify(body),
    });
  const cancel = (id: string, body: unknown = { reason: 'booked in error' }, auth = alice) =>
    fetch(`${service.url}/api/trades/${id}/cancel`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const versions = async (id: string) =>
    (
      await db.query<{ version: number }[]>(
        'SELECT version FROM trade_version WHERE trade_id = $1 ORDER BY version',
        [id],
      )
    ).map((r) => r.version);

  beforeAll(async () => {
    service = await startService('trade-capture');
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
    await db.initialize();
  });

  afterAll(async () => {
    await service.process.stop();
    await db.destroy();
  });

  it('amends a trade into version 2, recomputes its amounts and publishes fo.trade.amended.v1', async () => {
    const kafka = await new KafkaTestClient().connect();
    const mark = await kafka.mark('fo.trade.amended.v1');
    const trade = await book();
    const response = await amend(trade.tradeId, { quantity: '1500' }, '"1"');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    const amended = (await response.json()) as Trade;
    expect(amended).toMatchObject({
      tradeId: trade.tradeId,
      version: 2,
      status: 'CAPTURED',
      quantity: '1500',
    });
    expect(amended.grossAmount).toBe('285375.00'); // 1500 × 190.25
    expect(amended.netAmount).toBe('285387.50'); // + 12.50 commission
    expect(await versions(trade.tradeId)).toEqual([1, 2]);

    const event = await waitFor(async () =>
      (await kafka.readAll('fo.trade.amended.v1', mark)).find((m) => m.key === trade.tradeId),
    );
    await kafka.close();
    expect(JSON.parse(event.value!)).toMatchObject({
      type: 'trade.amended',
      actor: { id: 'alice', role: 'trader' },
      payload: { tradeId: trade.tradeId, version: 2, previousVersion: 1, quantity: '1500' },
    });
  });

  it('answers a stale If-Match with 412 and a missing one with 428, changing nothing', async () => {
    const trade = await book();
    await amend(trade.tradeId, { price: '190.30' }, '"1"');
    const stale = await amend(trade.tradeId, { price: '190.40' }, '"1"');
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('If-Match');
    const missing = await amend(trade.tradeId, { price: '190.40' }, null);
    expect(missing.status).toBe(428);
    expect(await versions(trade.tradeId)).toEqual([1, 2]);
  });

  it('keeps the booking trader when another trader of the book amends, and records who amended', async () => {
    const trade = await book();
    const response = await amend(trade.tradeId, { quantity: '1300' }, '"1"', erin);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { trader: string }).trader).toBe('alice');
    const [row] = await db.query<{ trader: string; updated_by: string }[]>(
      'SELECT trader, updated_by FROM trade WHERE trade_id = $1',
      [trade.tradeId],
    );
    expect(row).toEqual({ trader: 'alice', updated_by: 'erin' });
  });

  it('answers amendments racing on one version with one 200 and 412s, and a racing cancel with 200 or 409, never 404', async () => {
    const trade = await book();
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) => amend(trade.tradeId, { quantity: String(1100 + i) }, '"1"')),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
    expect(await versions(trade.tradeId)).toEqual([1, 2]);

    // On version 2: one amendment and two cancels at once. Whichever goes first, the trade ends
    // cancelled by exactly one of them, and nobody is told the trade does not exist.
    const [amended, ...cancels] = await Promise.all([
      amend(trade.tradeId, { quantity: '1200' }, '"2"'),
      cancel(trade.tradeId),
      cancel(trade.tradeId),
    ]);
    expect([200, 409]).toContain(amended.status);
    expect(cancels.map((r) => r.status).sort()).toEqual([200, 409]);
    const [state] = await db.query<{ status: string }[]>('SELECT status FROM trade WHERE trade_id = $1', [
      trade.tradeId,
    ]);
    expect(state!.status).toBe('CANCELLED');
  });

  it('refuses to amend the book, and a bad value, with the field named', async () => {
    const trade = await book();
    const moved = await amend(trade.tradeId, { book: 'EQ-EU-FLOW' }, '"1"');
    expect(moved.status).toBe(400);
    expect(((await moved.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'book',
    ]);
    const bad = await amend(trade.tradeId, { quantity: '-1' }, '"1"');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'quantity',
    ]);
    expect(await versions(trade.tradeId)).toEqual([1]);
  });

  it('cancels a trade, publishes fo.trade.cancelled.v1, then refuses to amend or cancel it again with 409', async () => {
    const kafka = await new KafkaTestClient().connect();
    const mark = await kafka.mark('fo.trade.cancelled.v1');
    const trade = await book();
    const response = await cancel(trade.tradeId);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Trade).status).toBe('CANCELLED');

    const event = await waitFor(async () =>
      (await kafka.readAll('fo.trade.cancelled.v1', mark)).find((m) => m.key === trade.tradeId),
    );
    await kafka.close();
    expect(JSON.parse(event.value!)).toMatchObject({
      type: 'trade.cancelled',
      payload: { tradeId: trade.tradeId, version: 1, reason: 'booked in error' },
    });

    const amendCancelled = await amend(trade.tradeId, { quantity: '10' }, '"1"');
    expect(amendCancelled.status).toBe(409);
    expect(((await amendCancelled.json()) as { detail: string }).detail).toMatch(/CANCELLED/);
    expect((await cancel(trade.tradeId)).status).toBe(409);
  });

  it('is 404 to a trader of other books, who can neither amend nor cancel', async () => {
    const trade = await book();
    expect((await amend(trade.tradeId, { quantity: '1' }, '"1"', bob)).status).toBe(404);
    expect((await cancel(trade.tradeId, undefined, bob)).status).toBe(404);
    expect(await versions(trade.tradeId)).toEqual([1]);
    const row = await db.query<{ status: string }[]>('SELECT status FROM trade WHERE trade_id = $1', [
      trade.tradeId,
    ]);
    expect(row).toEqual([{ status: 'CAPTURED' }]);
  });

  it('answers a replayed cancel only to a trader who may still see the trade: 404 once the book is taken away', async () => {
    const trade = await book();
    const cancelWithKey = (auth: string) =>
      fetch(`${service.url}/api/trades/${trade.tradeId}/cancel`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': 'cancel-1' },
        body: JSON.stringify({ reason: 'booked in error' }),
      });
    expect((await cancelWithKey(alice)).status).toBe(200);
    const replayed = await cancelWithKey(alice);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    // A new token for alice without EQ-US-FLOW: the stored answer is not hers to read any more.
    const withoutTheBook = await cancelWithKey(bearer('alice', 'trader', ['EQ-EU-FLOW']));
    expect(withoutTheBook.status).toBe(404);
    expect(withoutTheBook.headers.get('idempotent-replayed')).toBeNull();
    expect(await withoutTheBook.json()).toMatchObject({ status: 404, detail: `no trade ${trade.tradeId}` });
  });
});

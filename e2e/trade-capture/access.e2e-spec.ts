import { randomName, type StartedService } from '@tradeflow/shared/testing';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer, startTradeCapture } from './trade-capture.fixtures';
import { openStream, type StreamedEvent } from './trade-stream.fixtures';

// The trade access policy at every door of a real trade-capture process: a trader sees and acts only on
// their own books, and another book's trade is answered exactly as one that does not exist. (Each door's
// own suite has its first case too: capture, amend-cancel, list and timeline.)
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);
const bob = bearer('bob', 'trader', ['EQ-UK-FLOW']);
const rita = bearer('rita', 'risk');

const UK_SELL = {
  book: 'EQ-UK-FLOW',
  side: 'SELL',
  instrumentId: 'GB0002634946',
  quantity: '500',
  price: '13.20',
  counterpartyLei: APPLE_BUY.counterpartyLei,
  tradeDate: APPLE_BUY.tradeDate,
};

interface Trade {
  tradeId: string;
  version: number;
  status: string;
}
interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe('trade access: one policy at every door', () => {
  let service: StartedService;
  let db: DataSource;

  const call = async (path: string, auth: string, method = 'GET', body?: unknown, headers = {}) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        authorization: auth,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const book = async (body: object, auth: string): Promise<Trade> => {
    const { status, body: trade } = await call('/api/trades', auth, 'POST', body, {
      'idempotency-key': randomName(12),
    });
    expect(status).toBe(201);
    return trade as Trade;
  };
  const cancel = (id: string, auth: string) =>
    call(`/api/trades/${id}/cancel`, auth, 'POST', { reason: 'booked in error' });
  const listed = async (query: string, auth: string) =>
    ((await call(`/api/trades${query}`, auth)).body as { items: Trade[] }).items.map((t) => t.tradeId);

  beforeAll(async () => {
    ({ service, db } = await startTradeCapture());
  });

  afterAll(async () => {
    await service.process.stop();
    await db.destroy();
  });

  const doors: [string, (id: string) => Promise<{ status: number; body: unknown }>][] = [
    ['GET /api/trades/{id}', (id) => call(`/api/trades/${id}`, alice)],
    [
      'PATCH /api/trades/{id}',
      (id) => call(`/api/trades/${id}`, alice, 'PATCH', { quantity: '1' }, { 'if-match': '"1"' }),
    ],
    ['POST /api/trades/{id}/cancel', (id) => cancel(id, alice)],
    ['GET /api/trades/{id}/timeline', (id) => call(`/api/trades/${id}/timeline`, alice)],
  ];

  it.each(doors)(
    '%s answers another book’s trade exactly as a trade that does not exist',
    async (_door, knock) => {
      const his = await book(UK_SELL, bob);
      const absent = 'T-20261120-999999999';
      const hidden = await knock(his.tradeId);
      const missing = await knock(absent);
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect((hidden.body as Problem).detail.replace(his.tradeId, '<id>')).toBe(
        (missing.body as Problem).detail.replace(absent, '<id>'),
      );
      // Untouched, and still there for those who may see it.
      const own = await call(`/api/trades/${his.tradeId}`, bob);
      expect(own).toMatchObject({ status: 200, body: { version: 1, status: 'CAPTURED' } });
      expect((await call(`/api/trades/${his.tradeId}/timeline`, rita)).status).toBe(200);
    },
  );

  it('leaves another book’s trades out of a trader’s list, even filtered by that book', async () => {
    const his = await book(UK_SELL, bob);
    const hers = await book(APPLE_BUY, alice);
    expect(await listed('', alice)).toContain(hers.tradeId);
    expect(await listed('', alice)).not.toContain(his.tradeId);
    expect(await listed('?book=EQ-UK-FLOW', alice)).toEqual([]);
    expect(await listed(`?instrumentId=${UK_SELL.instrumentId}`, alice)).toEqual([]);
    expect(await listed('?book=EQ-UK-FLOW', bob)).toContain(his.tradeId);
    expect(await listed('?book=EQ-UK-FLOW', rita)).toContain(his.tradeId);
  });

  it('never delivers another book’s changes on a trader’s stream, live or replayed', async () => {
    const aliceLive = await openStream(service.url, alice);
    const ritaLive = await openStream(service.url, rita);
    const first = await book(APPLE_BUY, alice); // where she will resume from, before bob's trade
    const his = await book(UK_SELL, bob);
    expect((await cancel(his.tradeId, bob)).status).toBe(200);
    // Her own changes after his: the stream is in commit order, so once she has them his would be in.
    const hers = await book(APPLE_BUY, alice);
    expect((await cancel(hers.tradeId, alice)).status).toBe(200);

    const cancelled = (id: string) => (events: StreamedEvent[]) =>
      events.some((e) => e.data['tradeId'] === id && e.data['status'] === 'CANCELLED');
    const live = await aliceLive.until(cancelled(hers.tradeId));
    const seenByRisk = await ritaLive.until((e) => cancelled(his.tradeId)(e) && cancelled(hers.tradeId)(e));
    aliceLive.close();
    ritaLive.close();
    expect(live.map((e) => [e.data['tradeId'], e.data['status']])).toEqual([
      [first.tradeId, 'CAPTURED'],
      [hers.tradeId, 'CAPTURED'],
      [hers.tradeId, 'CANCELLED'],
    ]);
    expect(seenByRisk.map((e) => [e.data['tradeId'], e.data['status']])).toEqual(
      expect.arrayContaining([
        [his.tradeId, 'CAPTURED'],
        [his.tradeId, 'CANCELLED'],
      ]),
    );

    // Resumed from her first trade: every change since is replayed to her, and none of his.
    const resumed = await openStream(service.url, alice, live[0]!.id);
    const replayed = await resumed.until(cancelled(hers.tradeId));
    resumed.close();
    expect(replayed.map((e) => [e.data['tradeId'], e.data['status']])).toEqual([
      [hers.tradeId, 'CAPTURED'],
      [hers.tradeId, 'CANCELLED'],
    ]);
  });

  it('refuses a capture into a book not held with 403, after the shape and before the rules', async () => {
    const post = (body: object, auth = alice) =>
      call('/api/trades', auth, 'POST', body, { 'idempotency-key': randomName(12) });
    const forbidden = await post(UK_SELL);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({
      detail: 'you may not book in this book',
      errors: [{ field: 'book' }],
    });
    // A malformed body is refused as such, whatever its book; a broken rule in a book not held is 403 only.
    expect((await post({ ...UK_SELL, quantity: 500 })).status).toBe(400);
    const hidingRules = await post({ ...UK_SELL, quantity: '-1', instrumentId: 'XX' });
    expect(hidingRules).toMatchObject({ status: 403, body: { errors: [{ field: 'book' }] } });
    expect((hidingRules.body as Problem).errors).toHaveLength(1);
    expect((await post({ ...UK_SELL, quantity: '-1' }, bob)).status).toBe(422);
  });
});

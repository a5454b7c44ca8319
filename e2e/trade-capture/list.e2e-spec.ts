import { randomName, startService, type StartedService } from '@tradeflow/shared/testing';
import { bearer } from './trade-capture.fixtures';

// GET /api/trades on a real trade-capture process: filters, newest first, cursor pages, visibility.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW', 'EQ-EU-FLOW']);
const bob = bearer('bob', 'trader', ['EQ-UK-FLOW', 'EQ-EU-FLOW']);
const auditor = bearer('audrey', 'auditor');

const usTrade = {
  book: 'EQ-US-FLOW',
  side: 'BUY',
  instrumentId: 'US0378331005',
  quantity: '100',
  price: '190.25',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
};
const ukTrade = {
  ...usTrade,
  book: 'EQ-UK-FLOW',
  instrumentId: 'GB0002634946',
  price: '13.20',
  tradeDate: '2026-11-19',
};

interface Page {
  items: { tradeId: string; book: string; tradeDate: string }[];
  nextCursor: string | null;
}

describe('GET /api/trades', () => {
  let service: StartedService;
  const booked: Record<string, string[]> = { alice: [], bob: [] };

  const list = async (query: string, auth = alice) => {
    const response = await fetch(`${service.url}/api/trades${query}`, { headers: { authorization: auth } });
    return {
      status: response.status,
      body: (await response.json()) as Page & { errors?: { field: string }[] },
    };
  };

  beforeAll(async () => {
    service = await startService('trade-capture');
    for (const [who, auth, body] of [
      ['alice', alice, usTrade],
      ['alice', alice, usTrade],
      ['alice', alice, usTrade],
      ['bob', bob, ukTrade],
    ] as const) {
      const response = await fetch(`${service.url}/api/trades`, {
        method: 'POST',
        headers: {
          authorization: auth,
          'content-type': 'application/json',
          'idempotency-key': randomName(12),
        },
        body: JSON.stringify(body),
      });
      booked[who]!.push(((await response.json()) as { tradeId: string }).tradeId);
    }
  });

  afterAll(async () => {
    await service.process.stop();
  });

  it('shows a trader only the trades of their books, newest first', async () => {
    const { status, body } = await list('');
    expect(status).toBe(200);
    expect(body.items.map((t) => t.tradeId)).toEqual([...booked['alice']!].reverse());
    expect(body.nextCursor).toBeNull();
  });

  it('shows an auditor every book, and filters by book and trade date', async () => {
    const all = await list('', auditor);
    expect(all.body.items.map((t) => t.tradeId)).toEqual([...booked['alice']!, ...booked['bob']!].reverse());
    const uk = await list('?book=EQ-UK-FLOW', auditor);
    expect(uk.body.items.map((t) => t.tradeId)).toEqual(booked['bob']);
    const dated = await list('?tradeDateFrom=2026-11-20&tradeDateTo=2026-11-20', auditor);
    expect(dated.body.items.every((t) => t.tradeDate === '2026-11-20')).toBe(true);
    expect(dated.body.items).toHaveLength(3);
  });

  it('pages with an opaque cursor, without gaps or repeats', async () => {
    const first = await list('?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await list(`?limit=2&cursor=${first.body.nextCursor!}`);
    expect({ status: second.status, errors: second.body.errors }).toEqual({ status: 200, errors: undefined });
    expect([...first.body.items, ...second.body.items].map((t) => t.tradeId)).toEqual(
      [...booked['alice']!].reverse(),
    );
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=1001', 'limit'],
    ['?status=DONE', 'status'],
    ['?tradeDateFrom=20-11-2026', 'tradeDateFrom'],
    ['?tradeDateTo=2026-02-30', 'tradeDateTo'],
    ['?book=EQ-US%00FLOW', 'book'],
    [
      `?cursor=${Buffer.from('["2026-13-20T99:00:00.000000Z","T-20261120-000123"]').toString('base64url')}`,
      'cursor',
    ],
    ['?cursor=not-a-cursor', 'cursor'],
    ['?color=blue', 'color'],
  ])('answers %s with a 400 problem naming the field', async (query, field) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  });
});

import { randomName, startService, type StartedService } from '@tradeflow/shared/testing';
import { APPLE_BUY, bearer } from './trade-capture.fixtures';

// Every list pages the same way: GET /api/trades and the reference lists answer a bad cursor or limit
// with one and the same problem, and walk their pages without gaps or repeats.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);
const auditor = bearer('audrey', 'auditor');
const b64 = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

interface Answer {
  status: number;
  type: string | null;
  body: {
    detail?: string;
    errors?: { field: string; message: string }[];
    items?: { key?: string; tradeId?: string; id?: string }[];
    nextCursor?: string | null;
  };
}

describe('paging every list', () => {
  let service: StartedService;

  const get = async (path: string, auth = alice): Promise<Answer> => {
    const response = await fetch(`${service.url}/api/${path}`, { headers: { authorization: auth } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Answer['body'],
    };
  };

  /** Every item of a list, page by page, checking each page's size. */
  const walk = async (path: string, limit: number, auth = alice) => {
    const items: NonNullable<Answer['body']['items']> = [];
    let cursor: string | null | undefined;
    do {
      const page = await get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, auth);
      expect(page.status).toBe(200);
      expect(page.body.items!.length).toBeLessThanOrEqual(limit);
      items.push(...page.body.items!);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    service = await startService('trade-capture');
    for (let i = 0; i < 3; i++) {
      const booked = await fetch(`${service.url}/api/trades`, {
        method: 'POST',
        headers: {
          authorization: alice,
          'content-type': 'application/json',
          'idempotency-key': randomName(12),
        },
        body: JSON.stringify(APPLE_BUY),
      });
      expect(booked.status).toBe(201);
    }
  });

  afterAll(async () => {
    await service.process.stop();
  });

  it.each([
    ['cursor=azoA', 'cursor', 'is not a cursor from a previous page of this list'],
    ['limit=0', 'limit', 'must be a whole number from 1 to 1000'],
    ['limit=1001', 'limit', 'must be a whole number from 1 to 1000'],
    ['limit=12abc', 'limit', 'must be a whole number from 1 to 1000'],
  ])('answers %s with the same 400 problem naming the field on every list', async (query, field, message) => {
    for (const path of ['trades', 'reference/instruments', 'reference/books', 'reference/audit']) {
      const answer = await get(`${path}?${query}`, auditor);
      expect({ path, status: answer.status, type: answer.type, detail: answer.body.detail }).toEqual({
        path,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
        detail: 'the query is not valid; see errors',
      });
      expect(answer.body.errors).toEqual([{ field, message }]);
    }
  });

  it.each([
    [
      'a trades cursor of month 13, hour 99',
      'trades',
      ['trades.v1', '2026-13-20T99:00:00.000000Z', 'T-20261120-000123'],
    ],
    [
      'a trades cursor with a NUL',
      'trades',
      ['trades.v1', '2026-11-20T10:00:00.000000Z', 'T-20261120-000123\u0000'],
    ],
    ['an instruments cursor with a NUL', 'reference/instruments', ['instrument.v1', 'US\u0000']],
    ['a books cursor given to instruments', 'reference/instruments', ['book.v1', 'EQ-US-FLOW']],
    ['an audit cursor past bigint', 'reference/audit', ['reference-audit.v1', '9'.repeat(30)]],
  ])('refuses %s as a 400 naming cursor, never a 500', async (_, path, parts) => {
    const answer = await get(`${path}?cursor=${b64(parts)}`, auditor);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.map((e) => e.field)).toEqual(['cursor']);
  });

  it('walks the instruments, the trades and the audit trail page by page, without gaps or repeats', async () => {
    const instruments = (await walk('reference/instruments', 7)).map((i) => i.key!);
    expect(instruments).toHaveLength(52); // the shipped set: 40 equities, 6 bonds, 6 FX pairs
    expect(instruments).toEqual([...instruments].sort());
    expect(new Set(instruments).size).toBe(52);

    const trades = (await walk('trades', 2)).map((t) => t.tradeId!);
    expect(trades).toHaveLength(3);
    expect(new Set(trades).size).toBe(3);

    const audit = (await walk('reference/audit', 25, auditor)).map((e) => Number(e.id));
    expect(audit.length).toBeGreaterThanOrEqual(52 + 10 + 6);
    expect(audit).toEqual([...audit].sort((a, b) => a - b));
    expect(new Set(audit).size).toBe(audit.length);
  });
});

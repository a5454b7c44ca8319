import type { Principal } from '@tradeflow/shared/auth';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { ProblemException } from '@tradeflow/shared/platform';
import { TradeRepository } from '@tradeflow/trade-capture/data-access';
import { QueryTradesService } from './query-trades.service';

const ops = { role: 'ops' } as unknown as Principal;
const trades = new TradeRepository();

/** The smallest runner the repository's list reaches: one query, answering the rows given. */
function fakeRunner(rows: unknown[] = []) {
  const query = jest.fn().mockResolvedValue({ rows });
  const run = jest.fn();
  return { runner: { query, run } as unknown as TransactionRunner, query, run };
}

const row = (tradeId: string, createdAt: string) => ({
  status: 'NEW',
  payload: { tradeId },
  created_at: createdAt,
});

/** A cursor spelled as the list gives them out: base64url of `["trades.v1", createdAt, tradeId]`. */
const cursorOf = (json: unknown, tag = 'trades.v1') =>
  Buffer.from(JSON.stringify(Array.isArray(json) ? [tag, ...json] : json)).toString('base64url');
const plain = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** The 400 problem's field errors, checking no query ran first. */
async function rejected(query: Record<string, unknown>): Promise<{ field: string }[]> {
  const fake = fakeRunner();
  const error: unknown = await new QueryTradesService(fake.runner, trades).list(query, ops).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  expect((error as ProblemException).getStatus()).toBe(400);
  expect(fake.query).not.toHaveBeenCalled();
  expect(fake.run).not.toHaveBeenCalled();
  return ((error as ProblemException).getResponse() as { errors: { field: string }[] }).errors;
}

describe('GET /api/trades query validation', () => {
  it.each(['2024-02-30', '2023-02-29', '0000-01-01', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01'])(
    'refuses the date %s as a 400 naming the filter, before any query',
    async (date) => {
      expect(await rejected({ tradeDateFrom: date })).toEqual([
        expect.objectContaining({ field: 'tradeDateFrom' }),
      ]);
      expect(await rejected({ tradeDateTo: date })).toEqual([
        expect.objectContaining({ field: 'tradeDateTo' }),
      ]);
    },
  );

  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2026-11-20'])(
    'accepts the real date %s and passes it to the query',
    async (date) => {
      const fake = fakeRunner();
      const page = await new QueryTradesService(fake.runner, trades).list(
        { tradeDateFrom: date, tradeDateTo: date },
        ops,
      );
      expect(page).toEqual({ items: [], nextCursor: null });
      expect(fake.query).toHaveBeenCalledTimes(1);
      expect(fake.query.mock.calls[0][1]).toEqual([date, date, 101]);
    },
  );

  it.each([
    ['hour 99', cursorOf(['2026-11-20T99:00:00.000000Z', 'T-20261120-000123'])],
    ['month 13', cursorOf(['2026-13-20T10:00:00.000000Z', 'T-20261120-000123'])],
    ['30 February', cursorOf(['2026-02-30T10:00:00.000000Z', 'T-20261120-000123'])],
    ['year 0000', cursorOf(['0000-01-01T10:00:00.000000Z', 'T-20261120-000123'])],
    ['minute 60', cursorOf(['2026-11-20T10:60:00.000000Z', 'T-20261120-000123'])],
    ['second 60', cursorOf(['2026-11-20T10:00:60.000000Z', 'T-20261120-000123'])],
    ['milliseconds only', cursorOf(['2026-11-20T10:00:00.000Z', 'T-20261120-000123'])],
    ['an impossible trade id date', cursorOf(['2026-11-20T10:00:00.000000Z', 'T-20260230-000001'])],
    ['a zero trade sequence', cursorOf(['2026-11-20T10:00:00.000000Z', 'T-20261120-000000'])],
    ['a non-canonical trade id', cursorOf(['2026-11-20T10:00:00.000000Z', 'T-20261120-0000123'])],
    ['three parts', cursorOf(['2026-11-20T10:00:00.000000Z', 'T-20261120-000123', 'x'])],
    ['an object', cursorOf({ createdAt: '2026-11-20T10:00:00.000000Z', tradeId: 'T-20261120-000123' })],
    ['another layout version', cursorOf(['2026-11-20T10:00:00.000000Z', 'T-20261120-000123'], 'trades.v2')],
    ['no version tag', plain(['2026-11-20T10:00:00.000000Z', 'T-20261120-000123'])],
    ['a NUL in the trade id', cursorOf(['2026-11-20T10:00:00.000000Z', 'T-20261120-000123\u0000'])],
    ['garbage', 'not-a-cursor!!'],
    ['base64 of garbage', Buffer.from('hello').toString('base64url')],
  ])('refuses a cursor with %s as a 400 naming cursor, before any query', async (_, cursor) => {
    expect(await rejected({ cursor })).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('accepts the cursor of a real previous page, and only that spelling of it', async () => {
    // limit 2 asks for 3 rows: the third says there is a next page, which starts after the second.
    const first = fakeRunner([
      row('T-20261120-000125', '2026-11-20T10:00:02.000000Z'),
      row('T-20261120-000124', '2026-11-20T10:00:01.123456Z'),
      row('T-20261120-000123', '2026-11-20T10:00:00.999999Z'),
    ]);
    const page = await new QueryTradesService(first.runner, trades).list({ limit: '2' }, ops);
    expect(page.nextCursor).toEqual(expect.any(String));

    const second = fakeRunner();
    await new QueryTradesService(second.runner, trades).list({ limit: '2', cursor: page.nextCursor }, ops);
    expect(second.query.mock.calls[0][1]).toEqual(['2026-11-20T10:00:01.123456Z', 'T-20261120-000124', 3]);

    // Base64url decoding would skip a stray character; the API never gives that cursor out.
    expect(await rejected({ cursor: `${page.nextCursor!}=` })).toEqual([
      expect.objectContaining({ field: 'cursor' }),
    ]);
  });

  it.each(['book', 'instrumentId', 'counterpartyLei'])(
    'refuses %s with a NUL or another control character as a 400 naming it, before any query',
    async (name) => {
      for (const value of ['EQ-US\u0000FLOW', 'EQ-US\nFLOW', '\u007f']) {
        expect(await rejected({ [name]: value })).toEqual([expect.objectContaining({ field: name })]);
      }
    },
  );

  it('reports a bad date and a bad cursor together', async () => {
    const errors = await rejected({ tradeDateFrom: '2024-02-30', cursor: 'nope' });
    expect(errors.map((e) => e.field).sort()).toEqual(['cursor', 'tradeDateFrom']);
  });
});

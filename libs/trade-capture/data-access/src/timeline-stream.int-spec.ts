import { createTestSchema, testInfra, waitFor, type TestSchema } from '@tradeflow/shared/testing';
import type { Tx } from '@tradeflow/shared/persistence';
import { Client } from 'pg';
import { TRADE_CAPTURE_MIGRATIONS } from './trade-capture.migrations';
import {
  STREAM_START,
  TimelineRepository,
  type NewTimelineRow,
  type StreamPosition,
} from './timeline.repository';

// The live stream's positions on the real PostgreSQL: two transactions that take their seqs in one
// order and commit in the other must both reach a reader, the earlier seq first.
describe('TimelineRepository stream positions', () => {
  let db: TestSchema;
  const timeline = new TimelineRepository();
  let eventNo = 0;
  const clients: Client[] = [];

  const connect = async (): Promise<Client> => {
    const client = new Client({ connectionString: testInfra().databaseUrl });
    await client.connect();
    await client.query(`SET search_path TO "${db.schema}"`);
    clients.push(client);
    return client;
  };
  const asTx = (client: Client) => client as unknown as Tx;

  const step = (tradeId: string, statusAfter: NewTimelineRow['statusAfter'] = 'APPROVED'): NewTimelineRow => {
    eventNo += 1;
    return {
      tradeId,
      book: 'EQ-US-FLOW',
      eventId: `00000000-0000-4000-8000-${String(eventNo).padStart(12, '0')}`,
      eventType: 'mo.trade.approved',
      producer: 'risk-compliance',
      step: { kind: 'APPROVED', version: 1, occurredAt: '2026-11-22T09:15:00.000Z' },
      recordedAt: '2026-11-22T09:15:00.100Z',
      actor: { id: 'risk-compliance', role: 'service' },
      summary: `approved ${tradeId}`,
      facts: {},
      statusBefore: statusAfter === null ? null : 'CAPTURED',
      statusAfter,
    };
  };
  const tradeIds = (changes: { entry: { tradeId: string } }[]) => changes.map((c) => c.entry.tradeId);
  const after = (a: StreamPosition, b: StreamPosition) =>
    BigInt(a.tx) !== BigInt(b.tx) ? BigInt(a.tx) > BigInt(b.tx) : BigInt(a.seq) > BigInt(b.seq);

  beforeAll(async () => {
    db = await createTestSchema('timeline_stream', TRADE_CAPTURE_MIGRATIONS);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await db.drop();
  });

  it('hands out a change committed after a higher seq, before it; nothing while the older transaction runs', async () => {
    const reader = await connect();
    const head = await timeline.streamHead(asTx(reader));
    const [first, second] = [await connect(), await connect()];

    await first.query('BEGIN');
    const firstSeq = await timeline.insert(asTx(first), step('T-20261122-000001'));
    await second.query('BEGIN');
    const secondSeq = await timeline.insert(asTx(second), step('T-20261122-000002'));
    expect(BigInt(firstSeq!) < BigInt(secondSeq!)).toBe(true);
    await second.query('COMMIT');

    // The later seq has committed, the earlier one not yet: a reader gets neither, so a client that
    // resumed after the later one could not miss the earlier.
    expect(await timeline.changesAfter(asTx(reader), head, undefined, 100)).toEqual([]);

    await first.query('COMMIT');
    const changes = await waitFor(
      async () => {
        const found = await timeline.changesAfter(asTx(reader), head, undefined, 100);
        return found.length === 2 ? found : undefined;
      },
      { what: 'both changes past the oldest running transaction' },
    );
    expect(tradeIds(changes)).toEqual(['T-20261122-000001', 'T-20261122-000002']);
    expect(changes.map((c) => c.entry.seq)).toEqual([firstSeq, secondSeq]);
    expect(after(changes[1]!.position, changes[0]!.position)).toBe(true);
    expect(after(changes[0]!.position, head)).toBe(true);

    // Resuming from the first hands out only the second; the head is now the second.
    expect(tradeIds(await timeline.changesAfter(asTx(reader), changes[0]!.position, undefined, 100))).toEqual(
      ['T-20261122-000002'],
    );
    expect(await timeline.streamHead(asTx(reader))).toEqual(changes[1]!.position);
  });

  it('hands out one transaction’s changes in seq order, page by page, past seq 9 and 99', async () => {
    const reader = await connect();
    const writer = await connect();
    // Move the seq to just below a change of digit count, so text order and number order differ.
    await writer.query("SELECT setval('trade_timeline_seq_seq', 95)");
    const head = await timeline.streamHead(asTx(reader));
    await writer.query('BEGIN');
    const seqs: string[] = [];
    for (let i = 0; i < 12; i++)
      seqs.push((await timeline.insert(asTx(writer), step(`T-20261122-0001${i}`)))!);
    await writer.query('COMMIT');
    expect(seqs.slice(3, 5)).toEqual(['99', '100']);

    const read: string[] = [];
    let from = head;
    for (let pages = 0; pages < 10 && read.length < 12; pages++) {
      const page = await timeline.changesAfter(asTx(reader), from, undefined, 5);
      read.push(...page.map((c) => c.entry.seq));
      if (page.length > 0) from = page[page.length - 1]!.position;
    }
    expect(read).toEqual(seqs);
    expect(await timeline.streamHead(asTx(reader))).toEqual(from);
  });

  it('streams status changes only, of the books asked for, and not a rolled-back one', async () => {
    const reader = await connect();
    const head = await timeline.streamHead(asTx(reader));
    const writer = await connect();
    await writer.query('BEGIN');
    await timeline.insert(asTx(writer), step('T-20261122-000010'));
    await writer.query('ROLLBACK');
    await timeline.insert(asTx(writer), step('T-20261122-000011', null)); // a step that moves no status
    await timeline.insert(asTx(writer), { ...step('T-20261122-000012'), book: 'EQ-UK-FLOW' });
    await timeline.insert(asTx(writer), step('T-20261122-000013'));

    const all = await waitFor(
      async () => {
        const found = await timeline.changesAfter(asTx(reader), head, undefined, 100);
        return found.length >= 2 ? found : undefined;
      },
      { what: 'the committed changes' },
    );
    expect(tradeIds(all)).toEqual(['T-20261122-000012', 'T-20261122-000013']);
    expect(tradeIds(await timeline.changesAfter(asTx(reader), head, ['EQ-US-FLOW'], 100))).toEqual([
      'T-20261122-000013',
    ]);
    expect(tradeIds(await timeline.changesAfter(asTx(reader), head, undefined, 1))).toEqual([
      'T-20261122-000012',
    ]);
    expect(await timeline.changesAfter(asTx(reader), STREAM_START, ['NO-SUCH-BOOK'], 100)).toEqual([]);
  });

  it('tells a resume how much it missed, in every book, and whether any of it is older than a moment', async () => {
    const writer = await connect();
    await writer.query('TRUNCATE trade_timeline');
    const at = (recordedAt: string, book = 'EQ-US-FLOW') => ({
      ...step('T-20261122-000020'),
      recordedAt,
      book,
    });
    await timeline.insert(asTx(writer), { ...at('2026-11-22T08:00:00.000Z'), tradeId: 'T-20261122-000021' });
    // Positions read straight from the table: streamHead would wait for other suites' transactions.
    const position = async (order: 'ASC' | 'DESC'): Promise<StreamPosition> =>
      (
        await writer.query<StreamPosition>(
          `SELECT tx::text AS tx, seq::text AS seq FROM trade_timeline
           WHERE status_after IS DISTINCT FROM status_before ORDER BY tx ${order}, seq ${order} LIMIT 1`,
        )
      ).rows[0]!;
    const first = await position('ASC');
    for (const [i, recordedAt] of ['2026-11-22T09:00:00.000Z', '2026-11-22T10:00:00.000Z'].entries()) {
      await timeline.insert(asTx(writer), {
        ...at(recordedAt, i === 0 ? 'EQ-UK-FLOW' : 'EQ-US-FLOW'),
        tradeId: `T-20261122-00003${i}`,
      });
    }
    await timeline.insert(asTx(writer), {
      ...step('T-20261122-000040', null), // a step that moves no status
      recordedAt: '2026-11-22T10:30:00.000Z',
    });
    const last = await position('DESC');
    const check = (from: StreamPosition, limit: number, since: string) =>
      timeline.resumeCheck(asTx(writer), from, limit, new Date(since));

    expect(await check(first, 100, '2026-11-22T08:30:00.000Z')).toEqual({
      ahead: false,
      missed: 2,
      stale: false,
    });
    expect(await check(first, 100, '2026-11-22T09:30:00.000Z')).toMatchObject({ stale: true });
    expect(await check(first, 1, '2026-11-22T08:30:00.000Z')).toMatchObject({ missed: 2 }); // limit + 1
    expect(await check(STREAM_START, 100, '2026-11-22T07:00:00.000Z')).toEqual({
      ahead: false,
      missed: 3,
      stale: false,
    });
    expect(await check(last, 100, '2026-11-22T11:00:00.000Z')).toEqual({
      ahead: false,
      missed: 0,
      stale: false,
    });
    const beyond = { tx: last.tx, seq: String(BigInt(last.seq) + 1000n) };
    expect(await check(beyond, 100, '2026-11-22T11:00:00.000Z')).toMatchObject({ ahead: true, missed: 0 });
  });
});

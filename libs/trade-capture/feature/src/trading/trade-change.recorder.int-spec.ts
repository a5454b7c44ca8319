import type { ServiceConfig } from '@tradeflow/shared/config';
import { EventValidator, TopicRegistry, type TradePayload } from '@tradeflow/shared/contracts';
import { MessagingTables1763800000000, Outbox, SqlOutboxRepository } from '@tradeflow/shared/messaging';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { FixedClock } from '@tradeflow/shared/platform';
import { createTestSchema, testInfra, type TestSchema } from '@tradeflow/shared/testing';
import {
  TimelineRepository,
  TRADE_CAPTURE_MIGRATIONS,
  TradeChangeRepository,
  TradeRepository,
} from '@tradeflow/trade-capture/data-access';
import { Client } from 'pg';
import { TimelineService } from '../timeline/timeline.service';
import { TradeChangeRecorder } from './trade-change.recorder';

// The one step that records a change of a trade, on the real PostgreSQL: a capture, an amendment and a
// cancel each leave exactly their trade row, versions, outbox event and timeline step, wake the relay
// and (when the status moves) the live streams on commit, and leave nothing when the caller's
// transaction fails.
describe('TradeChangeRecorder', () => {
  let db: TestSchema;
  let runner: TypeOrmTransactionRunner;
  let recorder: TradeChangeRecorder;
  let listener: Client;
  const heard: string[] = [];
  const alice = { id: 'alice', role: 'trader' };
  const bob = { id: 'bob', role: 'trader' };
  const bookedAt = new Date('2026-11-22T09:15:00.250Z');
  const amendedAt = new Date('2026-11-22T10:00:00.000Z');
  const cancelledAt = new Date('2026-11-22T11:30:00.000Z');
  const recordedAt = '2026-11-22T12:00:00.000Z';

  // 1000 × 190.25 = 190,250.00 gross; a buy pays the commission on top: 190,262.50 net.
  const booked = (tradeId: string): TradePayload => ({
    tradeId,
    version: 1,
    book: 'EQ-US-FLOW',
    trader: 'alice',
    side: 'BUY',
    instrumentId: 'US0378331005',
    instrumentType: 'EQUITY',
    quantity: '1000',
    price: '190.25',
    currency: 'USD',
    counterpartyLei: 'W22LROWP2IHZNBB6K528',
    tradeDate: '2026-11-22',
    settlementDate: '2026-11-24',
    venueMic: 'XNAS',
    commission: '12.50',
    grossAmount: '190250.00',
    netAmount: '190262.50',
    status: 'CAPTURED',
  });
  // 1200 × 190.25 = 228,300.00 gross, 228,312.50 net.
  const amended = (tradeId: string): TradePayload => ({
    ...booked(tradeId),
    version: 2,
    quantity: '1200',
    grossAmount: '228300.00',
    netAmount: '228312.50',
  });

  /** Everything stored about a trade, read back as plain rows (NUMERIC as PostgreSQL prints it). */
  const stored = async (tradeId: string) => ({
    trade: (
      await runner.query(
        `SELECT version, status, quantity::text AS quantity, net_amount::text AS net_amount, created_by,
           updated_by, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
           to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
         FROM trade WHERE trade_id = $1`,
        [tradeId],
      )
    ).rows,
    versions: (
      await runner.query<{ version: number; payload: unknown; event_id: string; recorded_by: string }>(
        `SELECT version, payload, event_id::text AS event_id, recorded_by FROM trade_version
         WHERE trade_id = $1 ORDER BY version`,
        [tradeId],
      )
    ).rows,
    events: (
      await runner.query<{ topic: string; message_key: string; event_type: string; value: string }>(
        'SELECT topic, message_key, event_type, value FROM outbox WHERE message_key = $1 ORDER BY id',
        [tradeId],
      )
    ).rows.map(({ value, ...row }) => ({ ...row, envelope: JSON.parse(value) as Record<string, unknown> })),
    steps: (
      await runner.query<{ kind: string; event_id: string }>(
        `SELECT kind, version, status_before, status_after, event_id::text AS event_id, actor_id, summary
         FROM trade_timeline WHERE trade_id = $1 ORDER BY seq`,
        [tradeId],
      )
    ).rows,
    keys: (
      await runner.query(
        `SELECT key, status_code, response FROM idempotency_key WHERE response->>'tradeId' = $1`,
        [tradeId],
      )
    ).rows,
  });

  /** The channels notified since the last call, once the notifications of a commit have arrived. */
  const woken = async (): Promise<string[]> => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return heard.splice(0).sort();
  };
  const relay = () => `outbox_${db.schema}`;
  const streams = () => `trade_status_${db.schema}`;

  beforeAll(async () => {
    db = await createTestSchema('trade_change', [MessagingTables1763800000000, ...TRADE_CAPTURE_MIGRATIONS]);
    runner = new TypeOrmTransactionRunner(db.dataSource);
    const timeline = new TimelineService(
      runner,
      { schema: db.schema } as ServiceConfig,
      new FixedClock(new Date(recordedAt)),
      new TimelineRepository(),
      new TradeRepository(),
    );
    const outbox = new Outbox(new EventValidator(new TopicRegistry()), new SqlOutboxRepository());
    recorder = new TradeChangeRecorder(outbox, timeline, new TradeChangeRepository());
    listener = new Client({ connectionString: testInfra().databaseUrl });
    await listener.connect();
    listener.on('notification', (n) => heard.push(n.channel));
    await listener.query(`LISTEN "${relay()}"`);
    await listener.query(`LISTEN "${streams()}"`);
  });

  afterAll(async () => {
    await listener.end();
    await db.drop();
  });

  it('records a capture: the trade, its first version, fo.trade.captured.v1, the CAPTURED step and the key’s answer', async () => {
    const trade = booked('T-20261122-000001');
    const written = await recorder.record(runner, [
      {
        kind: 'captured',
        trade,
        actor: alice,
        at: bookedAt,
        idempotency: { key: 'k-1', requestHash: 'h-1' },
      },
    ]);

    expect([...written]).toEqual(['T-20261122-000001']);
    const { trade: row, versions, events, steps, keys } = await stored('T-20261122-000001');
    expect(row).toEqual([
      {
        version: 1,
        status: 'CAPTURED',
        quantity: '1000',
        net_amount: '190262.5',
        created_by: 'alice',
        updated_by: 'alice',
        created_at: '2026-11-22T09:15:00.250Z',
        updated_at: '2026-11-22T09:15:00.250Z',
      },
    ]);
    expect(versions).toEqual([
      {
        version: 1,
        payload: booked('T-20261122-000001'),
        event_id: expect.any(String),
        recorded_by: 'alice',
      },
    ]);
    expect(events).toEqual([
      {
        topic: 'fo.trade.captured.v1',
        message_key: 'T-20261122-000001',
        event_type: 'trade.captured',
        envelope: expect.objectContaining({
          eventId: versions[0]!.event_id,
          type: 'trade.captured',
          version: 1,
          producer: 'trade-capture',
          key: 'T-20261122-000001',
          occurredAt: '2026-11-22T09:15:00.250Z',
          actor: { id: 'alice', role: 'trader' },
          payload: booked('T-20261122-000001'),
        }),
      },
    ]);
    expect(steps).toEqual([
      {
        kind: 'CAPTURED',
        version: 1,
        status_before: null,
        status_after: 'CAPTURED',
        event_id: versions[0]!.event_id,
        actor_id: 'alice',
        summary: expect.stringMatching(/^booked by alice: BUY 1000 US0378331005 at 190.25 USD/),
      },
    ]);
    expect(keys).toEqual([{ key: 'k-1', status_code: 201, response: booked('T-20261122-000001') }]);
    // The relay and the live streams (the status went from nothing to CAPTURED) are woken on commit.
    expect(await woken()).toEqual([relay(), streams()].sort());
  });

  it('records an amendment in the caller’s transaction: the trade replaced, version 2, fo.trade.amended.v1, the AMENDED step', async () => {
    await runner.run((tx) =>
      recorder.record(tx, [
        {
          kind: 'amended',
          trade: amended('T-20261122-000001'),
          previous: booked('T-20261122-000001'),
          actor: bob,
          at: amendedAt,
        },
      ]),
    );

    const { trade: row, versions, events, steps, keys } = await stored('T-20261122-000001');
    expect(row).toEqual([
      {
        version: 2,
        status: 'CAPTURED',
        quantity: '1200',
        net_amount: '228312.5',
        // Who booked it and when stay; who changed it last and when move.
        created_by: 'alice',
        updated_by: 'bob',
        created_at: '2026-11-22T09:15:00.250Z',
        updated_at: '2026-11-22T10:00:00.000Z',
      },
    ]);
    expect(versions.map((v) => [v.version, v.payload, v.recorded_by])).toEqual([
      [1, booked('T-20261122-000001'), 'alice'],
      [2, amended('T-20261122-000001'), 'bob'],
    ]);
    expect(events.map((e) => e.topic)).toEqual(['fo.trade.captured.v1', 'fo.trade.amended.v1']);
    expect(events[1]).toEqual({
      topic: 'fo.trade.amended.v1',
      message_key: 'T-20261122-000001',
      event_type: 'trade.amended',
      envelope: expect.objectContaining({
        eventId: versions[1]!.event_id,
        type: 'trade.amended',
        occurredAt: '2026-11-22T10:00:00.000Z',
        actor: { id: 'bob', role: 'trader' },
        payload: { ...amended('T-20261122-000001'), previousVersion: 1 },
      }),
    });
    expect(steps).toHaveLength(2);
    expect(steps[1]).toEqual({
      kind: 'AMENDED',
      version: 2,
      status_before: 'CAPTURED',
      status_after: 'CAPTURED',
      event_id: versions[1]!.event_id,
      actor_id: 'bob',
      summary: expect.stringMatching(/^amended to version 2 \(supersedes version 1\): BUY 1200 /),
    });
    // The key still answers the booking, not the amendment.
    expect(keys).toEqual([{ key: 'k-1', status_code: 201, response: booked('T-20261122-000001') }]);
    // The status stayed CAPTURED: the streams hear nothing; the relay has an event to publish.
    expect(await woken()).toEqual([relay()]);
  });

  it('records a cancel: the status moved, no new version, fo.trade.cancelled.v1 with the reason, the CANCELLED step', async () => {
    const cancelled: TradePayload = { ...amended('T-20261122-000001'), status: 'CANCELLED' };
    await runner.run((tx) =>
      recorder.record(tx, [
        {
          kind: 'cancelled',
          trade: cancelled,
          previous: amended('T-20261122-000001'),
          reason: 'booked in error',
          actor: alice,
          at: cancelledAt,
        },
      ]),
    );

    const { trade: row, versions, events, steps } = await stored('T-20261122-000001');
    expect(row).toEqual([
      {
        version: 2,
        status: 'CANCELLED',
        quantity: '1200',
        net_amount: '228312.5',
        created_by: 'alice',
        updated_by: 'alice',
        created_at: '2026-11-22T09:15:00.250Z',
        updated_at: '2026-11-22T11:30:00.000Z',
      },
    ]);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(events.map((e) => e.topic)).toEqual([
      'fo.trade.captured.v1',
      'fo.trade.amended.v1',
      'fo.trade.cancelled.v1',
    ]);
    expect(events[2]!.envelope).toEqual(
      expect.objectContaining({
        type: 'trade.cancelled',
        key: 'T-20261122-000001',
        occurredAt: '2026-11-22T11:30:00.000Z',
        actor: { id: 'alice', role: 'trader' },
        payload: { tradeId: 'T-20261122-000001', version: 2, reason: 'booked in error' },
      }),
    );
    expect(steps).toHaveLength(3);
    expect(steps[2]).toEqual({
      kind: 'CANCELLED',
      version: 2,
      status_before: 'CAPTURED',
      status_after: 'CANCELLED',
      event_id: (events[2]!.envelope as { eventId: string }).eventId,
      actor_id: 'alice',
      summary: 'cancelled by alice: booked in error',
    });
    expect(await woken()).toEqual([relay(), streams()].sort());
  });

  it('records several changes at once, leaving out only a capture whose key was claimed before', async () => {
    await recorder.record(runner, [
      {
        kind: 'captured',
        trade: booked('T-20261122-000002'),
        actor: alice,
        at: bookedAt,
        idempotency: { key: 'k-2', requestHash: 'h-2' },
      },
    ]);
    await woken();

    const written = await runner.run((tx) =>
      recorder.record(tx, [
        // k-1 booked T-20261122-000001 before: this capture is answered from the key, not written.
        {
          kind: 'captured',
          trade: booked('T-20261122-000003'),
          actor: alice,
          at: amendedAt,
          idempotency: { key: 'k-1', requestHash: 'h-1' },
        },
        {
          kind: 'amended',
          trade: amended('T-20261122-000002'),
          previous: booked('T-20261122-000002'),
          actor: alice,
          at: amendedAt,
        },
      ]),
    );

    expect([...written]).toEqual(['T-20261122-000002']);
    expect(await stored('T-20261122-000003')).toEqual({
      trade: [],
      versions: [],
      events: [],
      steps: [],
      keys: [],
    });
    const second = await stored('T-20261122-000002');
    expect(second.trade).toEqual([expect.objectContaining({ version: 2, quantity: '1200' })]);
    expect(second.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(second.events.map((e) => e.topic)).toEqual(['fo.trade.captured.v1', 'fo.trade.amended.v1']);
    expect(second.steps.map((s) => s.kind)).toEqual(['CAPTURED', 'AMENDED']);
    expect(await woken()).toEqual([relay()]);
  });

  it('leaves none of it when the caller’s transaction fails after recording', async () => {
    const before = {
      first: await stored('T-20261122-000001'),
      second: await stored('T-20261122-000002'),
    };

    await expect(
      runner.run(async (tx) => {
        await recorder.record(tx, [
          {
            kind: 'captured',
            trade: booked('T-20261122-000004'),
            actor: alice,
            at: cancelledAt,
            idempotency: { key: 'k-4', requestHash: 'h-4' },
          },
          {
            kind: 'amended',
            trade: { ...amended('T-20261122-000002'), version: 3, quantity: '1' },
            previous: amended('T-20261122-000002'),
            actor: bob,
            at: cancelledAt,
          },
          {
            kind: 'cancelled',
            trade: { ...booked('T-20261122-000001'), status: 'CANCELLED' },
            previous: amended('T-20261122-000001'),
            reason: 'never happened',
            actor: bob,
            at: cancelledAt,
          },
        ]);
        throw new Error('a later step of the use case failed');
      }),
    ).rejects.toThrow('a later step of the use case failed');

    expect(await stored('T-20261122-000004')).toEqual({
      trade: [],
      versions: [],
      events: [],
      steps: [],
      keys: [],
    });
    expect(await stored('T-20261122-000001')).toEqual(before.first);
    expect(await stored('T-20261122-000002')).toEqual(before.second);
    const claimed = await runner.query(`SELECT 1 FROM idempotency_key WHERE key = 'k-4'`);
    expect(claimed.rows).toEqual([]);
    // NOTIFY is sent on commit only: neither the relay nor the streams hear of a rolled-back change.
    expect(await woken()).toEqual([]);
  });
});

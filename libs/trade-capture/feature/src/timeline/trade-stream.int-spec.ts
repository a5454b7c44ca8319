import type { Principal } from '@tradeflow/shared/auth';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import { EventStreamService, SystemClock } from '@tradeflow/shared/platform';
import { createTestSchema, randomName, testInfra, waitFor, type TestSchema } from '@tradeflow/shared/testing';
import {
  TimelineRepository,
  TRADE_CAPTURE_MIGRATIONS,
  type NewTimelineRow,
} from '@tradeflow/trade-capture/data-access';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventEmitter } from 'node:events';
import { StatusFeedService } from './status-feed.service';
import { statusChannel } from './timeline.service';
import { TradeStreamController } from './trade-stream.controller';
import { TradeStreamService } from './trade-stream.service';

// The live stream's real objects on the real PostgreSQL: a client that leaves at any moment (while its
// Last-Event-ID is checked, while the instance starts listening, during its replay, live) leaves no
// subscriber, sweep, LISTEN connection or slot behind, and the next stream still hears every change.
describe('TradeStreamController streams on PostgreSQL', () => {
  const rita: Principal = { id: 'rita', role: 'risk', books: [] };
  let db: TestSchema;
  let config: ServiceConfig;
  let stream: TradeStreamService;
  let streams: EventStreamService;
  let controller: TradeStreamController;
  let runner: TypeOrmTransactionRunner;
  /** While set, each replay read waits for it. */
  let replayGate: Promise<void> | undefined;
  let replayReads = 0;
  const timeline = new TimelineRepository();
  let eventNo = 0;

  /** A client socket of rita's; `leave()` is the client going away. */
  const client = () => {
    const raw = Object.assign(new EventEmitter(), { destroyed: false });
    const request = Object.assign(
      { raw },
      { principal: rita, tokenExpiresAt: Date.now() + 3_600_000 },
    ) as unknown as FastifyRequest;
    const socket = {
      chunks: [] as string[],
      writableLength: 0,
      writeHead: () => undefined,
      write(chunk: string) {
        this.chunks.push(chunk);
        return true;
      },
      end() {},
    };
    const reply = {
      hijack: () => undefined,
      header: () => undefined,
      raw: socket,
    } as unknown as FastifyReply;
    const leave = () => {
      raw.destroyed = true;
      raw.emit('close');
    };
    const ids = () =>
      socket.chunks.filter((c) => c.startsWith('id: ')).map((c) => c.split('\n')[0]!.slice(4));
    return { request, reply, socket, leave, ids };
  };
  const serve = (c: ReturnType<typeof client>, lastEventId?: string) =>
    controller.trades(rita, lastEventId, c.request, c.reply);

  const change = async (): Promise<void> => {
    eventNo += 1;
    const row: NewTimelineRow = {
      tradeId: `T-20261122-${String(eventNo).padStart(6, '0')}`,
      book: 'EQ-US-FLOW',
      eventId: `00000000-0000-4000-8000-${String(eventNo).padStart(12, '0')}`,
      eventType: 'mo.trade.approved',
      producer: 'risk-compliance',
      step: { kind: 'APPROVED', version: 1, occurredAt: new Date().toISOString() },
      recordedAt: new Date().toISOString(),
      actor: { id: 'risk-compliance', role: 'service' },
      summary: 'approved',
      facts: {},
      statusBefore: 'CAPTURED',
      statusAfter: 'APPROVED',
    };
    await runner.run((tx) => timeline.insert(tx, row, statusChannel(db.schema)));
  };
  const listenConnections = async () => {
    const [row] = await db.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [`${config.name}:trade-stream`],
    );
    return row!.n;
  };
  /** Nothing held: no slot, no subscriber, no sweep, and (once the stop has run) no LISTEN connection. */
  const nothingLeft = async () => {
    await stream.settled();
    expect(await listenConnections()).toBe(0);
    expect(streams.open).toBe(0);
    expect(stream.state).toEqual({ subscribers: 0, listening: false, sweeping: false });
  };
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  beforeAll(async () => {
    db = await createTestSchema('trade_stream', TRADE_CAPTURE_MIGRATIONS);
    runner = new TypeOrmTransactionRunner(db.dataSource);
    config = {
      name: `stream-int-${randomName(6)}`,
      schema: db.schema,
      databaseUrl: testInfra().databaseUrl,
      streams: { maxPerUser: 100, replayWindowMs: 3_600_000, replayMax: 10_000 },
    } as ServiceConfig;
    const gated = Object.assign(Object.create(timeline) as TimelineRepository, {
      changesAfter: async (...args: Parameters<TimelineRepository['changesAfter']>) => {
        if (args[2] !== undefined || args[3] === 1000) {
          replayReads += 1; // a replay's read (rita's are every book, pages of 1,000)
          await replayGate;
        }
        return timeline.changesAfter(...args);
      },
    });
    stream = new TradeStreamService(config, runner, gated);
    streams = new EventStreamService(config);
    controller = new TradeStreamController(
      streams,
      new StatusFeedService(stream, gated, runner, config, new SystemClock()),
    );
    await change();
  });

  afterAll(async () => {
    await stream.onModuleDestroy();
    await db.drop();
  });

  it('leaves nothing behind when the client leaves before its stream is set up', async () => {
    const c = client();
    const serving = serve(c, '0-0'); // its Last-Event-ID is being checked
    c.leave();
    await serving;
    expect(c.socket.chunks).toEqual([]);
    await nothingLeft();
  });

  it('leaves nothing behind when the client leaves while the instance starts listening', async () => {
    const c = client();
    const serving = serve(c);
    await tick(); // the listener has begun connecting: that takes several round trips
    expect(stream.state).toEqual({ subscribers: 1, listening: false, sweeping: false });
    c.leave(); // the LISTEN connection is still being opened
    await serving;
    expect(c.socket.chunks).toEqual([]);
    await nothingLeft();
  });

  it('leaves nothing behind when the client leaves during its replay', async () => {
    let open!: () => void;
    replayGate = new Promise((resolve) => (open = resolve));
    const readsBefore = replayReads;
    const c = client();
    await serve(c, '0-0');
    await waitFor(() => replayReads > readsBefore, { what: 'the replay to start' });
    expect(stream.state).toMatchObject({ subscribers: 1, listening: true, sweeping: true });
    c.leave();
    open();
    replayGate = undefined;
    await tick();
    expect(c.ids()).toEqual([]);
    await nothingLeft();
  });

  it('leaves nothing behind when the client leaves a live stream, and the next stream hears every change', async () => {
    const first = client();
    await serve(first);
    first.leave();
    await nothingLeft();

    const second = client();
    await serve(second);
    await change();
    await waitFor(() => second.ids().length === 1, { what: 'the change on the stream' });
    second.leave();
    await nothingLeft();
  });

  it('leaves nothing behind when many clients leave at every moment, side by side', async () => {
    const clients = Array.from({ length: 30 }, () => client());
    const serving = clients.map((c, i) => serve(c, i % 2 === 0 ? '0-0' : undefined));
    for (const [i, c] of clients.entries()) {
      if (i % 3 === 0) c.leave(); // at once
    }
    await tick();
    for (const [i, c] of clients.entries()) if (i % 3 === 1) c.leave(); // a moment later
    await Promise.all(serving);
    await change();
    for (const c of clients) c.leave(); // the rest, live
    await nothingLeft();
  });
});

import type { Principal } from '@tradeflow/shared/auth';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { EventStreamService, STREAM_BUFFER_MAX, SystemClock } from '@tradeflow/shared/platform';
import { TimelineRepository } from '@tradeflow/trade-capture/data-access';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventEmitter } from 'node:events';
import { Observable, Subject } from 'rxjs';
import { StatusFeedService } from './status-feed.service';
import { TradeStreamController } from './trade-stream.controller';
import { LIVE, type StreamEvent, type TradeStreamService } from './trade-stream.service';

// How the stream treats its client's socket: a client that keeps up gets everything; one that stops
// reading is let go once a bounded backlog builds up, and its subscription ends with it.
describe('TradeStreamController', () => {
  const risk: Principal = { id: 'rita', role: 'risk', books: [] };

  /** A response socket: `reading` false makes written bytes pile up as they do behind a stalled client. */
  const client = (reading: boolean) => {
    const request = Object.assign(
      { raw: new EventEmitter() },
      { principal: risk, tokenExpiresAt: Date.now() + 3_600_000 },
    ) as unknown as FastifyRequest;
    const socket = {
      chunks: [] as string[],
      ended: undefined as string | undefined,
      writableLength: 0,
      writeHead: () => undefined,
      write(chunk: string) {
        this.chunks.push(chunk);
        if (!reading) this.writableLength += Buffer.byteLength(chunk);
        return reading;
      },
      end(chunk?: string) {
        this.ended = chunk ?? '';
      },
    };
    const reply = {
      hijack: () => undefined,
      header: () => undefined,
      raw: socket,
    } as unknown as FastifyReply;
    return { request, reply, socket };
  };

  let seq = 0;
  const change = (): StreamEvent => {
    seq += 1;
    return {
      position: { tx: '900', seq: String(seq) },
      change: {
        seq: String(seq),
        tradeId: `T-20261122-${String(seq).padStart(6, '0')}`,
        book: 'EQ-US-FLOW',
        version: 1,
        status: 'APPROVED',
        previousStatus: 'CAPTURED',
        step: 'APPROVED',
        event: 'trade.approved',
        occurredAt: '2026-11-22T09:15:00.000Z',
        actor: { id: 'risk-compliance', role: 'service' },
        summary: 'approved by risk: all 7 checks passed',
      },
    };
  };

  const open = async (reading: boolean, resume?: { lastEventId: string; runner: TransactionRunner }) => {
    const live = new Subject<StreamEvent>();
    const source = new Observable<typeof LIVE | StreamEvent>((subscriber) => {
      subscriber.next(LIVE);
      return live.subscribe(subscriber);
    });
    const stream = { live: () => source } as unknown as TradeStreamService;
    const runner = resume?.runner ?? ({} as TransactionRunner);
    const streams = { maxPerUser: 5, replayWindowMs: 7_200_000, replayMax: 10_000 };
    const controller = new TradeStreamController(
      new EventStreamService({ streams }),
      new StatusFeedService(stream, new TimelineRepository(), runner, { streams }, new SystemClock()),
    );
    const c = client(reading);
    await controller.trades(risk, resume?.lastEventId, c.request, c.reply);
    const events = () => c.socket.chunks.filter((s) => s.startsWith('id: '));
    return { live, ...c, events };
  };

  it('sends every change to a client that keeps up, well past the backlog limit in total', async () => {
    const { live, socket, events, request } = await open(true);
    const count = Math.ceil((3 * STREAM_BUFFER_MAX) / 300); // each event is more than 300 bytes
    for (let i = 0; i < count; i++) live.next(change());
    expect(events()).toHaveLength(count);
    expect(socket.ended).toBeUndefined();
    request.raw.emit('close');
    expect(live.observed).toBe(false);
  });

  it('lets a client that stops reading go once its backlog passes the limit, and stops its subscription', async () => {
    const { live, socket, events } = await open(false);
    let sent = 0;
    while (socket.ended === undefined && sent < 100_000) {
      live.next(change());
      sent += 1;
    }
    expect(socket.ended).toContain('reconnect with Last-Event-ID');
    expect(socket.writableLength).toBeGreaterThan(STREAM_BUFFER_MAX);
    expect(socket.writableLength).toBeLessThan(STREAM_BUFFER_MAX + 2000); // one event past the limit
    expect(live.observed).toBe(false);
    const written = events().length;
    live.next(change());
    expect(events()).toHaveLength(written);
    expect(written).toBe(sent);
  });

  it('ends the stream, with a line saying to reconnect, when the replay cannot be read', async () => {
    // The resume is checked, then the replay's read fails.
    const runner = {
      query: (sql: string) =>
        sql.includes('AS ahead')
          ? Promise.resolve({ rows: [{ ahead: false, missed: 1, stale: false }] })
          : Promise.reject(new Error('connection terminated')),
    } as unknown as TransactionRunner;
    const { live, socket, events } = await open(true, { lastEventId: '900-1', runner });
    await new Promise((resolve) => setImmediate(resolve)); // the replay is read after the status line
    expect(socket.ended).toContain('reconnect with Last-Event-ID');
    expect(live.observed).toBe(false);
    live.next(change());
    expect(events()).toEqual([]);
  });

  it('lets the client go when the service stops, so the server can close', async () => {
    const { live, socket } = await open(true);
    live.complete();
    expect(socket.ended).toContain('shutting down: reconnect with Last-Event-ID');
  });
});

import type { Principal } from '@tradeflow/shared/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventEmitter } from 'node:events';
import { Observable, Subject } from 'rxjs';
import { ProblemException } from '../problem-details.filter';
import { EventStreamService } from './event-stream.service';
import { HEARTBEAT_MS } from './sse-connection';
import type { StreamItem } from './stream-item';

// Every live stream's life around its source: admitted within the per-user limit, opened when the source
// is live, ended when the token expires, and cleaned up (subscription, timers, slot) whenever the client
// leaves: during set-up, before the source is live, or live.
describe('EventStreamService', () => {
  const alice: Principal = { id: 'alice', role: 'trader', books: ['EQ-US-FLOW'] };
  const bob: Principal = { id: 'bob', role: 'trader', books: ['EQ-UK-FLOW'] };
  const HOUR = 3_600_000;

  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-22T09:00:00.000Z') }));
  afterEach(() => jest.useRealTimers());

  /** A client of `who` whose token expires in `ttlMs`. */
  const client = (who: Principal = alice, ttlMs = HOUR) => {
    const raw = Object.assign(new EventEmitter(), { destroyed: false });
    const request = { raw, principal: who, tokenExpiresAt: Date.now() + ttlMs } as unknown as FastifyRequest;
    const socket = {
      head: undefined as number | undefined,
      chunks: [] as string[],
      ended: undefined as string | undefined,
      writableLength: 0,
      writeHead(status: number) {
        this.head = status;
      },
      write(chunk: string) {
        this.chunks.push(chunk);
        return true;
      },
      end(chunk?: string) {
        this.ended = chunk ?? '';
      },
    };
    const headers: Record<string, string> = {};
    let hijacked = false;
    const reply = {
      raw: socket,
      hijack: () => (hijacked = true),
      header: (name: string, value: string) => (headers[name] = value),
    } as unknown as FastifyReply;
    const leave = () => {
      raw.destroyed = true;
      raw.emit('close');
    };
    return { request, reply, socket, headers, hijacked: () => hijacked, leave };
  };

  /** A source that counts its subscribers: `subscribed` is true between its subscription and teardown. */
  const source = () => {
    const items = new Subject<StreamItem>();
    let subscribed = false;
    const observable = new Observable<StreamItem>((subscriber) => {
      subscribed = true;
      const inner = items.subscribe(subscriber);
      return () => {
        subscribed = false;
        inner.unsubscribe();
      };
    });
    return { items, observable, subscribed: () => subscribed };
  };

  const service = (maxPerUser = 5) =>
    new EventStreamService({ streams: { maxPerUser, replayWindowMs: 2 * HOUR, replayMax: 10_000 } });

  /** Serves a client from a source that is live at once; resolves once the status line is out. */
  const openLive = async (streams: EventStreamService, c = client()) => {
    const s = source();
    const serving = streams.serve('test', c.request, c.reply, async () => s.observable);
    await Promise.resolve();
    s.items.next({ kind: 'open' });
    await serving;
    return { ...c, ...s };
  };

  it('sends the status line once the source is live, then its events and comments', async () => {
    const streams = service();
    const c = client();
    const s = source();
    const serving = streams.serve('test', c.request, c.reply, async () => s.observable);
    await Promise.resolve();
    expect(c.socket.head).toBeUndefined(); // still setting up: nothing is written
    s.items.next({ kind: 'open' });
    await serving;
    s.items.next({ kind: 'comment', text: 'connected' });
    s.items.next({ kind: 'event', id: '900-5', event: 'status', data: { tradeId: 'T-1', note: 'a\nb' } });
    s.items.next({ kind: 'event', event: 'hello', data: 1 });
    expect(c.socket.head).toBe(200);
    expect(c.hijacked()).toBe(true);
    expect(c.socket.chunks).toEqual([
      'retry: 3000\n\n',
      ': connected\n\n',
      'id: 900-5\nevent: status\ndata: {"tradeId":"T-1","note":"a\\nb"}\n\n',
      'event: hello\ndata: 1\n\n',
    ]);
  });

  it('sends a keep-alive comment every 15 s while open', async () => {
    const { socket } = await openLive(service());
    jest.advanceTimersByTime(2 * HEARTBEAT_MS);
    expect(socket.chunks.filter((c) => c === ': keep-alive\n\n')).toHaveLength(2);
  });

  it('ends the stream when the token expires: event reauthenticate, then close, and holds nothing after', async () => {
    const streams = service();
    const c = await openLive(streams, client(alice, 60_000));
    jest.advanceTimersByTime(59_999);
    expect(c.socket.ended).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(c.socket.chunks.at(-1)).toBe(
      'event: reauthenticate\ndata: {"detail":"the token expired: reconnect with a fresh token and Last-Event-ID"}\n\n',
    );
    expect(c.socket.ended).toBe('');
    expect(c.subscribed()).toBe(false);
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('answers 401 when the token expires while the stream is being set up', async () => {
    const streams = service();
    const c = client(alice, 1000);
    const s = source();
    const serving = streams.serve('test', c.request, c.reply, async () => s.observable);
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    await expect(serving).rejects.toMatchObject({ status: 401, message: 'token expired' });
    expect(c.headers['WWW-Authenticate']).toContain('invalid_token');
    expect(c.socket.head).toBeUndefined();
    expect(s.subscribed()).toBe(false);
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('admits STREAM_MAX_PER_USER streams per user, set-up included, and answers one more 429 with Retry-After', async () => {
    const streams = service(2);
    const first = await openLive(streams);
    const settingUp = client();
    void streams.serve('test', settingUp.request, settingUp.reply, () => new Promise(() => undefined));
    const third = client();
    const refused = streams.serve('test', third.request, third.reply, async () => source().observable);
    await expect(refused).rejects.toBeInstanceOf(ProblemException);
    await expect(refused).rejects.toMatchObject({
      status: 429,
      response: { detail: 'at most 2 live streams at once per user: close one, or retry later' },
    });
    expect(third.headers['Retry-After']).toBe('5');
    await openLive(streams, client(bob)); // another user is not held back
    first.leave();
    await openLive(streams); // alice's slot is back
    expect(streams.open).toBe(3);
  });

  it('lets everything go when the client leaves while the source is being set up, before it is subscribed', async () => {
    const streams = service();
    const c = client();
    const s = source();
    let ready!: (o: Observable<StreamItem>) => void;
    const serving = streams.serve('test', c.request, c.reply, () => new Promise((r) => (ready = r)));
    c.leave();
    ready(s.observable);
    await serving;
    expect(s.subscribed()).toBe(false); // never subscribed
    expect(c.hijacked()).toBe(true); // nothing is answered on a closed socket
    expect(c.socket.head).toBeUndefined();
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sets nothing up for a client that left before the handler ran', async () => {
    const streams = service();
    const c = client();
    c.leave();
    const open = jest.fn(async () => source().observable);
    await streams.serve('test', c.request, c.reply, open);
    expect(open).not.toHaveBeenCalled();
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('lets everything go when the client leaves after subscribing, before the source is live', async () => {
    const streams = service();
    const c = client();
    const s = source();
    const serving = streams.serve('test', c.request, c.reply, async () => s.observable);
    await Promise.resolve();
    await Promise.resolve();
    expect(s.subscribed()).toBe(true);
    c.leave();
    await serving;
    expect(s.subscribed()).toBe(false);
    s.items.next({ kind: 'open' }); // a source that missed the teardown cannot open it again
    expect(c.socket.head).toBeUndefined();
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('lets everything go when the client leaves a live stream', async () => {
    const streams = service();
    const c = await openLive(streams);
    c.leave();
    expect(c.subscribed()).toBe(false);
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    c.items.next({ kind: 'event', event: 'status', data: {} });
    expect(c.socket.chunks).toEqual(['retry: 3000\n\n']);
  });

  it('answers a set-up failure as the problem it is, and holds nothing after', async () => {
    const streams = service();
    const c = client();
    const gone = new ProblemException(410, 'Last-Event-ID is past the replay window');
    await expect(streams.serve('test', c.request, c.reply, () => Promise.reject(gone))).rejects.toBe(gone);
    const failing = source();
    const serving = streams.serve('test', client().request, client().reply, async () => failing.observable);
    await Promise.resolve();
    await Promise.resolve();
    failing.items.error(new Error('listener cannot connect'));
    await expect(serving).rejects.toThrow('listener cannot connect');
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('ends a live stream with a line saying why: the source ends it, fails, or the service stops', async () => {
    const streams = service();
    const ended = await openLive(streams);
    ended.items.next({ kind: 'end', reason: 'replay limit reached: reconnect with Last-Event-ID' });
    expect(ended.socket.ended).toBe(': replay limit reached: reconnect with Last-Event-ID\n\n');
    const failed = await openLive(streams);
    failed.items.error(new Error('boom'));
    expect(failed.socket.ended).toBe(': failed: reconnect with Last-Event-ID\n\n');
    const stopped = await openLive(streams);
    stopped.items.complete();
    expect(stopped.socket.ended).toBe(': shutting down: reconnect with Last-Event-ID\n\n');
    expect(streams.open).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('answers 503 when the service stops while a stream is being set up', async () => {
    const s = source();
    const c = client();
    const serving = service().serve('test', c.request, c.reply, async () => s.observable);
    await Promise.resolve();
    await Promise.resolve();
    s.items.complete();
    await expect(serving).rejects.toMatchObject({ status: 503 });
  });

  it('refuses a request no AuthGuard has authenticated (a programming error)', async () => {
    const c = client();
    const anonymous = { raw: new EventEmitter() } as unknown as FastifyRequest;
    await expect(
      service().serve('test', anonymous, c.reply, async () => source().observable),
    ).rejects.toThrow('needs a request that AuthGuard has authenticated');
  });
});

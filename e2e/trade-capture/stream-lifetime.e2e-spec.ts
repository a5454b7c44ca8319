import { signToken } from '@tradeflow/shared/auth';
import { randomName, waitFor, type StartedService } from '@tradeflow/shared/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer, startTradeCapture } from './trade-capture.fixtures';
import { openStream, type StreamedEvent } from './trade-stream.fixtures';

// How long a live stream lives on a real trade-capture process: until its token expires (the client
// reconnects with a fresh one and misses nothing), at most STREAM_MAX_PER_USER at once per user, resumed
// only within the replay window, and cleaned up whatever the moment its client leaves.
const privateKey = readFileSync(join(__dirname, '../../infra/dev-keys/jwt-private.pem'), 'utf8');
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);
const rita = bearer('rita', 'risk');
const MAX_PER_USER = 3;
const WINDOW_MS = 4000;
const REPLAY_MAX = 2000;

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe('live stream lifetime', () => {
  let service: StartedService;
  let db: DataSource;

  const book = async (body: object = APPLE_BUY, auth = alice): Promise<string> => {
    const response = await fetch(`${service.url}/api/trades`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': randomName(12) },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { tradeId: string }).tradeId;
  };
  const resume = (auth: string, lastEventId: string) =>
    fetch(`${service.url}/api/stream/trades`, {
      headers: { authorization: auth, 'last-event-id': lastEventId },
    });
  const capturedOf = (tradeId: string) => (events: StreamedEvent[]) =>
    events.find((e) => e.data['tradeId'] === tradeId && e.data['status'] === 'CAPTURED');
  /** Status changes written straight to the timeline, in a book no trader holds (risk sees them). */
  const bulkChanges = (count: number) =>
    db.query(
      `INSERT INTO trade_timeline (trade_id, book, event_id, event_type, producer, kind, version, occurred_at,
         recorded_at, actor_id, actor_role, summary, facts, status_before, status_after)
       SELECT 'T-20261122-' || lpad(g::text, 6, '0'), 'EQ-ZZ-BULK', gen_random_uuid(), 'mo.trade.approved',
         'risk-compliance', 'APPROVED', 1, now(), now(), 'risk-compliance', 'service', 'bulk', '{}', 'CAPTURED',
         'APPROVED'
       FROM generate_series(1, $1::int) g`,
      [count],
    );
  const metric = async (name: string): Promise<number | undefined> => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  beforeAll(async () => {
    ({ service, db } = await startTradeCapture({
      STREAM_MAX_PER_USER: String(MAX_PER_USER),
      STREAM_REPLAY_WINDOW_MS: String(WINDOW_MS),
      STREAM_REPLAY_MAX: String(REPLAY_MAX),
    }));
  });

  afterAll(async () => {
    await service.process.stop();
    await db.destroy();
  });

  it('ends a stream when its token expires, and a reconnect with a fresh token and Last-Event-ID misses nothing', async () => {
    const shortLived = signToken({
      sub: 'alice',
      role: 'trader',
      books: ['EQ-US-FLOW'],
      expiresIn: 3,
      privateKey,
    });
    const exp = (
      JSON.parse(Buffer.from(shortLived.split('.')[1]!, 'base64url').toString()) as { exp: number }
    ).exp;
    const stream = await openStream(service.url, `Bearer ${shortLived}`);
    const before = await book();
    const seen = capturedOf(before)(await stream.until((events) => !!capturedOf(before)(events)))!;

    await stream.ended; // the server ends it
    const endedAt = Date.now();
    expect(endedAt).toBeGreaterThanOrEqual(exp * 1000 - 50);
    expect(endedAt).toBeLessThan(exp * 1000 + 3000);
    expect(stream.events.at(-1)).toEqual({
      event: 'reauthenticate',
      data: { detail: 'the token expired: reconnect with a fresh token and Last-Event-ID' },
    });
    // The token is refused from then on: the stream cannot simply be reopened with it.
    expect((await resume(`Bearer ${shortLived}`, seen.id!)).status).toBe(401);

    // What happens while the client fetches a fresh token reaches it on reconnect, once.
    const meanwhile = await book();
    const fresh = await openStream(service.url, alice, stream.events.filter((e) => e.id).at(-1)!.id);
    const caught = await fresh.until((events) => !!capturedOf(meanwhile)(events));
    fresh.close();
    expect(caught.map((e) => [e.data['tradeId'], e.data['status']])).toEqual([[meanwhile, 'CAPTURED']]);

    // Books come from the token: a fresh token without EQ-US-FLOW is no longer sent its changes.
    const ukOnly = bearer('alice', 'trader', ['EQ-UK-FLOW']);
    const moved = await openStream(service.url, ukOnly, seen.id);
    const ukTrade = await book(
      {
        book: 'EQ-UK-FLOW',
        side: 'SELL',
        instrumentId: 'GB0002634946',
        quantity: '500',
        price: '13.20',
        counterpartyLei: APPLE_BUY.counterpartyLei,
        tradeDate: APPLE_BUY.tradeDate,
      },
      bearer('bob', 'trader', ['EQ-UK-FLOW']),
    );
    const afterMove = await moved.until((events) => !!capturedOf(ukTrade)(events));
    moved.close();
    expect(afterMove.map((e) => e.data['tradeId'])).toEqual([ukTrade]);
  });

  it(`holds ${MAX_PER_USER} streams per user at once and answers one more 429 with Retry-After`, async () => {
    const held = await Promise.all(Array.from({ length: MAX_PER_USER }, () => openStream(service.url, rita)));
    const refused = await fetch(`${service.url}/api/stream/trades`, { headers: { authorization: rita } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as Problem).detail).toBe(
      `at most ${MAX_PER_USER} live streams at once per user: close one, or retry later`,
    );
    const other = await openStream(service.url, bearer('otto', 'ops')); // another user is not held back
    held[0]!.close();
    const again = await waitFor(
      async () => {
        const response = await fetch(`${service.url}/api/stream/trades`, {
          headers: { authorization: rita },
          signal: AbortSignal.timeout(5000),
        });
        if (response.status === 200) return response;
        await response.body?.cancel();
        return undefined;
      },
      { what: 'a slot freed by the closed stream' },
    );
    await again.body!.cancel();
    for (const s of [...held, other]) s.close();
  });

  it('replays only within the window: older, or more than STREAM_REPLAY_MAX changes, is 410 to reload', async () => {
    const stream = await openStream(service.url, alice);
    const first = await book();
    const from = capturedOf(first)(await stream.until((events) => !!capturedOf(first)(events)))!.id!;
    stream.close();
    await book(); // a change the client misses, recorded now

    const within = await resume(alice, from);
    expect(within.status).toBe(200);
    await within.body!.cancel();

    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 500));
    for (const lastEventId of [from, '0-0']) {
      const stale = await resume(alice, lastEventId);
      expect(stale.status).toBe(410);
      expect(stale.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await stale.json()) as Problem;
      expect(problem.errors).toEqual([
        {
          field: 'Last-Event-ID',
          message:
            'is past the replay window (changes of the last 4 s, at most 2000): reload the current state, then reconnect without Last-Event-ID',
        },
      ]);
    }
    const reloaded = await openStream(service.url, alice); // without Last-Event-ID: live from now
    reloaded.close();

    // Within the time, but more changes than STREAM_REPLAY_MAX (in any book) behind it.
    const recent = await openStream(service.url, rita);
    const marker = await book();
    const mark = capturedOf(marker)(await recent.until((events) => !!capturedOf(marker)(events)))!.id!;
    recent.close();
    await bulkChanges(REPLAY_MAX + 1);
    const tooMany = await resume(rita, mark);
    expect(tooMany.status).toBe(410);
    await tooMany.body!.cancel();

    // An id ahead of every change was never sent: 400, as a malformed one.
    const ahead = await resume(alice, '99999999999-1');
    expect(ahead.status).toBe(400);
    expect(((await ahead.json()) as Problem).errors![0]!.field).toBe('Last-Event-ID');
  });

  it('leaves no stream, subscriber or LISTEN behind when clients leave at every moment', async () => {
    // A position to replay 1,500 changes from, for clients that leave during their replay.
    const probe = await openStream(service.url, rita);
    const marker = await book();
    const from = capturedOf(marker)(await probe.until((events) => !!capturedOf(marker)(events)))!.id!;
    probe.close();
    await bulkChanges(1500);

    const user = (i: number) => bearer(`risk-${i}`, 'risk'); // one user each: the limit stays out of it
    const drops: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const abort = new AbortController();
      const moment = i % 4;
      const response = fetch(`${service.url}/api/stream/trades`, {
        headers: { authorization: user(i), ...(moment === 2 ? { 'last-event-id': from } : {}) },
        signal: abort.signal,
      });
      if (moment === 0) {
        abort.abort(); // while it is being set up
      } else if (moment === 1) {
        setTimeout(() => abort.abort(), i % 7); // a few milliseconds in: set-up, or just opened
      }
      drops.push(
        response
          .then(async (r) => {
            if (moment < 2) return;
            const reader = r.body!.getReader();
            await reader.read(); // the replay (moment 2) or the live stream (moment 3) has begun
            abort.abort();
          })
          .catch(() => undefined),
      );
    }
    await Promise.all(drops);

    await waitFor(
      async () =>
        (await metric('tradeflow_streams_open')) === 0 &&
        (await metric('tradeflow_trade_stream_subscribers')) === 0 &&
        (await metric('tradeflow_trade_stream_listening')) === 0,
      { what: 'every stream, subscriber and the LISTEN connection to be let go', timeoutMs: 10_000 },
    );
    // And streams still work afterwards.
    const after = await openStream(service.url, alice);
    const trade = await book();
    await after.until((events) => !!capturedOf(trade)(events));
    after.close();
  });
});

import type { Principal } from '@tradeflow/shared/auth';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import type {
  StreamedChange,
  StreamPosition,
  TimelineRepository,
} from '@tradeflow/trade-capture/data-access';
import { FixedClock, type StreamItem } from '@tradeflow/shared/platform';
import { Observable, Subject } from 'rxjs';
import { StatusFeedService } from './status-feed.service';
import {
  LIVE,
  toStreamEvent,
  type StatusChange,
  type StreamEvent,
  type TradeStreamService,
} from './trade-stream.service';

// One caller's feed: the trade access policy on live and replayed changes, and the hand-over from the
// replay to the live feed without a change lost or sent twice.
describe('StatusFeedService', () => {
  const alice: Principal = { id: 'alice', role: 'trader', books: ['EQ-US-FLOW'] };
  const rita: Principal = { id: 'rita', role: 'risk', books: [] };

  const changed = (seq: number, book: string | null): StreamedChange => ({
    position: { tx: '900', seq: String(seq) },
    entry: {
      seq: String(seq),
      tradeId: `T-20261122-${String(seq).padStart(6, '0')}`,
      book,
      step: 'APPROVED',
      event: 'trade.approved',
      eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      producer: 'risk-compliance',
      version: 1,
      occurredAt: '2026-11-22T09:15:00.000Z',
      recordedAt: '2026-11-22T09:15:00.100Z',
      actor: { id: 'risk-compliance', role: 'service' },
      summary: 'approved by risk: all 7 checks passed',
      facts: {},
      statusBefore: 'CAPTURED',
      statusAfter: 'APPROVED',
    },
  });
  const live = (seq: number, book: string | null): StreamEvent => toStreamEvent(changed(seq, book));

  const settings = { maxPerUser: 5, replayWindowMs: 7_200_000, replayMax: 10_000 };
  const NOW = new Date('2026-11-22T12:00:00.000Z');
  type Missed = { ahead: boolean; missed: number; stale: boolean };

  /**
   * A feed over a live subject and a table whose replay answers `pages` in turn (or waits for `gate`);
   * `missed` is what the table says a resume would replay.
   */
  const setUp = (
    pages: (StreamedChange[] | Error)[] = [],
    gate?: Promise<void>,
    { missed = { ahead: false, missed: 2, stale: false } as Missed, replayMax = settings.replayMax } = {},
  ) => {
    const subject = new Subject<StreamEvent>();
    // As TradeStreamService: LIVE first, then the changes.
    const live = new Observable<typeof LIVE | StreamEvent>((subscriber) => {
      subscriber.next(LIVE);
      return subject.subscribe(subscriber);
    });
    const stream = { live: () => live } as unknown as TradeStreamService;
    const asked: { after: StreamPosition; books: readonly string[] | undefined }[] = [];
    const checked: { after: StreamPosition; limit: number; since: Date }[] = [];
    const timeline = {
      changesAfter: async (_q: unknown, after: StreamPosition, books: readonly string[] | undefined) => {
        asked.push({ after, books });
        await gate;
        const page = pages.shift();
        if (page instanceof Error) throw page;
        return page ?? [];
      },
      resumeCheck: async (_q: unknown, after: StreamPosition, limit: number, since: Date) => {
        checked.push({ after, limit, since });
        return missed;
      },
    } as unknown as TimelineRepository;
    const feeds = new StatusFeedService(
      stream,
      timeline,
      {} as TransactionRunner,
      { streams: { ...settings, replayMax } },
      new FixedClock(NOW),
    );
    return { subject, feeds, asked, checked };
  };
  const collect = async (feeds: StatusFeedService, who: Principal, lastEventId?: string) => {
    const feed = await feeds.open(who, lastEventId);
    const items: StreamItem[] = [];
    const seen: string[] = [];
    const subscription = feed.subscribe((item) => {
      items.push(item);
      if (item.kind === 'event') {
        const change = item.data as StatusChange;
        seen.push(`${item.id!.split('-')[1]}:${change.book}`);
      }
    });
    // Whether the feed starts with a replay: a fresh one says `: connected` at once.
    const resumed = () => !items.some((i) => i.kind === 'comment' && i.text === 'connected');
    return { feed: { resumed }, items, seen, subscription };
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  it('sends a trader the live changes of their own books only, and risk every change', async () => {
    const { subject, feeds } = setUp();
    const hers = await collect(feeds, alice);
    const risks = await collect(feeds, rita);
    subject.next(live(1, 'EQ-US-FLOW'));
    subject.next(live(2, 'EQ-UK-FLOW'));
    subject.next(live(3, null));
    expect(hers.feed.resumed()).toBe(false);
    expect(hers.items[0]).toEqual({ kind: 'open' });
    expect(hers.seen).toEqual(['1:EQ-US-FLOW']);
    expect(risks.seen).toEqual(['1:EQ-US-FLOW', '2:EQ-UK-FLOW', '3:null']);
  });

  it('replays from Last-Event-ID with the trader’s books as the filter, and drops another book all the same', async () => {
    const { feeds, asked } = setUp([[changed(5, 'EQ-US-FLOW'), changed(6, 'EQ-UK-FLOW')]]);
    const { feed, seen } = await collect(feeds, alice, '900-4');
    await settle();
    expect(feed.resumed()).toBe(true);
    expect(asked).toEqual([{ after: { tx: '900', seq: '4' }, books: ['EQ-US-FLOW'] }]);
    expect(seen).toEqual(['5:EQ-US-FLOW']);
  });

  it('asks for every book when replaying to a role that sees them all', async () => {
    const { feeds, asked } = setUp([[changed(5, 'EQ-UK-FLOW')]]);
    const { seen } = await collect(feeds, rita, '900-4');
    await settle();
    expect(asked).toEqual([{ after: { tx: '900', seq: '4' }, books: undefined }]);
    expect(seen).toEqual(['5:EQ-UK-FLOW']);
  });

  it('holds live changes during the replay, then sends each once, in stream order', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { subject, feeds } = setUp([[changed(5, 'EQ-US-FLOW'), changed(6, 'EQ-US-FLOW')]], gate);
    const { seen } = await collect(feeds, alice, '900-4');
    subject.next(live(6, 'EQ-US-FLOW')); // committed during the replay: the replay carries it too
    subject.next(live(7, 'EQ-US-FLOW'));
    expect(seen).toEqual([]);
    open();
    await settle();
    expect(seen).toEqual(['5:EQ-US-FLOW', '6:EQ-US-FLOW', '7:EQ-US-FLOW']);
    subject.next(live(8, 'EQ-UK-FLOW'));
    subject.next(live(9, 'EQ-US-FLOW'));
    expect(seen).toEqual(['5:EQ-US-FLOW', '6:EQ-US-FLOW', '7:EQ-US-FLOW', '9:EQ-US-FLOW']);
  });

  it('refuses a Last-Event-ID it never sent with a 400 naming the header', async () => {
    const { feeds } = setUp();
    await expect(feeds.open(alice, 'yesterday')).rejects.toMatchObject({
      status: 400,
      response: { errors: [{ field: 'Last-Event-ID' }] },
    });
  });

  it('checks a resume against the replay window: since now minus STREAM_REPLAY_WINDOW_MS, at most STREAM_REPLAY_MAX', async () => {
    const { feeds, checked } = setUp([[changed(5, 'EQ-US-FLOW')]]);
    await collect(feeds, alice, '900-4');
    expect(checked).toEqual([
      { after: { tx: '900', seq: '4' }, limit: 10_000, since: new Date('2026-11-22T10:00:00.000Z') },
    ]);
  });

  it.each([
    ['a change it missed is older than the window', { ahead: false, missed: 3, stale: true }],
    ['it missed more changes than STREAM_REPLAY_MAX', { ahead: false, missed: 10_001, stale: false }],
  ])('answers 410, reload and reconnect without Last-Event-ID, when %s', async (_why, missed) => {
    const { feeds, asked } = setUp([], undefined, { missed });
    await expect(feeds.open(rita, '900-4')).rejects.toMatchObject({
      status: 410,
      response: {
        detail: expect.stringContaining('reconnect without Last-Event-ID'),
        errors: [{ field: 'Last-Event-ID', message: expect.stringContaining('reload the current state') }],
      },
    });
    expect(asked).toEqual([]); // nothing replayed
  });

  it('refuses with a 400 a position ahead of every change, as an id it never sent', async () => {
    const { feeds } = setUp([], undefined, { missed: { ahead: true, missed: 0, stale: false } });
    await expect(feeds.open(alice, '99999999-1')).rejects.toMatchObject({
      status: 400,
      response: { errors: [{ field: 'Last-Event-ID' }] },
    });
  });

  it('replays from the very start (0-0) when that history is inside the window', async () => {
    const { feeds, checked, asked } = setUp([[changed(1, 'EQ-US-FLOW')]]);
    const { seen } = await collect(feeds, alice, '0-0');
    await settle();
    expect(checked[0]!.after).toEqual({ tx: '0', seq: '0' });
    expect(asked[0]!.after).toEqual({ tx: '0', seq: '0' });
    expect(seen).toEqual(['1:EQ-US-FLOW']);
  });

  it('ends the stream, to be resumed, when the replay reaches STREAM_REPLAY_MAX with more behind', async () => {
    const full = Array.from({ length: 1000 }, (_, i) => changed(5 + i, 'EQ-US-FLOW'));
    const { feeds, subject, asked } = setUp([full, [changed(1005, 'EQ-US-FLOW')]], undefined, {
      replayMax: 1000,
    });
    const { items, seen } = await collect(feeds, alice, '900-4');
    await settle();
    expect(asked).toHaveLength(1);
    expect(seen).toHaveLength(1000);
    expect(items[items.length - 1]).toEqual({
      kind: 'end',
      reason: 'replay limit reached: reconnect with Last-Event-ID',
    });
    subject.next(live(2000, 'EQ-US-FLOW')); // live changes held during the replay are not sent
    expect(seen).toHaveLength(1000);
  });

  it('ends the stream, to be resumed, when the replay cannot be read', async () => {
    const { feeds } = setUp([new Error('connection terminated')]);
    const { items } = await collect(feeds, alice, '900-4');
    await settle();
    expect(items).toEqual([
      { kind: 'open' },
      { kind: 'end', reason: 'replay failed: reconnect with Last-Event-ID' },
    ]);
  });

  it('holds nothing until subscribed, and lets the live feed go when unsubscribed', async () => {
    const { feeds, subject } = setUp();
    const feed = await feeds.open(alice, undefined);
    expect(subject.observed).toBe(false);
    const subscription = feed.subscribe(() => undefined);
    expect(subject.observed).toBe(true);
    subscription.unsubscribe();
    expect(subject.observed).toBe(false);
  });
});

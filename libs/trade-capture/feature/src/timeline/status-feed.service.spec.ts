import type { Principal } from '@tradeflow/shared/auth';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import type {
  StreamedChange,
  StreamPosition,
  TimelineRepository,
} from '@tradeflow/trade-capture/data-access';
import { Subject } from 'rxjs';
import { StatusFeedService } from './status-feed.service';
import { toStreamEvent, type StreamEvent, type TradeStreamService } from './trade-stream.service';

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

  /** A feed over a live subject and a table whose replay answers `pages` in turn (or waits for `gate`). */
  const setUp = (pages: StreamedChange[][] = [], gate?: Promise<void>) => {
    const subject = new Subject<StreamEvent>();
    const stream = { live: () => Promise.resolve(subject.asObservable()) } as unknown as TradeStreamService;
    const asked: { after: StreamPosition; books: readonly string[] | undefined }[] = [];
    const timeline = {
      changesAfter: async (_q: unknown, after: StreamPosition, books: readonly string[] | undefined) => {
        asked.push({ after, books });
        await gate;
        return pages.shift() ?? [];
      },
    } as unknown as TimelineRepository;
    const feeds = new StatusFeedService(stream, timeline, {} as TransactionRunner);
    return { subject, feeds, asked };
  };
  const collect = async (feeds: StatusFeedService, who: Principal, lastEventId?: string) => {
    const feed = await feeds.open(who, lastEventId);
    const seen: string[] = [];
    const subscription = feed.events.subscribe((e) => seen.push(`${e.position.seq}:${e.change.book}`));
    return { feed, seen, subscription };
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('sends a trader the live changes of their own books only, and risk every change', async () => {
    const { subject, feeds } = setUp();
    const hers = await collect(feeds, alice);
    const risks = await collect(feeds, rita);
    subject.next(live(1, 'EQ-US-FLOW'));
    subject.next(live(2, 'EQ-UK-FLOW'));
    subject.next(live(3, null));
    expect(hers.feed.resumed).toBe(false);
    expect(hers.seen).toEqual(['1:EQ-US-FLOW']);
    expect(risks.seen).toEqual(['1:EQ-US-FLOW', '2:EQ-UK-FLOW', '3:null']);
  });

  it('replays from Last-Event-ID with the trader’s books as the filter, and drops another book all the same', async () => {
    const { feeds, asked } = setUp([[changed(5, 'EQ-US-FLOW'), changed(6, 'EQ-UK-FLOW')]]);
    const { feed, seen } = await collect(feeds, alice, '900-4');
    await settle();
    expect(feed.resumed).toBe(true);
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
});

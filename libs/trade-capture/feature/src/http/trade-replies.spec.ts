import type { TradePayload } from '@tradeflow/shared/contracts';
import type { FastifyReply } from 'fastify';
import { bookedReply, replayedReply, withVersion } from './trade-replies';

/** A reply that remembers the status and headers it was given. */
function fakeReply() {
  const sent: { status?: number; headers: Record<string, string> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

const trade = { tradeId: 'T-20261120-000123', version: 3 } as TradePayload;

describe('trade replies', () => {
  it('gives a trade its version as a quoted ETag', () => {
    const { reply, sent } = fakeReply();
    expect(withVersion(reply, trade)).toBe(trade);
    expect(sent).toEqual({ headers: { ETag: '"3"' } });
  });

  it('answers a booking with its status, Location and ETag, and marks a replayed one', () => {
    const first = fakeReply();
    expect(bookedReply(first.reply, { status: 201, body: trade, replayed: false })).toBe(trade);
    expect(first.sent).toEqual({
      status: 201,
      headers: { Location: '/api/trades/T-20261120-000123', ETag: '"3"' },
    });

    const again = fakeReply();
    bookedReply(again.reply, { status: 201, body: trade, replayed: true });
    expect(again.sent.headers['Idempotent-Replayed']).toBe('true');
  });

  it('marks only an answer given again', () => {
    const fresh = fakeReply();
    expect(replayedReply(fresh.reply, { body: trade, replayed: false })).toBe(trade);
    expect(fresh.sent).toEqual({ headers: {} });

    const replayed = fakeReply();
    replayedReply(replayed.reply, { body: trade, replayed: true });
    expect(replayed.sent).toEqual({ headers: { 'Idempotent-Replayed': 'true' } });
  });
});

import type { TradePayload } from '@tradeflow/shared/contracts';
import type { FastifyReply } from 'fastify';

// What the trade endpoints add to their answers besides the body: the version as ETag (which If-Match
// sends back, see readIfMatch), where a booked trade lives, and the mark of an answer given again.

/** The trade, with its version as its ETag (`"2"`). */
export function withVersion(reply: FastifyReply, trade: TradePayload): TradePayload {
  void reply.header('ETag', `"${trade.version}"`);
  return trade;
}

/** A booking's answer: its status (201, or the first answer's when replayed), its Location and ETag. */
export function bookedReply(
  reply: FastifyReply,
  result: { status: number; body: TradePayload; replayed: boolean },
): TradePayload {
  void reply.status(result.status).header('Location', `/api/trades/${result.body.tradeId}`);
  return withVersion(reply, replayedReply(reply, result));
}

/** An answer that may be the first one given again (a repeated Idempotency-Key): marked when it is. */
export function replayedReply(
  reply: FastifyReply,
  result: { body: TradePayload; replayed: boolean },
): TradePayload {
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return result.body;
}

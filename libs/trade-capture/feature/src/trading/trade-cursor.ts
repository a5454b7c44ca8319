import { KeysetCursor } from '@tradeflow/shared/platform';
import type { TradeCursor } from '@tradeflow/trade-capture/data-access';
import { isRealDate, parseTradeId } from '@tradeflow/trade-capture/domain';

/** A cursor's instant, exactly as the repository's `to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` writes it. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/**
 * The trades list's key, newest first: (created_at, trade_id). Every part is range-checked here, so nothing
 * that would fail PostgreSQL's `::timestamptz` cast (hour 99, month 13, 30 February) gets past the 400.
 */
export const TRADE_CURSOR = new KeysetCursor<TradeCursor>({
  tag: 'trades.v1',
  arity: 2,
  toParts: (key) => [key.createdAt, key.tradeId],
  fromParts: ([createdAt, tradeId]) =>
    isInstant(createdAt!) && parseTradeId(tradeId!)
      ? { createdAt: createdAt!, tradeId: tradeId! }
      : undefined,
});

function isInstant(text: string): boolean {
  const instant = INSTANT.exec(text);
  if (!instant || !isRealDate(instant[1]!)) return false;
  const [hour, minute, second] = [Number(instant[2]), Number(instant[3]), Number(instant[4])];
  return hour <= 23 && minute <= 59 && second <= 59;
}

import { TradeCaptureIdempotencyLastUse1764100000001 } from './idempotency-last-use.migration';
import { TradeCaptureObligationKind1764000000003 } from './obligation-kind.migration';
import { TradeCaptureReference1764000000001 } from './reference-tables.migration';
import { TradeCaptureStreamPosition1764000000002 } from './stream-position.migration';
import { TradeCaptureTables1763900000000 } from './trade-capture-tables.migration';
import { TradeCaptureTimeline1764000000000 } from './trade-timeline.migration';

/** trade-capture's schema, in order: the service and the tests migrate with the same list. */
export const TRADE_CAPTURE_MIGRATIONS = [
  TradeCaptureTables1763900000000,
  TradeCaptureTimeline1764000000000,
  TradeCaptureReference1764000000001,
  TradeCaptureStreamPosition1764000000002,
  TradeCaptureObligationKind1764000000003,
  TradeCaptureIdempotencyLastUse1764100000001,
];

import { formatCash, toWire } from '@tradeflow/shared/money';
import { type TradeStatus } from '@tradeflow/shared/trading';
import { type TradeSide, type ValidatedTrade } from './validated-trade';

/**
 * Field for field the `TradePayload` of `@tradeflow/shared/contracts` (fo.trade.captured.v1, the API's
 * trade). Domain code may not import the contracts library (module boundaries), so the shape is mirrored
 * here; TypeScript's structural typing makes `const p: TradePayload = toTradePayload(…)` in the service
 * the compile-time check that the two never drift apart.
 */
export interface TradeView {
  tradeId: string;
  version: number;
  book: string;
  trader: string;
  side: TradeSide;
  instrumentId: string;
  instrumentType: 'EQUITY' | 'BOND' | 'FX_SPOT';
  quantity: string;
  price: string;
  currency: string;
  counterpartyLei: string;
  tradeDate: string;
  settlementDate: string;
  venueMic?: string;
  commission?: string;
  externalRef?: string;
  grossAmount: string;
  accruedInterest?: string;
  netAmount: string;
  counterAmount?: string;
  counterCurrency?: string;
  status: TradeStatus;
}

/**
 * The trade as the API answers it and as `fo.trade.*` events carry it: decimals as strings, quantity and
 * price in their shortest plain form, cash amounts with exactly the currency's minor units.
 */
export function toTradePayload(
  trade: ValidatedTrade,
  tradeId: string,
  version: number,
  status: TradeStatus,
): TradeView {
  const { economics: e } = trade;
  const cash = (amount: Parameters<typeof formatCash>[0]): string => formatCash(amount, e.currency);
  return {
    tradeId,
    version,
    book: trade.book,
    trader: trade.trader,
    side: trade.side,
    instrumentId: trade.instrument.id,
    instrumentType: trade.instrument.type,
    quantity: toWire(trade.quantity),
    price: toWire(trade.price),
    currency: e.currency,
    counterpartyLei: trade.counterpartyLei,
    tradeDate: trade.tradeDate,
    settlementDate: trade.settlementDate,
    ...(trade.venueMic !== undefined ? { venueMic: trade.venueMic } : {}),
    // Always present, "0.00" when none was charged: consumers need not guess what absent means.
    commission: cash(trade.commission),
    ...(trade.externalRef !== undefined ? { externalRef: trade.externalRef } : {}),
    grossAmount: cash(e.grossAmount),
    ...(e.accruedInterest !== undefined ? { accruedInterest: cash(e.accruedInterest) } : {}),
    netAmount: cash(e.netAmount),
    ...(e.counterAmount !== undefined && e.counterCurrency !== undefined
      ? { counterAmount: formatCash(e.counterAmount, e.counterCurrency), counterCurrency: e.counterCurrency }
      : {}),
    status,
  };
}

import { Dec } from '@tradeflow/shared/money';
import type { TradeRow } from './trade.repository';

/** For the repository tests: 1,000 Apple bought for EQ-US-FLOW by alice, as stored, at `at`. */
export function tradeRow(tradeId: string, at: Date, overrides: Partial<TradeRow> = {}): TradeRow {
  return {
    tradeId,
    version: 1,
    status: 'CAPTURED',
    book: 'EQ-US-FLOW',
    trader: 'alice',
    side: 'BUY',
    instrumentId: 'US0378331005',
    instrumentType: 'EQUITY',
    quantity: new Dec('1000'),
    price: new Dec('190.25'),
    currency: 'USD',
    counterpartyLei: 'W22LROWP2IHZNBB6K528',
    tradeDate: at.toISOString().slice(0, 10),
    settlementDate: '2026-11-23',
    venueMic: 'XNAS',
    commission: new Dec('12.50'),
    externalRef: null,
    grossAmount: new Dec('190250.00'),
    accruedInterest: null,
    netAmount: new Dec('190262.50'),
    counterAmount: null,
    counterCurrency: null,
    createdAt: at.toISOString(),
    createdBy: 'alice',
    updatedAt: at.toISOString(),
    updatedBy: 'alice',
    ...overrides,
  };
}

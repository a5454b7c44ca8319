import { TOPICS } from '../topic-registry';
import type {
  CashObligationPayload,
  SecuritiesObligationPayload,
  TradeBilateralPayload,
  TradeClearedPayload,
  TradeConfirmedPayload,
} from './clearing.payloads';
import { payloadFields, without } from './payload-spec.helpers';

const confirmed = {
  tradeId: 'T-20261120-000123',
  version: 1,
  confirmationId: 'CONF-20261120-0007',
  matchedAt: '2026-11-20T14:35:12.004Z',
} satisfies TradeConfirmedPayload;

const cleared = {
  tradeId: 'T-20261120-000123',
  version: 1,
  ccp: 'NSCC',
  novatedAt: '2026-11-20T14:35:12.500Z',
  ccpTradeRef: 'NSCC-8812734',
} satisfies TradeClearedPayload;

// Bought 1000, sold 400 of the same ISIN: receive 600 net.
const securitiesObligation = {
  obligationId: 'OBL-NSCC-20261123-US0378331005',
  ccp: 'NSCC',
  settlementDate: '2026-11-23',
  kind: 'SECURITIES',
  isin: 'US0378331005',
  direction: 'RECEIVE',
  quantity: '600',
  trades: [
    { tradeId: 'T-20261120-000123', version: 1 },
    { tradeId: 'T-20261120-000130', version: 2 },
  ],
  nettingRunId: 'NET-NSCC-20261123-0004',
  final: false,
} satisfies SecuritiesObligationPayload;

const cashObligation = {
  obligationId: 'OBL-NSCC-20261123-USD',
  ccp: 'NSCC',
  settlementDate: '2026-11-23',
  kind: 'CASH',
  currency: 'USD',
  direction: 'PAY',
  amount: '114162.50',
  trades: securitiesObligation.trades,
  nettingRunId: 'NET-NSCC-20261123-0004',
  final: true,
} satisfies CashObligationPayload;

const bilateralBond = {
  tradeId: 'T-20261120-000124',
  version: 1,
  instrumentType: 'BOND',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  settlementDate: '2026-11-23',
  legs: [
    { kind: 'SECURITIES', isin: 'US91282CJL54', direction: 'DELIVER', quantity: '5000000' },
    { kind: 'CASH', currency: 'USD', direction: 'RECEIVE', amount: '4950595.67' },
  ],
} satisfies TradeBilateralPayload;

const bilateralFx = {
  ...bilateralBond,
  tradeId: 'T-20261120-000125',
  instrumentType: 'FX_SPOT',
  settlementDate: '2026-11-24',
  legs: [
    { kind: 'CASH', currency: 'EUR', direction: 'RECEIVE', amount: '10000000.00' },
    { kind: 'CASH', currency: 'USD', direction: 'PAY', amount: '10845000.00' },
  ],
} satisfies TradeBilateralPayload;

describe('trade.confirmed', () => {
  it('accepts a match', () => {
    expect(payloadFields(TOPICS.tradeConfirmed, confirmed)).toEqual([]);
  });

  it.each([
    [
      'a matchedAt without milliseconds',
      { ...confirmed, matchedAt: '2026-11-20T14:35:12Z' },
      'payload.matchedAt',
    ],
    ['a missing confirmationId', without(confirmed, 'confirmationId'), 'payload.confirmationId'],
    ['a missing tradeId', without(confirmed, 'tradeId'), 'payload.tradeId'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeConfirmed, payload)).toEqual([field]);
  });
});

describe('trade.cleared', () => {
  it('accepts a novation', () => {
    expect(payloadFields(TOPICS.tradeCleared, cleared)).toEqual([]);
  });

  it.each([
    ['a lower-case CCP code', { ...cleared, ccp: 'nscc' }, 'payload.ccp'],
    [
      'a novatedAt with an offset',
      { ...cleared, novatedAt: '2026-11-20T15:35:12.500+01:00' },
      'payload.novatedAt',
    ],
    ['no CCP reference', without(cleared, 'ccpTradeRef'), 'payload.ccpTradeRef'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeCleared, payload)).toEqual([field]);
  });
});

describe('obligation.netted', () => {
  it.each([
    ['a securities obligation', securitiesObligation],
    ['a cash obligation, frozen at cut-off', cashObligation],
    ['trades that net to nothing', { ...securitiesObligation, quantity: '0' }],
  ])('accepts %s', (_, payload) => {
    expect(payloadFields(TOPICS.obligationNetted, payload)).toEqual([]);
  });

  it.each([
    ['a securities obligation that pays', { ...securitiesObligation, direction: 'PAY' }, 'payload.direction'],
    ['a securities obligation without an ISIN', without(securitiesObligation, 'isin'), 'payload.isin'],
    ['a cash obligation with a quantity', { ...cashObligation, quantity: '600' }, 'payload.quantity'],
    [
      'a signed amount (the direction says which way)',
      { ...cashObligation, amount: '-114162.50' },
      'payload.amount',
    ],
    ['no trades', { ...cashObligation, trades: [] }, 'payload.trades'],
    [
      'a trade without its version',
      { ...cashObligation, trades: [{ tradeId: 'T-20261120-000123' }] },
      'payload.trades.0.version',
    ],
    ['an unknown kind', { ...cashObligation, kind: 'COLLATERAL' }, 'payload.kind'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.obligationNetted, payload)).toContain(field);
  });
});

describe('trade.bilateral', () => {
  it('accepts a DVP bond trade and a PVP FX trade', () => {
    expect(payloadFields(TOPICS.tradeBilateral, bilateralBond)).toEqual([]);
    expect(payloadFields(TOPICS.tradeBilateral, bilateralFx)).toEqual([]);
  });

  it.each([
    ['no legs', { ...bilateralBond, legs: [] }, 'payload.legs'],
    [
      'three legs',
      { ...bilateralBond, legs: [...bilateralBond.legs, bilateralBond.legs[1]] },
      'payload.legs',
    ],
    [
      'a leg with a bad ISIN',
      { ...bilateralBond, legs: [{ ...bilateralBond.legs[0], isin: 'XX' }, bilateralBond.legs[1]] },
      'payload.legs.0.isin',
    ],
    [
      'a cash leg with 4 decimals',
      { ...bilateralBond, legs: [bilateralBond.legs[0], { ...bilateralBond.legs[1], amount: '1.0001' }] },
      'payload.legs.1.amount',
    ],
    ['a bad counterparty LEI', { ...bilateralBond, counterpartyLei: 'GSI' }, 'payload.counterpartyLei'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeBilateral, payload)).toContain(field);
  });
});

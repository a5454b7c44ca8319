import { TOPICS } from '../topic-registry';
import { payloadFields, without } from './payload-spec.helpers';
import type {
  SettlementFailedPayload,
  SettlementInstructedPayload,
  SettlementSettledPayload,
  SsiPayload,
} from './settlement.payloads';

const ours = {
  ownerId: 'TRADEFLOWBANK0000068',
  depository: 'DTC',
  placeOfSettlementBic: 'DTCYUS33',
  account: 'DTC-0352',
  agentBic: 'IRVTUS3N',
} satisfies SsiPayload;

const nscc = { ...ours, ownerId: 'NSCC', account: 'DTC-0888', agentBic: 'DTCYUS33' } satisfies SsiPayload;

const fromObligation = {
  instructionId: 'SI-20261123-000017',
  source: { kind: 'OBLIGATION', obligationId: 'OBL-NSCC-20261123-US0378331005', ccp: 'NSCC' },
  settlementDate: '2026-11-23',
  legs: [
    { kind: 'SECURITIES', isin: 'US0378331005', direction: 'RECEIVE', quantity: '600' },
    { kind: 'CASH', currency: 'USD', direction: 'PAY', amount: '114162.50' },
  ],
  ssis: { ours, theirs: nscc },
  tradeIds: ['T-20261120-000123', 'T-20261120-000130'],
} satisfies SettlementInstructedPayload;

const fromTrade = {
  ...fromObligation,
  instructionId: 'SI-20261123-000018',
  source: { kind: 'TRADE', tradeId: 'T-20261120-000124', version: 1 },
  tradeIds: ['T-20261120-000124'],
} satisfies SettlementInstructedPayload;

const settled = {
  instructionId: 'SI-20261123-000017',
  settledQuantity: '600',
  settledAmount: '114162.50',
  currency: 'USD',
  partial: false,
  settledAt: '2026-11-23T15:02:44.310Z',
  tradeIds: ['T-20261120-000123', 'T-20261120-000130'],
} satisfies SettlementSettledPayload;

const failed = {
  instructionId: 'SI-20261123-000017',
  reason: 'LACK_OF_SECURITIES',
  detail: 'NSCC short 600 US0378331005 at DTC',
  failedAt: '2026-11-23T20:00:00.000Z',
  tradeIds: ['T-20261120-000123'],
} satisfies SettlementFailedPayload;

describe('settlement.instructed', () => {
  it('accepts an instruction for an obligation and one for a bilateral trade', () => {
    expect(payloadFields(TOPICS.settlementInstructed, fromObligation)).toEqual([]);
    expect(payloadFields(TOPICS.settlementInstructed, fromTrade)).toEqual([]);
  });

  it.each([
    ['a missing counterparty SSI', { ...fromObligation, ssis: { ours } }, 'payload.ssis.theirs'],
    [
      'an SSI with a bad BIC',
      { ...fromObligation, ssis: { ours: { ...ours, agentBic: 'IRVT' }, theirs: nscc } },
      'payload.ssis.ours.agentBic',
    ],
    [
      'an unknown depository',
      { ...fromObligation, ssis: { ours: { ...ours, depository: 'SIX' }, theirs: nscc } },
      'payload.ssis.ours.depository',
    ],
    [
      'a trade source without its version',
      { ...fromTrade, source: { kind: 'TRADE', tradeId: 'T-20261120-000124' } },
      'payload.source.version',
    ],
    ['no trades', { ...fromObligation, tradeIds: [] }, 'payload.tradeIds'],
    ['a malformed trade id', { ...fromObligation, tradeIds: ['T-2026-1'] }, 'payload.tradeIds.0'],
    [
      'a settlement date with slashes',
      { ...fromObligation, settlementDate: '2026/11/23' },
      'payload.settlementDate',
    ],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.settlementInstructed, payload)).toContain(field);
  });
});

describe('settlement.settled', () => {
  it.each([
    ['a full DVP settlement', settled],
    [
      'a partial delivery of securities only',
      { ...without(without(settled, 'settledAmount'), 'currency'), settledQuantity: '250', partial: true },
    ],
    ['a cash-only settlement', without(settled, 'settledQuantity')],
  ])('accepts %s', (_, payload) => {
    expect(payloadFields(TOPICS.settlementSettled, payload)).toEqual([]);
  });

  it.each([
    [
      'a settled quantity of 7 decimals',
      { ...settled, settledQuantity: '600.0000001' },
      'payload.settledQuantity',
    ],
    ['an amount without its currency', without(settled, 'currency'), 'payload.currency'],
    ['partial as a string', { ...settled, partial: 'false' }, 'payload.partial'],
    [
      'nothing settled',
      { ...without(without(settled, 'settledAmount'), 'currency'), settledQuantity: undefined },
      'payload.settledQuantity',
    ],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.settlementSettled, JSON.parse(JSON.stringify(payload)))).toContain(field);
  });
});

describe('settlement.failed', () => {
  it('accepts a fail with its reason', () => {
    expect(payloadFields(TOPICS.settlementFailed, failed)).toEqual([]);
  });

  it.each([
    ['an unknown reason', { ...failed, reason: 'HOLIDAY' }, 'payload.reason'],
    ['a missing detail', without(failed, 'detail'), 'payload.detail'],
    ['a failedAt as epoch milliseconds', { ...failed, failedAt: 1795464000000 }, 'payload.failedAt'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.settlementFailed, payload)).toEqual([field]);
  });
});

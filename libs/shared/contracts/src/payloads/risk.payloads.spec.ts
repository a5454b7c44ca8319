import { TOPICS } from '../topic-registry';
import { payloadFields, without } from './payload-spec.helpers';
import type {
  CheckResultPayload,
  RiskAlertPayload,
  TradeApprovedPayload,
  TradeHeldPayload,
  TradeRejectedPayload,
} from './risk.payloads';

const pass = (code: CheckResultPayload['code']): CheckResultPayload => ({
  code,
  outcome: 'PASS',
  detail: 'within limits',
});

// Notional 31,500,000 USD against the book's 25,000,000 limit: a hold.
const notionalHold = {
  code: 'MAX_TRADE_NOTIONAL',
  outcome: 'HOLD',
  detail: 'notional 31500000.00 USD above the book limit of 25000000 USD',
  limit: '25000000',
  usageBefore: '0',
  usageAfter: '31500000.00',
} satisfies CheckResultPayload;

const approved = {
  tradeId: 'T-20261120-000123',
  version: 1,
  checks: [pass('RESTRICTED_INSTRUMENT'), pass('PRICE_TOLERANCE'), pass('WASH_TRADE')],
} satisfies TradeApprovedPayload;

const held = {
  tradeId: 'T-20261120-000123',
  version: 1,
  checks: [pass('RESTRICTED_INSTRUMENT'), notionalHold],
} satisfies TradeHeldPayload;

const released = {
  ...held,
  decidedBy: 'rita',
  comment: 'client pre-approved by credit',
} satisfies TradeApprovedPayload;

const rejected = {
  tradeId: 'T-20261120-000123',
  version: 1,
  checks: [
    { code: 'RESTRICTED_INSTRUMENT', outcome: 'REJECT', detail: 'US0378331005 is on the restricted list' },
  ],
} satisfies TradeRejectedPayload;

const alert = {
  alertId: 'ALERT-000042',
  book: 'EQ-US-FLOW',
  severity: 'WARNING',
  code: 'BOOK_POSITION_LIMIT',
  message: 'position in US0378331005 at 96% of its limit',
  figures: { limit: '500000', usage: '480000', usagePercent: '96.0' },
  instrumentId: 'US0378331005',
} satisfies RiskAlertPayload;

describe('trade.approved', () => {
  it('accepts an automatic approval and a risk officer releasing a held trade', () => {
    expect(payloadFields(TOPICS.tradeApproved, approved)).toEqual([]);
    expect(payloadFields(TOPICS.tradeApproved, released)).toEqual([]);
  });

  it.each([
    [
      'an unknown check code',
      { ...approved, checks: [{ ...pass('WASH_TRADE'), code: 'FAT_FINGER' }] },
      'payload.checks.0.code',
    ],
    [
      'an outcome of OK',
      { ...approved, checks: [{ ...pass('WASH_TRADE'), outcome: 'OK' }] },
      'payload.checks.0.outcome',
    ],
    [
      'a check without its detail',
      { ...approved, checks: [without(pass('WASH_TRADE'), 'detail')] },
      'payload.checks.0.detail',
    ],
    [
      'a limit as a number',
      { ...approved, checks: [{ ...notionalHold, limit: 25000000 }] },
      'payload.checks.0.limit',
    ],
    ['no checks', { ...approved, checks: [] }, 'payload.checks'],
    ['a missing tradeId', without(approved, 'tradeId'), 'payload.tradeId'],
    ['a held trade approved without the officer who released it', { ...held }, 'payload.decidedBy'],
    ['a fired reject check', { ...rejected, decidedBy: 'rita' }, 'payload'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeApproved, payload)).toContain(field);
  });
});

describe('trade.held', () => {
  it('accepts a hold with the figures of the check that fired', () => {
    expect(payloadFields(TOPICS.tradeHeld, held)).toEqual([]);
  });

  it.each([
    ['no hold check', approved, 'payload.checks'],
    [
      'a reject check, which rejects instead',
      { ...held, checks: [...held.checks, ...rejected.checks] },
      'payload',
    ],
    [
      'a usage with 9 decimals',
      { ...held, checks: [{ ...notionalHold, usageAfter: '1.000000001' }] },
      'payload.checks.0.usageAfter',
    ],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeHeld, payload)).toContain(field);
  });
});

describe('trade.rejected', () => {
  it('accepts a reject check and a risk officer rejecting a held trade', () => {
    expect(payloadFields(TOPICS.tradeRejected, rejected)).toEqual([]);
    expect(payloadFields(TOPICS.tradeRejected, { ...held, decidedBy: 'rita', comment: 'no' })).toEqual([]);
  });

  it.each([
    ['passing checks and no officer', approved, 'payload.decidedBy'],
    ['an unknown field', { ...rejected, severity: 'HIGH' }, 'payload.severity'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.tradeRejected, payload)).toContain(field);
  });
});

describe('risk.alert', () => {
  it('accepts an alert with its figures', () => {
    expect(payloadFields(TOPICS.riskAlert, alert)).toEqual([]);
  });

  it.each([
    ['a figure that is not a decimal', { ...alert, figures: { limit: 'lots' } }, 'payload.figures.limit'],
    ['an unknown severity', { ...alert, severity: 'HIGH' }, 'payload.severity'],
    ['a lower-case code', { ...alert, code: 'limit-near' }, 'payload.code'],
    ['a missing book', without(alert, 'book'), 'payload.book'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.riskAlert, payload)).toEqual([field]);
  });
});

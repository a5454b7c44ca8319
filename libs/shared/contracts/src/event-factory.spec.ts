import { createEnvelope } from './event-factory';
import { EventValidator } from './event-validator';
import type { CashObligationPayload, TradeApprovedPayload } from './payloads';
import { TOPICS } from './topic-registry';
import { SAMPLE_CAPTURED_TRADE } from './payloads/payload-spec.helpers';

const approved = {
  tradeId: 'T-20261120-000123',
  version: 1,
  checks: [{ code: 'RESTRICTED_INSTRUMENT', outcome: 'PASS', detail: 'not restricted' }],
} satisfies TradeApprovedPayload;

const obligation = {
  obligationId: 'OBL-7',
  ccp: 'NSCC',
  settlementDate: '2026-11-23',
  kind: 'CASH',
  currency: 'USD',
  direction: 'PAY',
  amount: '1000.00',
  trades: [{ tradeId: 'T-20261120-000123', version: 1 }],
  nettingRunId: 'NET-2026-11-20',
  final: false,
} satisfies CashObligationPayload;

describe('createEnvelope', () => {
  const occurredAt = new Date('2026-11-20T14:31:07.123Z');
  const actor = { id: 'alice', role: 'trader' };

  it('builds an envelope for the topic from the injected clock, which the validator accepts', () => {
    const envelope = createEnvelope({
      topic: TOPICS.tradeCaptured,
      producer: 'trade-capture',
      key: 'T-20261120-000123',
      actor,
      payload: SAMPLE_CAPTURED_TRADE,
      occurredAt,
    });
    expect(envelope).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'trade.captured',
      version: 1,
      occurredAt: '2026-11-20T14:31:07.123Z',
      producer: 'trade-capture',
      key: 'T-20261120-000123',
      correlationId: 'T-20261120-000123',
      causationId: null,
      actor: { id: 'alice', role: 'trader' },
      payload: SAMPLE_CAPTURED_TRADE,
    });
    expect(new EventValidator().validate('fo.trade.captured.v1', envelope).ok).toBe(true);
  });

  it('stamps the eventId with the time the event occurred', () => {
    const envelope = createEnvelope({
      topic: TOPICS.tradeApproved,
      producer: 'risk-compliance',
      key: 'T-20261120-000123',
      actor,
      payload: approved,
      occurredAt: new Date('2030-01-01T00:00:00.000Z'),
    });
    // 2030-01-01 = 21915 days after 1970-01-01 (60 years, 15 leap days) = 1893456000000 ms = 0x01b8dac5b400
    expect(envelope.eventId.slice(0, 13)).toBe('01b8dac5-b400');
  });

  it('keeps a given correlation and causation', () => {
    const envelope = createEnvelope({
      topic: TOPICS.obligationNetted,
      producer: 'clearing',
      key: 'OBL-7',
      correlationId: 'NET-2026-11-20',
      causationId: '019a9f3c-5a7b-7c12-8d34-0123456789aa',
      actor: { id: 'clearing', role: 'service' },
      payload: obligation,
      occurredAt,
    });
    expect(envelope.key).toBe('OBL-7');
    expect(envelope.correlationId).toBe('NET-2026-11-20');
    expect(envelope.causationId).toBe('019a9f3c-5a7b-7c12-8d34-0123456789aa');
    expect(envelope.type).toBe('obligation.netted');
    expect(new EventValidator().validate('bo.obligation.netted.v1', envelope).ok).toBe(true);
  });
});

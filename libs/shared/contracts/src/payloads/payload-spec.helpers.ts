// Helpers for the payload specs: check a payload against its topic with the one EventValidator.
import { EventValidator } from '../event-validator';
import type { TopicDefinition } from '../topic-definition';
import type { TradeCapturedPayload } from './trade.payloads';

const validator = new EventValidator();

/** The fields the validator names for a payload of the topic; empty when it is accepted. */
export function payloadFields(topic: TopicDefinition, payload: unknown): string[] {
  const result = validator.validatePayload(topic.name, payload);
  return result.ok ? [] : [...new Set(result.errors.map((e) => e.field))];
}

/** A copy of an object without one field. */
export function without<T extends object>(value: T, field: keyof T): Record<string, unknown> {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[field as string];
  return copy;
}

/** A valid trade.captured payload: 100 × 190.25 = 19,025.00 gross, no commission, so net equals gross. */
export const SAMPLE_CAPTURED_TRADE = {
  tradeId: 'T-20261120-000123',
  version: 1,
  book: 'EQ-US-FLOW',
  trader: 'alice',
  side: 'BUY',
  instrumentId: 'US0378331005',
  instrumentType: 'EQUITY',
  quantity: '100',
  price: '190.25',
  currency: 'USD',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  settlementDate: '2026-11-23',
  grossAmount: '19025.00',
  netAmount: '19025.00',
  status: 'CAPTURED',
} satisfies TradeCapturedPayload;

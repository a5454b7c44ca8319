// Helpers for the payload specs: check a payload against its topic with the one EventValidator.
import { EventValidator } from '../event-validator';
import type { TopicDefinition } from '../topic-definition';

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

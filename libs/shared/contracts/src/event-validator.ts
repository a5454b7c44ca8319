import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { envelopeJsonSchema, type EventEnvelope } from './event-envelope';
import type { TopicDefinition } from './topic-definition';
import { TopicRegistry } from './topic-registry';

export interface FieldError {
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; envelope: EventEnvelope } | { ok: false; errors: FieldError[] };

export type PayloadValidationResult = { ok: true } | { ok: false; errors: FieldError[] };

/**
 * The one validator of events, used by the outbox on produce and by consumers on consume, so a
 * message that would be refused downstream is refused before it is ever written.
 */
export class EventValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly envelope: ValidateFunction;
  private readonly payloads = new Map<string, ValidateFunction>();

  constructor(private readonly registry: TopicRegistry = new TopicRegistry()) {
    this.envelope = this.ajv.compile(envelopeJsonSchema);
  }

  /** Parses raw bytes as JSON, then validates them for the topic. */
  parse(topic: string, raw: Buffer | string | null): ValidationResult {
    if (raw === null) return fail('', 'message has no value');
    let value: unknown;
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
    } catch (error) {
      return fail('', `value is not JSON: ${(error as Error).message}`);
    }
    return this.validate(topic, value);
  }

  validate(topic: string, value: unknown): ValidationResult {
    if (!this.envelope(value)) return { ok: false, errors: toFieldErrors(this.envelope.errors) };
    const envelope = value as unknown as EventEnvelope;
    const definition = this.registry.get(topic);
    if (!definition) return fail('', `no contract for topic "${topic}"`);
    if (envelope.type !== definition.type || envelope.version !== definition.version) {
      return fail(
        'type',
        `topic ${topic} carries ${definition.type} v${definition.version}, got ${envelope.type} v${envelope.version}`,
      );
    }
    const payload = this.payloadValidator(definition);
    if (!payload(envelope.payload)) return { ok: false, errors: toFieldErrors(payload.errors, 'payload') };
    return { ok: true, envelope };
  }

  /**
   * Checks a payload alone against its topic's schema, before an envelope is made (fields are named
   * `payload.<path>`, as in `validate`).
   */
  validatePayload(topic: string, payload: unknown): PayloadValidationResult {
    const definition = this.registry.get(topic);
    if (!definition)
      return { ok: false, errors: [{ field: '', message: `no contract for topic "${topic}"` }] };
    const validate = this.payloadValidator(definition);
    return validate(payload)
      ? { ok: true }
      : { ok: false, errors: toFieldErrors(validate.errors, 'payload') };
  }

  private payloadValidator(definition: TopicDefinition): ValidateFunction {
    let validator = this.payloads.get(definition.name);
    if (!validator) {
      validator = this.ajv.compile(definition.payloadSchema);
      this.payloads.set(definition.name, validator);
    }
    return validator;
  }
}

function fail(field: string, message: string): ValidationResult {
  return { ok: false, errors: [{ field, message }] };
}

function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  return (errors ?? []).map((e) => {
    const path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required' || e.keyword === 'dependencies') {
      path.push(String(e.params['missingProperty']));
    }
    if (e.keyword === 'additionalProperties') path.push(String(e.params['additionalProperty']));
    const field = [prefix, ...path].filter(Boolean).join('.');
    const message =
      e.keyword === 'additionalProperties' ? 'is not a known field' : (e.message ?? 'is invalid');
    return { field, message };
  });
}

/** Formats validation errors as one line, for dead-letter headers and logs. */
export function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => (e.field ? `${e.field} ${e.message}` : e.message)).join('; ');
}

import { EventValidator, describeErrors, type FieldError, type ValidationResult } from './event-validator';
import { defineTopic } from './topic-definition';
import { TopicRegistry } from './topic-registry';
import { SAMPLE_CAPTURED_TRADE } from './payloads/payload-spec.helpers';

// A topic of the tests' own, with a payload schema like the domain's: decimals travel as strings.
const widgetPriced = defineTopic('test.widget.priced.v1', 'test-service', 'widget id', {
  type: 'object',
  additionalProperties: false,
  required: ['widgetId', 'price'],
  properties: {
    widgetId: { type: 'string', minLength: 1 },
    price: { type: 'string', pattern: '^-?\\d{1,18}(\\.\\d{1,8})?$' },
  },
});

function tradeCaptured(): Record<string, unknown> {
  return {
    eventId: '019a9f3c-5a7b-7c12-8d34-0123456789ab',
    type: 'trade.captured',
    version: 1,
    occurredAt: '2026-11-20T14:31:07.123Z',
    producer: 'trade-capture',
    key: 'T-20261120-000123',
    correlationId: 'T-20261120-000123',
    causationId: null,
    actor: { id: 'alice', role: 'trader' },
    payload: { ...SAMPLE_CAPTURED_TRADE },
  };
}

function widgetEvent(payload: Record<string, unknown>): Record<string, unknown> {
  return {
    ...tradeCaptured(),
    type: 'widget.priced',
    producer: 'test-service',
    key: 'W-1',
    correlationId: 'W-1',
    causationId: '019a9f3c-5a7b-7c12-8d34-0123456789aa',
    payload,
  };
}

function errorsOf(result: ValidationResult): FieldError[] {
  if (result.ok) throw new Error('expected the envelope to be refused, but it passed');
  return result.errors;
}

function fieldsOf(result: ValidationResult): string[] {
  return [...new Set(errorsOf(result).map((e) => e.field))];
}

describe('EventValidator', () => {
  const validator = new EventValidator(new TopicRegistry().add(widgetPriced));
  const topic = 'fo.trade.captured.v1';

  describe('accepts', () => {
    it('a valid envelope, returning it', () => {
      const envelope = tradeCaptured();
      expect(validator.validate(topic, envelope)).toEqual({ ok: true, envelope });
    });

    it('a valid envelope as JSON text and as bytes', () => {
      const json = JSON.stringify(tradeCaptured());
      expect(validator.parse(topic, json)).toEqual({ ok: true, envelope: tradeCaptured() });
      expect(validator.parse(topic, Buffer.from(json, 'utf8'))).toEqual({
        ok: true,
        envelope: tradeCaptured(),
      });
    });

    it('a causationId naming the event that caused this one', () => {
      const envelope = { ...tradeCaptured(), causationId: '019a9f3c-5a7b-7c12-8d34-0123456789aa' };
      expect(validator.validate(topic, envelope).ok).toBe(true);
    });

    it('a payload that satisfies its topic schema', () => {
      expect(
        validator.validate('test.widget.priced.v1', widgetEvent({ widgetId: 'W-1', price: '-12.50' })).ok,
      ).toBe(true);
    });
  });

  describe('refuses, naming the offending field,', () => {
    it('an eventId that is not a UUID', () => {
      const result = validator.validate(topic, { ...tradeCaptured(), eventId: 'T-20261120-000123' });
      expect(errorsOf(result)).toEqual([
        {
          field: 'eventId',
          message:
            'must match pattern "^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"',
        },
      ]);
    });

    it('an upper-case UUID, which the inbox would not find again', () => {
      const result = validator.validate(topic, {
        ...tradeCaptured(),
        eventId: '019A9F3C-5A7B-7C12-8D34-0123456789AB',
      });
      expect(fieldsOf(result)).toEqual(['eventId']);
    });

    it.each([
      ['2026-11-20T14:31:07Z', 'without milliseconds'],
      ['2026-11-20T14:31:07.123+01:00', 'with an offset instead of UTC'],
      ['2026-11-20T14:31:07.123', 'without a zone'],
      ['2026-11-20 14:31:07.123Z', 'with a space for T'],
      ['1795185067123', 'as epoch milliseconds'],
    ])('an occurredAt of %j (%s)', (occurredAt) => {
      expect(fieldsOf(validator.validate(topic, { ...tradeCaptured(), occurredAt }))).toEqual(['occurredAt']);
    });

    it('an unknown extra field at the top level', () => {
      const result = validator.validate(topic, { ...tradeCaptured(), tenant: 'acme' });
      expect(errorsOf(result)).toEqual([{ field: 'tenant', message: 'is not a known field' }]);
    });

    it('an actor without a role', () => {
      const result = validator.validate(topic, { ...tradeCaptured(), actor: { id: 'alice' } });
      expect(errorsOf(result)).toEqual([
        { field: 'actor.role', message: "must have required property 'role'" },
      ]);
    });

    it('a missing top-level field', () => {
      const envelope = tradeCaptured();
      delete envelope['correlationId'];
      expect(fieldsOf(validator.validate(topic, envelope))).toEqual(['correlationId']);
    });

    it('a causationId that is a number', () => {
      const result = validator.validate(topic, { ...tradeCaptured(), causationId: 42 });
      expect(fieldsOf(result)).toEqual(['causationId']);
    });

    it('a version that is not a positive integer', () => {
      expect(fieldsOf(validator.validate(topic, { ...tradeCaptured(), version: '1' }))).toEqual(['version']);
      expect(fieldsOf(validator.validate(topic, { ...tradeCaptured(), version: 0 }))).toEqual(['version']);
      expect(fieldsOf(validator.validate(topic, { ...tradeCaptured(), version: 1.5 }))).toEqual(['version']);
    });

    it('every bad field at once, not only the first', () => {
      const result = validator.validate(topic, {
        ...tradeCaptured(),
        eventId: 'x',
        occurredAt: 'yesterday',
        key: '',
      });
      expect(fieldsOf(result).sort()).toEqual(['eventId', 'key', 'occurredAt']);
    });

    it('a type that the topic does not carry', () => {
      const result = validator.validate(topic, { ...tradeCaptured(), type: 'trade.amended' });
      expect(errorsOf(result)).toEqual([
        {
          field: 'type',
          message: 'topic fo.trade.captured.v1 carries trade.captured v1, got trade.amended v1',
        },
      ]);
    });

    it('a version that the topic does not carry', () => {
      const result = validator.validate(topic, { ...tradeCaptured(), version: 2 });
      expect(errorsOf(result)).toEqual([
        {
          field: 'type',
          message: 'topic fo.trade.captured.v1 carries trade.captured v1, got trade.captured v2',
        },
      ]);
    });

    it('a payload price that is not a decimal string', () => {
      const result = validator.validate(
        'test.widget.priced.v1',
        widgetEvent({ widgetId: 'W-1', price: '1e3' }),
      );
      expect(errorsOf(result)).toEqual([
        { field: 'payload.price', message: 'must match pattern "^-?\\d{1,18}(\\.\\d{1,8})?$"' },
      ]);
    });

    it('a payload price sent as a number', () => {
      const result = validator.validate(
        'test.widget.priced.v1',
        widgetEvent({ widgetId: 'W-1', price: 12.5 }),
      );
      expect(errorsOf(result)).toEqual([{ field: 'payload.price', message: 'must be string' }]);
    });

    it('a payload missing a field or carrying an unknown one', () => {
      const result = validator.validate(
        'test.widget.priced.v1',
        widgetEvent({ widgetId: 'W-1', cost: '1.00' }),
      );
      expect(errorsOf(result)).toEqual(
        expect.arrayContaining([
          { field: 'payload.price', message: "must have required property 'price'" },
          { field: 'payload.cost', message: 'is not a known field' },
        ]),
      );
    });

    it("a payload that breaks its registered topic's schema", () => {
      const result = validator.validate(topic, {
        ...tradeCaptured(),
        payload: { ...SAMPLE_CAPTURED_TRADE, quantity: '1e309', price: '190.250000001' },
      });
      expect(errorsOf(result)).toEqual([
        { field: 'payload.quantity', message: expect.stringMatching(/^must match pattern/) },
        { field: 'payload.price', message: expect.stringMatching(/^must match pattern/) },
      ]);
    });

    it('a placeholder payload on a registered topic, naming each missing field', () => {
      const result = validator.validate(topic, {
        ...tradeCaptured(),
        payload: { tradeId: 'T-20261120-000123' },
      });
      expect(fieldsOf(result)).toEqual(
        expect.arrayContaining(['payload.quantity', 'payload.price', 'payload.status']),
      );
    });

    it('a payload that is not an object', () => {
      expect(fieldsOf(validator.validate(topic, { ...tradeCaptured(), payload: [] }))).toEqual(['payload']);
      expect(fieldsOf(validator.validate(topic, { ...tradeCaptured(), payload: 'x' }))).toEqual(['payload']);
    });
  });

  describe('refuses the whole value', () => {
    it('when it is not JSON', () => {
      const result = validator.parse(topic, '{"eventId": ');
      const errors = errorsOf(result);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.field).toBe('');
      expect(errors[0]!.message.startsWith('value is not JSON: ')).toBe(true);
    });

    it('when the message has no value (a tombstone)', () => {
      expect(validator.parse(topic, null)).toEqual({
        ok: false,
        errors: [{ field: '', message: 'message has no value' }],
      });
    });

    it('when it is JSON but not an object', () => {
      expect(validator.parse(topic, 'null')).toEqual({
        ok: false,
        errors: [{ field: '', message: 'must be object' }],
      });
      expect(validator.parse(topic, '[1,2]').ok).toBe(false);
    });

    it('when no contract is declared for the topic', () => {
      expect(validator.validate('fo.trade.exploded.v1', tradeCaptured())).toEqual({
        ok: false,
        errors: [{ field: '', message: 'no contract for topic "fo.trade.exploded.v1"' }],
      });
    });
  });

  it('knows the registered topics without being given a registry', () => {
    const defaultValidator = new EventValidator();
    expect(defaultValidator.validate(topic, tradeCaptured()).ok).toBe(true);
    expect(defaultValidator.validate('test.widget.priced.v1', widgetEvent({}))).toEqual({
      ok: false,
      errors: [{ field: '', message: 'no contract for topic "test.widget.priced.v1"' }],
    });
  });
});

describe('describeErrors', () => {
  it('formats errors as one line, each field before its message', () => {
    const line = describeErrors([
      { field: 'payload.price', message: 'must be string' },
      { field: 'tenant', message: 'is not a known field' },
      { field: '', message: 'message has no value' },
    ]);
    expect(line).toBe('payload.price must be string; tenant is not a known field; message has no value');
  });

  it('describes a real refusal on one line', () => {
    const result = new EventValidator().validate('fo.trade.captured.v1', {
      ...tradeCaptured(),
      actor: { id: 'alice' },
      tenant: 'acme',
    });
    const line = describeErrors(errorsOf(result));
    expect(line).not.toContain('\n');
    expect(line).toContain("actor.role must have required property 'role'");
    expect(line).toContain('tenant is not a known field');
  });

  it('is empty for no errors', () => {
    expect(describeErrors([])).toBe('');
  });
});

import Ajv from 'ajv';
import { topicJsonSchema } from './json-schema-export';
import { defineTopic } from './topic-definition';
import { ALL_TOPICS, TOPICS } from './topic-registry';
import { SAMPLE_CAPTURED_TRADE } from './payloads/payload-spec.helpers';

function tradeEvent(type: string): Record<string, unknown> {
  return {
    eventId: '019a9f3c-5a7b-7c12-8d34-0123456789ab',
    type,
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

describe('topicJsonSchema', () => {
  it('names the topic and describes it', () => {
    const schema = topicJsonSchema(TOPICS.tradeCaptured);
    expect(schema['$id']).toBe('https://tradeflow.dev/schemas/fo.trade.captured.v1.json');
    expect(schema['title']).toBe('fo.trade.captured.v1');
    expect(schema['description']).toBe('trade.captured v1, produced by trade-capture, keyed by trade id');
  });

  it('compiles with ajv in strict mode, for every topic', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    for (const topic of ALL_TOPICS) {
      expect(() => ajv.compile(topicJsonSchema(topic))).not.toThrow();
    }
  });

  it('accepts a valid envelope of its topic and refuses one of another type or version', () => {
    const validate = new Ajv({ allowUnionTypes: true }).compile(topicJsonSchema(TOPICS.tradeCaptured));
    expect(validate(tradeEvent('trade.captured'))).toBe(true);
    expect(validate(tradeEvent('trade.amended'))).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/type', keyword: 'const' });
    expect(validate({ ...tradeEvent('trade.captured'), version: 2 })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/version', keyword: 'const' });
  });

  it('refuses what the envelope refuses: an unknown field, a bad eventId', () => {
    const validate = new Ajv({ allowUnionTypes: true }).compile(topicJsonSchema(TOPICS.tradeCaptured));
    expect(validate({ ...tradeEvent('trade.captured'), tenant: 'acme' })).toBe(false);
    expect(validate({ ...tradeEvent('trade.captured'), eventId: 'T-1' })).toBe(false);
  });

  it('embeds the payload schema of each registered topic, closed to unknown fields', () => {
    for (const topic of ALL_TOPICS) {
      const payload = (topicJsonSchema(topic)['properties'] as Record<string, unknown>)['payload'];
      expect(payload).toBe(topic.payloadSchema);
      expect(payload).not.toEqual({ type: 'object' });
    }
    const validate = new Ajv({ allowUnionTypes: true }).compile(topicJsonSchema(TOPICS.tradeCaptured));
    expect(
      validate({ ...tradeEvent('trade.captured'), payload: { ...SAMPLE_CAPTURED_TRADE, quantity: '1e309' } }),
    ).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/payload/quantity', keyword: 'pattern' });
    expect(validate({ ...tradeEvent('trade.captured'), payload: {} })).toBe(false);
  });

  it("checks the payload with the topic's payload schema", () => {
    const widgetPriced = defineTopic('test.widget.priced.v1', 'test-service', 'widget id', {
      type: 'object',
      required: ['price'],
      properties: { price: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } },
    });
    const validate = new Ajv({ allowUnionTypes: true }).compile(topicJsonSchema(widgetPriced));
    const event = { ...tradeEvent('widget.priced'), producer: 'test-service' };
    expect(validate({ ...event, payload: { price: '99.95' } })).toBe(true);
    expect(validate({ ...event, payload: { price: 99.95 } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/payload/price' });
  });
});

import { envelopeJsonSchema } from './event-envelope';
import type { TopicDefinition } from './topic-definition';

/** One JSON Schema document per topic: the envelope with that topic's payload, for other teams' tools. */
export function topicJsonSchema(topic: TopicDefinition): Record<string, unknown> {
  return {
    ...envelopeJsonSchema,
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://tradeflow.dev/schemas/${topic.name}.json`,
    title: topic.name,
    description: `${topic.type} v${topic.version}, produced by ${topic.producer}, keyed by ${topic.keyedBy}`,
    properties: {
      ...envelopeJsonSchema.properties,
      type: { const: topic.type },
      version: { const: topic.version },
      payload: topic.payloadSchema,
    },
  };
}

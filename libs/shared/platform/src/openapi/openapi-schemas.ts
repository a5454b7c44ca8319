import { ROLES, type Principal } from '@tradeflow/shared/auth';
import { objectSchema, type JsonSchema } from '@tradeflow/shared/contracts';
import type { ProblemDetails, ProblemFieldError } from '../problem-details.filter';
import type { Readiness } from '../health.service';

// JSON Schemas of what every service answers, for its OpenAPI document. `objectSchema<T>()` does not
// compile unless a schema names exactly the fields of its TypeScript type.

/** A `$ref` to a schema of the document's `components.schemas`. */
export const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

/** A schema as a component: the title and description given here instead of the source's. */
export function asComponent(schema: JsonSchema, description: string): JsonSchema {
  const { title: _title, ...rest } = schema;
  return { ...openConditions(rest), description };
}

const CONDITIONS = ['if', 'then', 'else', 'not', 'allOf', 'anyOf', 'oneOf'] as const;

/**
 * The same schema with `additionalProperties: true` (JSON Schema's default) written out on condition
 * subschemas that name properties: linters that check examples (Redocly) otherwise close each such
 * subschema, and a condition about one field would refuse every other.
 */
function openConditions(schema: JsonSchema, isCondition = false): JsonSchema {
  const out: Record<string, unknown> = { ...schema };
  if (isCondition && 'properties' in out && !('additionalProperties' in out)) {
    out['additionalProperties'] = true;
  }
  for (const key of CONDITIONS) {
    const value = out[key];
    if (Array.isArray(value)) out[key] = value.map((s: JsonSchema) => openConditions(s, true));
    else if (typeof value === 'object' && value !== null)
      out[key] = openConditions(value as JsonSchema, true);
  }
  return out;
}

/** A page of a list: the items, and the cursor of the next page (`null` on the last one). */
export function pageSchema(item: string, description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref(item) },
      nextCursor: {
        type: ['string', 'null'],
        description: 'pass as `cursor` to get the next page; `null` on the last page',
      },
    },
  };
}

const fieldErrorSchema = objectSchema<ProblemFieldError>()({
  type: 'object',
  additionalProperties: false,
  required: ['field', 'message'],
  properties: {
    field: {
      type: 'string',
      description: 'the field at fault (`limits.positionLimit`, `If-Match`); empty for the body as a whole',
    },
    message: { type: 'string' },
  },
});

const problemSchema = objectSchema<ProblemDetails>()({
  type: 'object',
  description:
    'An error (RFC 9457 problem details), served as application/problem+json by every operation of every service.',
  additionalProperties: false,
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      description: 'the kind of problem, e.g. https://tradeflow.dev/problems/unprocessable-entity',
    },
    title: { type: 'string', description: 'the HTTP status in words' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'what went wrong, in one sentence' },
    instance: { type: 'string', description: 'the path of the request' },
    errors: {
      type: 'array',
      minItems: 1,
      description: 'every field at fault, each named (validation failures)',
      items: fieldErrorSchema,
    },
  },
});

const principalSchema = objectSchema<Principal>()({
  type: 'object',
  description: 'The caller as the service authenticated them from the bearer token.',
  additionalProperties: false,
  required: ['id', 'role', 'books'],
  properties: {
    id: { type: 'string', description: 'the token’s subject' },
    role: { type: 'string', enum: ROLES },
    books: {
      type: 'array',
      items: { type: 'string' },
      description: 'the books a trader may trade; empty for other roles',
    },
  },
});

const check = { type: 'string', pattern: '^(up|down: .*)$', description: '`up`, or `down: ` and why' };

const readinessSchema = objectSchema<{ status: string; checks: Readiness['checks'] }>()({
  type: 'object',
  description:
    'Whether the service can do its work: its database and broker answer, its consumers are assigned.',
  additionalProperties: false,
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ready', 'not ready'] },
    checks: objectSchema<Readiness['checks']>()({
      type: 'object',
      additionalProperties: false,
      required: ['database', 'broker', 'consumers'],
      properties: {
        database: check,
        broker: check,
        consumers: { type: 'string', enum: ['assigned', 'not assigned', 'stopping'] },
      },
    }),
  },
});

/** The components every service's document has; the services add their own. */
export const PLATFORM_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  Problem: problemSchema,
  Principal: principalSchema,
  Liveness: {
    type: 'object',
    description: 'The process is up.',
    additionalProperties: false,
    required: ['status'],
    properties: { status: { type: 'string', const: 'live' } },
  },
  Readiness: readinessSchema,
};

import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, DECORATORS, type SchemaObject } from '@nestjs/swagger';
import type { JsonSchema } from '@tradeflow/shared/contracts';
import { MAX_CURSOR_LENGTH } from '../paging/keyset-cursor';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../paging/paging';
import { PROBLEM_CONTENT_TYPE } from '../problem-details.filter';
import { ref } from './openapi-schemas';

// Swagger decorators that describe bodies with JSON Schemas: by component name (a `$ref`) or inline.

type Schema = string | JsonSchema;

const schemaOf = (schema: Schema): SchemaObject =>
  (typeof schema === 'string' ? ref(schema) : schema) as SchemaObject;

/** A JSON answer with its schema and, optionally, an example. */
export const ApiJsonResponse = (status: number, description: string, schema: Schema, example?: unknown) =>
  ApiResponse({
    status,
    description,
    content: {
      'application/json': { schema: schemaOf(schema), ...(example === undefined ? {} : { example }) },
    },
  });

/** An error answer: the shared `Problem` schema, as application/problem+json. */
export const ApiProblemResponse = (status: number, description: string, example?: object) =>
  ApiResponse({
    status,
    description,
    content: {
      [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem'), ...(example === undefined ? {} : { example }) },
    },
  });

/** A JSON request body with its schema and, optionally, an example. */
export const ApiJsonBody = (
  schema: Schema,
  { example, required = true }: { example?: unknown; required?: boolean } = {},
) =>
  ApiBody({
    required,
    schema: schemaOf(schema),
    ...(example === undefined ? {} : { examples: { example: { value: example } } }),
  });

/**
 * An operation anyone may call, without a token (pair it with `@Public()`, which makes it so). It adds
 * `security: []` to the operation's metadata, in any order with `@ApiOperation` (which, applied after
 * another, would reset its summary).
 */
export const ApiPublicOperation = (): MethodDecorator => (_target, _key, descriptor) => {
  const operation: unknown = Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object);
  Reflect.defineMetadata(
    DECORATORS.API_OPERATION,
    { ...(operation as object | undefined), security: [] },
    descriptor.value as object,
  );
  return descriptor;
};

/** `limit` and `cursor`, as the paging kit reads them on every list. */
export const ApiPaging = () =>
  applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      description: 'how many items, at most',
      schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    }),
    ApiQuery({
      name: 'cursor',
      required: false,
      description: 'the `nextCursor` of the previous page (opaque)',
      schema: { type: 'string', minLength: 1, maxLength: MAX_CURSOR_LENGTH },
    }),
  );

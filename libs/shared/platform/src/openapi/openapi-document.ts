import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import type { JsonSchema } from '@tradeflow/shared/contracts';
import { DEAD_LETTER_SCHEMAS } from '../dead-letters/dead-letter.schemas';
import { PLATFORM_SCHEMAS } from './openapi-schemas';

// Every service's OpenAPI document, built the same way: OpenAPI 3.1 (its schemas are JSON Schema, so the
// contracts' schemas serve as they are), a bearer token required unless an operation says otherwise,
// and the components the platform's and the service's decorators refer to.

export interface OpenApiTag {
  name: string;
  description: string;
}

/** What a service adds to its document. */
export interface OpenApiOptions {
  /** Component schemas its decorators refer to by name. */
  schemas?: Readonly<Record<string, JsonSchema>>;
  /** Its tags, each described. */
  tags?: readonly OpenApiTag[];
}

const PLATFORM_TAGS: readonly OpenApiTag[] = [
  { name: 'session', description: 'Who the bearer token says the caller is.' },
  {
    name: 'dead-letters',
    description: 'Outbox records parked and events dead-lettered by this service, listed and replayed.',
  },
  { name: 'health', description: 'Liveness and readiness, for orchestrators and load balancers.' },
  { name: 'metrics', description: 'Prometheus metrics.' },
  { name: 'docs', description: 'This document, and a page to browse it.' },
];

const CONVENTIONS = `
Conventions of every Tradeflow service:

- **Authentication**: a bearer JWT (\`Authorization: Bearer …\`) on every operation except health, metrics
  and these docs. Without a valid token an operation answers 401; with a role it does not serve, 403.
- **Errors** are \`application/problem+json\` (RFC 9457, the \`Problem\` schema); validation failures
  name every field at fault in \`errors\`. Unknown fields are refused, not ignored. Any operation may also
  answer 503 with \`Retry-After\` when its database is out of reach, and 414 for a path segment over 100
  characters.
- **Decimals** travel as strings, dates as \`YYYY-MM-DD\`, instants as UTC ISO-8601.
- **Lists** take \`limit\` (1 to 1000, default 100) and an opaque \`cursor\` from the previous page's
  \`nextCursor\`.
- **Writes**: \`Idempotency-Key\` makes a retry safe (the same key and body get the first answer); \`ETag\`
  on reads and \`If-Match\` on writes guard against lost updates (412 when stale).
`.trim();

/** Where SwaggerModule serves the document and its page (bootstrapService sets them up there). */
export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

// SwaggerModule serves these itself, so no controller describes them.
const DOCS_PATHS: OpenAPIObject['paths'] = {
  [`/${DOCS_JSON_PATH}`]: {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI document',
      tags: ['docs'],
      security: [],
      responses: {
        '200': {
          description: 'the document (OpenAPI 3.1)',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['openapi', 'info', 'paths'],
                properties: {
                  openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
                  info: { type: 'object' },
                  paths: { type: 'object' },
                  components: { type: 'object' },
                },
              } as SchemaObject,
            },
          },
        },
      },
    },
  },
  [`/${DOCS_PATH}`]: {
    get: {
      operationId: 'getApiDocsPage',
      summary: 'A page to browse and try this document (Swagger UI)',
      tags: ['docs'],
      security: [],
      responses: {
        '200': { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } },
      },
    },
  },
};

/** The OpenAPI document of a running application, with the conventions above. */
export function createOpenApiDocument(
  app: INestApplication,
  service: { title: string; description: string; openapi?: OpenApiOptions },
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(service.title)
    .setDescription(`${service.description}\n\n${CONVENTIONS}`)
    .setVersion('1')
    // Relative: the service answers on the origin this document came from, wherever it is deployed.
    .addServer('/', 'this service (the origin this document was fetched from)')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A JWT whose claims give the user (`sub`), the `role` and, for traders, the `books`.',
    })
    .addSecurityRequirements('bearer');
  for (const tag of [...(service.openapi?.tags ?? []), ...PLATFORM_TAGS]) {
    builder.addTag(tag.name, tag.description);
  }
  const config = builder.build();
  // OpenAPI 3.1 names a license by SPDX identifier; a proprietary one is a `LicenseRef-`.
  const license = { name: 'Proprietary', identifier: 'LicenseRef-Tradeflow-Proprietary' };
  config.info.license = license as OpenAPIObject['info']['license'];
  config.components = {
    ...config.components,
    schemas: { ...PLATFORM_SCHEMAS, ...DEAD_LETTER_SCHEMAS, ...service.openapi?.schemas } as Record<
      string,
      SchemaObject
    >,
  };
  const document = SwaggerModule.createDocument(app, config);
  document.paths = { ...document.paths, ...DOCS_PATHS };
  return document;
}

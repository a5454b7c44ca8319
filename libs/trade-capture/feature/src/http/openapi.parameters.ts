import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { DATE_PATTERN, TRADE_ID_PATTERN, TRADE_STATUSES, type JsonSchema } from '@tradeflow/shared/contracts';
import { ApiPaging } from '@tradeflow/shared/platform';
import { CALENDAR_CODES } from '@tradeflow/shared/reference';
import { REFERENCE_KINDS } from '@tradeflow/trade-capture/data-access';

// The path, query and header parameters of trade-capture's endpoints, described for its OpenAPI document.
// openapi.schemas.spec.ts checks the header patterns against the functions that read the headers.

const schema = (s: JsonSchema) => s as SchemaObject;

/** What `checkIdempotencyKey` accepts. */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7e]{1,128}$';
/** What `readIfMatch` accepts: the ETag read, strong or weak, or the bare version. */
export const IF_MATCH_PATTERN = '^(W/)?"?\\d{1,9}"?$';
/** What the trade stream sends as `id:` (`<transaction>-<seq>`). */
export const LAST_EVENT_ID_PATTERN = '^\\d{1,20}-\\d{1,19}$';

export const ApiIdempotencyKey = (required: boolean, description: string) =>
  ApiHeader({
    name: 'Idempotency-Key',
    required,
    description,
    schema: schema({ type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN }),
  });

export const ApiIfMatch = (required: boolean, description: string) =>
  ApiHeader({
    name: 'If-Match',
    required,
    description,
    schema: schema({ type: 'string', pattern: IF_MATCH_PATTERN, examples: ['"1"'] }),
  });

export const ApiLastEventId = () =>
  ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'the last `id:` received: the stream replays what changed since (up to 10,000 changes)',
    schema: schema({ type: 'string', pattern: LAST_EVENT_ID_PATTERN, examples: ['5123-42'] }),
  });

export const ApiTradeId = () =>
  ApiParam({
    name: 'id',
    description: 'the trade id',
    schema: schema({ type: 'string', pattern: TRADE_ID_PATTERN, examples: ['T-20261120-000123'] }),
  });

const text = (description: string) => schema({ type: 'string', minLength: 1, maxLength: 64, description });

/** The filters of `GET /api/trades`; traders see their own books whatever they ask. */
export const ApiTradeFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'book', required: false, schema: text('a book code') }),
    ApiQuery({
      name: 'status',
      required: false,
      schema: schema({ type: 'string', enum: TRADE_STATUSES }),
    }),
    ApiQuery({ name: 'instrumentId', required: false, schema: text('an ISIN or an FX pair') }),
    ApiQuery({ name: 'counterpartyLei', required: false, schema: text('an LEI') }),
    ApiQuery({
      name: 'tradeDateFrom',
      required: false,
      schema: schema({ type: 'string', pattern: DATE_PATTERN, description: 'the first trade date' }),
    }),
    ApiQuery({
      name: 'tradeDateTo',
      required: false,
      schema: schema({ type: 'string', pattern: DATE_PATTERN, description: 'the last trade date' }),
    }),
    ApiPaging(),
  );

const PATH_KINDS = ['instruments', 'counterparties', 'books'] as const;

export const ApiReferenceKind = () =>
  ApiParam({
    name: 'kind',
    description: 'what kind of record',
    schema: schema({ type: 'string', enum: PATH_KINDS }),
  });

export const ApiReferenceKey = () =>
  ApiParam({
    name: 'key',
    description: 'an ISIN or an FX pair (its slash encoded: `EUR%2FUSD`), an LEI or a book code',
    schema: schema({ type: 'string', minLength: 1, maxLength: 100 }),
  });

export const ApiAuditFilters = () =>
  applyDecorators(
    ApiQuery({ name: 'kind', required: false, schema: schema({ type: 'string', enum: REFERENCE_KINDS }) }),
    ApiQuery({
      name: 'key',
      required: false,
      schema: schema({ type: 'string', description: 'a record’s key' }),
    }),
    ApiPaging(),
  );

export const ApiCalendar = () =>
  applyDecorators(
    ApiParam({
      name: 'market',
      description: 'the settlement calendar',
      schema: schema({ type: 'string', enum: CALENDAR_CODES }),
    }),
    ApiQuery({
      name: 'year',
      required: false,
      description: 'default: this year',
      schema: schema({ type: 'integer', minimum: 1990, maximum: 2100 }),
    }),
  );

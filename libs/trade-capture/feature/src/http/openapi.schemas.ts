import {
  bookUpsertedSchema,
  counterpartyUpsertedSchema,
  dateSchema,
  idSchema,
  instantSchema,
  instrumentUpsertedSchema,
  objectSchema,
  tradeCapturedSchema,
  tradeIdSchema,
  tradeStatusSchema,
  UUID_PATTERN,
  versionSchema,
  type JsonSchema,
} from '@tradeflow/shared/contracts';
import { asComponent, pageSchema, ref, type OpenApiOptions } from '@tradeflow/shared/platform';
import {
  REFERENCE_KINDS,
  type ReferenceAuditEntry,
  type StoredReference,
  type TimelineEntry,
} from '@tradeflow/trade-capture/data-access';
import {
  AMENDABLE_CAPTURE_FIELDS,
  CANCEL_REASON_MAX,
  CAPTURE_FIELDS,
  REQUIRED_CAPTURE_FIELDS,
  TIMELINE_STEP_KINDS,
  type CaptureField,
  type CaptureFieldSpec,
  type HolidayCalendarView,
} from '@tradeflow/trade-capture/domain';
import type { TradeTimeline } from '../timeline/timeline.service';
import type { StatusChange } from '../timeline/trade-stream.service';

// The JSON Schemas of trade-capture's OpenAPI document. Requests come from the domain's table of capture
// fields (the one its shape check reads); trades and reference records from the contracts' schemas (the
// ones the event validator checks every published event against): neither is written twice.

function fieldSchema(spec: CaptureFieldSpec): JsonSchema {
  return {
    type: 'string',
    description: spec.description,
    ...(spec.pattern === undefined ? {} : { pattern: spec.pattern }),
    ...(spec.enum === undefined ? {} : { enum: spec.enum }),
    ...(spec.minLength === undefined ? {} : { minLength: spec.minLength }),
    ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }),
    examples: [spec.example],
  };
}

const fieldsSchema = (fields: readonly CaptureField[]) =>
  Object.fromEntries(fields.map((f) => [f, fieldSchema(CAPTURE_FIELDS[f])]));

/** `POST /api/trades`. */
export const captureRequestSchema: JsonSchema = {
  type: 'object',
  description: 'A trade to book. Decimals are strings; unknown fields are refused.',
  additionalProperties: false,
  required: REQUIRED_CAPTURE_FIELDS,
  properties: fieldsSchema(Object.keys(CAPTURE_FIELDS) as CaptureField[]),
};

/** `PATCH /api/trades/{id}`: the fields to change, checked with the rest of the trade. */
export const amendRequestSchema: JsonSchema = {
  type: 'object',
  description:
    'The fields to change; the others keep their values. A new trade date without a settlement date moves the settlement date to the default. The book and the instrument cannot change: cancel and book again.',
  additionalProperties: false,
  properties: fieldsSchema(AMENDABLE_CAPTURE_FIELDS),
};

/** `POST /api/trades/{id}/cancel`: no body, `null`, `{}` or a reason. */
export const cancelRequestSchema: JsonSchema = {
  type: ['object', 'null'],
  description: 'Why the trade is cancelled; without a reason, “cancelled by the trader”.',
  additionalProperties: false,
  properties: {
    reason: { type: 'string', minLength: 1, maxLength: CANCEL_REASON_MAX, pattern: '\\S' },
  },
};

const actor = {
  type: 'object',
  description: 'who caused the step: a user with their role, or a service',
  additionalProperties: false,
  required: ['id', 'role'],
  properties: { id: idSchema, role: idSchema },
} as const;
const seq = { type: 'string', pattern: '^\\d{1,19}$', description: 'the step’s number in the timeline' };
const book = { type: ['string', 'null'], description: 'the trade’s book; null until the trade is known' };
const step = { type: 'string', enum: TIMELINE_STEP_KINDS };
const event = { type: 'string', description: 'the event type, e.g. `trade.approved`' };

const timelineStepSchema = objectSchema<TimelineEntry>()({
  type: 'object',
  description: 'One step of a trade’s life, in any office, with who did it and what it said.',
  additionalProperties: false,
  required: [
    'seq',
    'tradeId',
    'book',
    'step',
    'event',
    'eventId',
    'producer',
    'occurredAt',
    'recordedAt',
    'actor',
    'summary',
    'facts',
  ],
  properties: {
    seq,
    tradeId: tradeIdSchema,
    book,
    step,
    event,
    eventId: { type: 'string', pattern: UUID_PATTERN },
    producer: { type: 'string', description: 'the service that published the event' },
    version: { ...versionSchema, description: 'the trade version the step is about' },
    occurredAt: instantSchema,
    recordedAt: instantSchema,
    actor,
    summary: { type: 'string', description: 'the step in one sentence' },
    facts: { type: 'object', description: 'the figures of the step, by name', additionalProperties: true },
    statusBefore: tradeStatusSchema,
    statusAfter: tradeStatusSchema,
  },
});

const timelineSchema = objectSchema<TradeTimeline>()({
  type: 'object',
  description: 'A trade’s steps across the offices, in the order they happened, and its status.',
  additionalProperties: false,
  required: ['tradeId', 'status', 'steps'],
  properties: {
    tradeId: tradeIdSchema,
    status: tradeStatusSchema,
    steps: { type: 'array', items: ref('TimelineStep') },
  },
});

const statusChangeSchema = objectSchema<StatusChange>()({
  type: 'object',
  description:
    'The `data` of an `event: status` of the trade stream: a trade’s status changed, and by which step.',
  additionalProperties: false,
  required: ['seq', 'tradeId', 'book', 'status', 'step', 'event', 'occurredAt', 'actor', 'summary'],
  properties: {
    seq,
    tradeId: tradeIdSchema,
    book,
    version: versionSchema,
    status: tradeStatusSchema,
    previousStatus: tradeStatusSchema,
    step,
    event,
    occurredAt: instantSchema,
    actor,
    summary: { type: 'string' },
  },
});

const storedReferenceSchema = objectSchema<StoredReference>()({
  type: 'object',
  description: 'A reference record with its version (also its ETag) and who changed it last.',
  additionalProperties: false,
  required: ['kind', 'key', 'record', 'version', 'updatedAt', 'updatedBy'],
  properties: {
    kind: { type: 'string', enum: REFERENCE_KINDS },
    key: { type: 'string', description: 'the instrument id, the LEI or the book code' },
    record: ref('ReferenceRecord'),
    version: versionSchema,
    updatedAt: instantSchema,
    updatedBy: { type: 'string' },
  },
});

const auditEntrySchema = objectSchema<ReferenceAuditEntry>()({
  type: 'object',
  description: 'One change of reference data: the record before and after, who made it and when.',
  additionalProperties: false,
  required: ['id', 'kind', 'key', 'version', 'action', 'before', 'after', 'actor', 'eventId', 'at'],
  properties: {
    id: { type: 'string', pattern: '^\\d{1,18}$' },
    kind: { type: 'string', enum: REFERENCE_KINDS },
    key: { type: 'string' },
    version: versionSchema,
    action: { type: 'string', enum: ['LOAD', 'CREATE', 'UPDATE'] },
    before: { oneOf: [ref('ReferenceRecord'), { type: 'null' }], description: 'null when created' },
    after: ref('ReferenceRecord'),
    actor,
    eventId: { type: 'string', pattern: UUID_PATTERN },
    at: instantSchema,
  },
});

const calendarSchema = objectSchema<HolidayCalendarView>()({
  type: 'object',
  description: 'The holidays of a settlement calendar in a year; weekends are closed too.',
  additionalProperties: false,
  required: ['market', 'year', 'holidays', 'weekends'],
  properties: {
    market: { type: 'string' },
    year: { type: 'integer', minimum: 1990, maximum: 2100 },
    holidays: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['date', 'name'],
        properties: { date: dateSchema, name: { type: 'string' } },
      },
    },
    weekends: { type: 'array', items: { type: 'string', enum: ['SATURDAY', 'SUNDAY'] } },
  },
});

/** trade-capture's tags and component schemas, for `bootstrapService`. */
export const TRADE_CAPTURE_OPENAPI: OpenApiOptions = {
  tags: [
    {
      name: 'trades',
      description:
        'Book, amend and cancel trades; read them, their timeline across the offices, and a live stream of their status.',
    },
    {
      name: 'reference',
      description:
        'Instruments, counterparties, books and settlement calendars: everyone reads, admins write; every change is audited.',
    },
  ],
  schemas: {
    CaptureRequest: captureRequestSchema,
    AmendRequest: amendRequestSchema,
    CancelRequest: cancelRequestSchema,
    Trade: asComponent(
      tradeCapturedSchema,
      'A trade at its current version: the booking, what was derived from it (currency, settlement date, amounts) and its status.',
    ),
    TradePage: pageSchema('Trade', 'Trades, newest first.'),
    TradeTimeline: timelineSchema,
    TimelineStep: timelineStepSchema,
    TradeStatusChange: statusChangeSchema,
    Instrument: asComponent(
      instrumentUpsertedSchema,
      'An equity, a bond or an FX pair, told apart by `type`.',
    ),
    Counterparty: asComponent(counterpartyUpsertedSchema, 'A legal entity the bank trades with, by LEI.'),
    Book: asComponent(bookUpsertedSchema, 'A trading book: who trades it, in what, within which limits.'),
    ReferenceRecord: {
      description: 'An instrument, a counterparty or a book.',
      oneOf: [ref('Instrument'), ref('Counterparty'), ref('Book')],
    },
    StoredReference: storedReferenceSchema,
    ReferencePage: pageSchema('StoredReference', 'Reference records in key order.'),
    ReferenceAuditEntry: auditEntrySchema,
    ReferenceAuditPage: pageSchema('ReferenceAuditEntry', 'Audit entries, oldest first.'),
    HolidayCalendar: calendarSchema,
  },
};

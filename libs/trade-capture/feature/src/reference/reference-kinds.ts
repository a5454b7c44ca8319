import { TOPICS, type TopicDefinition } from '@tradeflow/shared/contracts';
import { ProblemException } from '@tradeflow/shared/platform';
import type { ReferenceKind } from '@tradeflow/trade-capture/data-access';
import {
  validateBookUpsert,
  validateCounterpartyUpsert,
  validateInstrumentUpsert,
  type BookRecord,
  type CounterpartyRecord,
  type InstrumentRecord,
  type UpsertContext,
  type UpsertValidation,
} from '@tradeflow/trade-capture/domain';

export type AnyRecord = InstrumentRecord | CounterpartyRecord | BookRecord;

interface KindRules {
  topic: TopicDefinition;
  keyOf: (record: AnyRecord) => string;
  validate: (body: unknown, ctx: UpsertContext<AnyRecord>) => UpsertValidation<AnyRecord>;
}

/** What differs between the kinds of reference data: where they are published, their key, their rules. */
export const KINDS: Record<ReferenceKind, KindRules> = {
  instrument: {
    topic: TOPICS.instrumentUpserted,
    keyOf: (r) => (r as InstrumentRecord).instrumentId,
    validate: (body, ctx) => validateInstrumentUpsert(body, ctx as UpsertContext<InstrumentRecord>),
  },
  counterparty: {
    topic: TOPICS.counterpartyUpserted,
    keyOf: (r) => (r as CounterpartyRecord).lei,
    validate: (body, ctx) => validateCounterpartyUpsert(body, ctx as UpsertContext<CounterpartyRecord>),
  },
  book: {
    topic: TOPICS.bookUpserted,
    keyOf: (r) => (r as BookRecord).book,
    validate: (body, ctx) => validateBookUpsert(body, ctx as UpsertContext<BookRecord>),
  },
};

// A Map, not an object: a path such as `constructor` or `__proto__` must find nothing, not Object's own.
const PATHS = new Map<string, ReferenceKind>([
  ['instruments', 'instrument'],
  ['counterparties', 'counterparty'],
  ['books', 'book'],
]);

/** The kind a URL path names (`instruments`, …); any other path is a 404. */
export function kindOf(path: string): ReferenceKind {
  const kind = PATHS.get(path);
  if (!kind)
    throw new ProblemException(
      404,
      `no reference data called ${path}: instruments, counterparties, books or calendars`,
    );
  return kind;
}

/** The record field holding a kind's key. */
export function fieldOfKey(kind: ReferenceKind): string {
  return kind === 'instrument' ? 'instrumentId' : kind === 'counterparty' ? 'lei' : 'book';
}

/** The channel an instance's writes are announced on, one per schema (what its other instances share). */
export function referenceChannel(schema: string): string {
  return `reference_${schema}`;
}

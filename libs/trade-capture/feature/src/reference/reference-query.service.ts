import { Inject, Injectable } from '@nestjs/common';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import {
  Clock,
  pageOf,
  ProblemException,
  problemFor,
  readPaging,
  textKeyCursor,
  TRANSACTION_RUNNER,
  type KeysetCursor,
  type Page,
} from '@tradeflow/shared/platform';
import {
  REFERENCE_KINDS,
  ReferenceRepository,
  type ReferenceAuditEntry,
  type ReferenceKind,
  type StoredReference,
} from '@tradeflow/trade-capture/data-access';
import { holidayCalendar, type HolidayCalendarView } from '@tradeflow/trade-capture/domain';

export type ReferencePage = Page<StoredReference>;

/** Each list pages in key order; a cursor of one list is refused by another. */
const CURSORS: Record<ReferenceKind, KeysetCursor<string>> = {
  instrument: textKeyCursor('instrument.v1'),
  counterparty: textKeyCursor('counterparty.v1'),
  book: textKeyCursor('book.v1'),
};
/** Audit ids are a bigint sequence: 18 digits always fit the `::bigint` cast. */
const AUDIT_CURSOR = textKeyCursor('reference-audit.v1', (id) => /^\d{1,18}$/.test(id));

/** Reading reference data: the lists, one record, the audit trail and the holiday calendars. */
@Injectable()
export class ReferenceQueryService {
  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly repository: ReferenceRepository,
    private readonly clock: Clock,
  ) {}

  async list(kind: ReferenceKind, query: Record<string, unknown>): Promise<ReferencePage> {
    refuseUnknown(query, ['cursor', 'limit']);
    const { limit, after } = readPaging(query, CURSORS[kind]);
    const rows = await this.repository.page(this.runner, kind, after, limit);
    return pageOf(rows, limit, CURSORS[kind], (r) => r.key);
  }

  async one(kind: ReferenceKind, key: string): Promise<StoredReference> {
    const found = await this.repository.find(this.runner, kind, key);
    if (!found) throw new ProblemException(404, `no ${kind} ${key}`);
    return found;
  }

  async audit(query: Record<string, unknown>): Promise<Page<ReferenceAuditEntry>> {
    refuseUnknown(query, ['cursor', 'limit', 'kind', 'key']);
    const { limit, after } = readPaging(query, AUDIT_CURSOR);
    const kind = query['kind'];
    if (kind !== undefined && !REFERENCE_KINDS.includes(kind as ReferenceKind)) {
      throw new ProblemException(400, 'unknown kind', [
        { field: 'kind', message: `must be one of ${REFERENCE_KINDS.join(', ')}` },
      ]);
    }
    const rows = await this.repository.auditTrail(
      this.runner,
      {
        ...(kind ? { kind: kind as ReferenceKind } : {}),
        ...(typeof query['key'] === 'string' ? { key: query['key'] } : {}),
      },
      after,
      limit,
    );
    return pageOf(rows, limit, AUDIT_CURSOR, (r) => r.id);
  }

  calendar(market: string, query: Record<string, unknown>): HolidayCalendarView {
    refuseUnknown(query, ['year']);
    const year =
      typeof query['year'] === 'string' ? query['year'] : query['year'] === undefined ? undefined : '';
    const result = holidayCalendar(market, year, this.clock.now().toISOString().slice(0, 10));
    if (!result.ok) throw problemFor(result.failure, `no calendar view for ${market}`);
    return result.view;
  }
}

function refuseUnknown(query: Record<string, unknown>, known: string[]): void {
  const fields = Object.keys(query).filter((k) => !known.includes(k));
  if (fields.length === 0) return;
  throw new ProblemException(
    400,
    `unknown query parameter${fields.length > 1 ? 's' : ''}: ${fields.join(', ')}`,
    fields.map((field) => ({ field, message: 'is not a known parameter' })),
  );
}

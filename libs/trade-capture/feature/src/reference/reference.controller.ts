import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import { Clock, ProblemException, problemFor } from '@tradeflow/shared/platform';
import {
  REFERENCE_KINDS,
  type ReferenceAuditEntry,
  type ReferenceKind,
  type StoredReference,
} from '@tradeflow/trade-capture/data-access';
import { holidayCalendar, type HolidayCalendarView } from '@tradeflow/trade-capture/domain';
import type { FastifyReply } from 'fastify';
import { ReferenceDataService } from './reference-data.service';

const READERS = ['trader', 'risk', 'ops', 'auditor', 'admin', 'service'] as const;
const PATHS: Record<string, ReferenceKind> = {
  instruments: 'instrument',
  counterparties: 'counterparty',
  books: 'book',
};

const EXAMPLES = {
  instruments: {
    type: 'EQUITY',
    instrumentId: 'US5949181045',
    isin: 'US5949181045',
    ticker: 'MSFT',
    name: 'Microsoft Corp.',
    currency: 'USD',
    mic: 'XNAS',
    ccp: 'NSCC',
    settlementMarket: 'US',
    minIncrement: '1',
  },
  counterparties: {
    lei: 'W22LROWP2IHZNBB6K528',
    name: 'Goldman Sachs International',
    shortName: 'GSI',
    country: 'GB',
    bic: 'GOLDGB2L',
    creditLimitUsd: '750000000',
    active: true,
  },
  books: {
    book: 'EQ-US-FLOW',
    name: 'US equities flow',
    traders: ['alice', 'erin'],
    baseCurrency: 'USD',
    instrumentTypes: ['EQUITY'],
    limits: { maxTradeNotionalUsd: '25000000', positionLimit: '500000' },
  },
};

const STORED = {
  kind: 'instrument',
  key: 'US5949181045',
  record: EXAMPLES.instruments,
  version: 2,
  updatedAt: '2026-11-20T09:12:44.118Z',
  updatedBy: 'ada',
};
const DOC = {
  stored: { schema: { example: STORED } },
  page: { schema: { example: { items: [STORED], nextCursor: 'azpVUzU5NDkxODEwNDU' } } },
  calendar: {
    schema: {
      example: {
        market: 'US',
        year: 2026,
        holidays: [
          { date: '2026-11-26', name: 'Thanksgiving Day' },
          { date: '2026-12-25', name: 'Christmas Day' },
        ],
        weekends: ['SATURDAY', 'SUNDAY'],
      },
    },
  },
  audit: {
    schema: {
      example: {
        items: [
          {
            id: '70',
            kind: 'counterparty',
            key: 'W22LROWP2IHZNBB6K528',
            version: 2,
            action: 'UPDATE',
            before: { ...EXAMPLES.counterparties },
            after: { ...EXAMPLES.counterparties, active: false },
            actor: { id: 'ada', role: 'admin' },
            eventId: '0193a1f2-7a10-7c3a-9d2e-1f0a2b3c4d5e',
            at: '2026-11-20T09:15:02.511Z',
          },
        ],
        nextCursor: null,
      },
    },
  },
};

export interface ReferencePage {
  items: StoredReference[];
  nextCursor: string | null;
}

/**
 * Reference data: everyone reads; admins create and update instruments, counterparties and books.
 * Responses carry the record with its version (ETag) and who changed it last.
 */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  constructor(
    private readonly reference: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

  @Get('calendars/:market')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Holidays of a settlement calendar (US, TARGET2, UK) for a year (default this year)',
  })
  @ApiResponse({ status: 200, description: 'the holidays of the year', ...DOC.calendar })
  @ApiResponse({ status: 400, description: 'a year that is not 4 digits from 1990 to 2100' })
  @ApiResponse({ status: 404, description: 'an unknown calendar' })
  calendar(@Param('market') market: string, @Query() query: Record<string, unknown>): HolidayCalendarView {
    const unknown = Object.keys(query).filter((k) => k !== 'year');
    if (unknown.length > 0) throw badQuery(unknown);
    const year =
      typeof query['year'] === 'string' ? query['year'] : query['year'] === undefined ? undefined : '';
    const result = holidayCalendar(market, year, this.clock.now().toISOString().slice(0, 10));
    if (!result.ok) throw problemFor(result.failure, `no calendar view for ${market}`);
    return result.view;
  }

  @Get('audit')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Audit trail of reference data: every load, create and update with before, after and author',
  })
  @ApiResponse({ status: 200, description: 'audit entries, oldest first', ...DOC.audit })
  async audit(
    @Query() query: Record<string, unknown>,
  ): Promise<{ items: ReferenceAuditEntry[]; nextCursor: string | null }> {
    const { limit, after } = paging(query, ['kind', 'key']);
    const kind = query['kind'];
    if (kind !== undefined && !REFERENCE_KINDS.includes(kind as ReferenceKind)) {
      throw new ProblemException(400, 'unknown kind', [
        { field: 'kind', message: `must be one of ${REFERENCE_KINDS.join(', ')}` },
      ]);
    }
    if (after !== undefined && !/^\d{1,18}$/.test(after)) throw badCursor();
    const rows = await this.reference.auditTrail(
      {
        ...(kind ? { kind: kind as ReferenceKind } : {}),
        ...(typeof query['key'] === 'string' ? { key: query['key'] } : {}),
      },
      after,
      limit,
    );
    return page(rows, limit, (r) => r.id);
  }

  @Get(':kind')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Instruments, counterparties or books, in key order; cursor, limit ≤ 1000' })
  @ApiResponse({ status: 200, description: 'a page of records', ...DOC.page })
  async list(@Param('kind') path: string, @Query() query: Record<string, unknown>): Promise<ReferencePage> {
    const kind = kindOf(path);
    const { limit, after } = paging(query, []);
    return page(await this.reference.list(kind, after, limit), limit, (r) => r.key);
  }

  @Get(':kind/:key')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'One instrument (ISIN or FX pair), counterparty (LEI) or book, with its version as ETag',
  })
  @ApiResponse({ status: 200, description: 'the record with its version', ...DOC.stored })
  @ApiResponse({ status: 404, description: 'no such record' })
  async one(
    @Param('kind') path: string,
    @Param('key') key: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredReference> {
    const stored = await this.reference.get(kindOf(path), key);
    void reply.header('ETag', `"${stored.version}"`);
    return stored;
  }

  @Post(':kind')
  @Roles('admin')
  @ApiOperation({
    summary: 'Create an instrument, counterparty or book (admin); published as ref.*.upserted.v1',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the first answer',
  })
  @ApiBody({
    schema: { type: 'object', example: EXAMPLES.instruments },
    description: 'instrument; see also counterparty and book examples in the README',
  })
  @ApiResponse({ status: 201, description: 'created, version 1', ...DOC.stored })
  @ApiResponse({ status: 400, description: 'malformed: every bad field named' })
  @ApiResponse({ status: 409, description: 'the key exists already' })
  @ApiResponse({
    status: 422,
    description: 'a rule broken (ISIN check digit, unknown MIC, maturity before issue…)',
  })
  async create(
    @Param('kind') path: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredReference> {
    const result = await this.reference.create(kindOf(path), body, key, user);
    void reply
      .status(result.status)
      .header('Location', `/api/reference/${path}/${encodeURIComponent(result.body.key)}`)
      .header('ETag', `"${result.body.version}"`);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Put(':kind/:key')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace an instrument, counterparty or book (admin); If-Match guards against lost updates',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the ETag read, e.g. "1"; 412 if stale' })
  @ApiBody({ schema: { type: 'object', example: EXAMPLES.counterparties } })
  @ApiResponse({ status: 200, description: 'replaced, next version', ...DOC.stored })
  @ApiResponse({ status: 412, description: 'stale If-Match' })
  @ApiResponse({ status: 422, description: 'a rule broken, a key other than the path, or a type change' })
  async replace(
    @Param('kind') path: string,
    @Param('key') key: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredReference> {
    const stored = await this.reference.update(kindOf(path), key, body, ifMatch, user);
    void reply.header('ETag', `"${stored.version}"`);
    return stored;
  }
}

function kindOf(path: string): ReferenceKind {
  const kind = PATHS[path];
  if (!kind)
    throw new ProblemException(
      404,
      `no reference data called ${path}: instruments, counterparties, books or calendars`,
    );
  return kind;
}

function paging(
  query: Record<string, unknown>,
  filters: string[],
): { limit: number; after: string | undefined } {
  const unknown = Object.keys(query).filter((k) => !['cursor', 'limit', ...filters].includes(k));
  if (unknown.length > 0) throw badQuery(unknown);
  const rawLimit = query['limit'];
  let limit = 100;
  if (rawLimit !== undefined) {
    if (
      typeof rawLimit !== 'string' ||
      !/^\d{1,4}$/.test(rawLimit) ||
      Number(rawLimit) < 1 ||
      Number(rawLimit) > 1000
    ) {
      throw new ProblemException(400, 'limit must be a whole number from 1 to 1000', [
        { field: 'limit', message: 'must be a whole number from 1 to 1000' },
      ]);
    }
    limit = Number(rawLimit);
  }
  const cursor = query['cursor'];
  if (cursor === undefined) return { limit, after: undefined };
  if (typeof cursor !== 'string') throw badCursor();
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('k:') || Buffer.from(decoded, 'utf8').toString('base64url') !== cursor)
    throw badCursor();
  return { limit, after: decoded.slice(2) };
}

function page<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last ? Buffer.from(`k:${keyOf(last)}`, 'utf8').toString('base64url') : null,
  };
}

function badQuery(fields: string[]): ProblemException {
  return new ProblemException(
    400,
    `unknown query parameter${fields.length > 1 ? 's' : ''}: ${fields.join(', ')}`,
    fields.map((field) => ({ field, message: 'is not a known parameter' })),
  );
}

function badCursor(): ProblemException {
  return new ProblemException(400, 'cursor is not one this API gave out', [
    { field: 'cursor', message: 'is not a cursor from a previous page' },
  ]);
}

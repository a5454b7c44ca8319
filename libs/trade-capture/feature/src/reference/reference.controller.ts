import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import {
  ApiJsonBody,
  ApiJsonResponse,
  ApiPaging,
  ApiProblemResponse,
  type Page,
} from '@tradeflow/shared/platform';
import type { ReferenceAuditEntry, StoredReference } from '@tradeflow/trade-capture/data-access';
import type { HolidayCalendarView } from '@tradeflow/trade-capture/domain';
import type { FastifyReply } from 'fastify';
import {
  ApiAuditFilters,
  ApiCalendar,
  ApiIdempotencyKey,
  ApiIfMatch,
  ApiReferenceKey,
  ApiReferenceKind,
} from '../http/openapi.parameters';
import { kindOf } from './reference-kinds';
import { ReferenceQueryService, type ReferencePage } from './reference-query.service';
import { ReferenceWriteService, type WriteResult } from './reference-write.service';

const READERS = ['trader', 'risk', 'ops', 'auditor', 'admin', 'service'] as const;

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
  stored: STORED,
  page: { items: [STORED], nextCursor: 'WyJpbnN0cnVtZW50LnYxIiwiVVM1OTQ5MTgxMDQ1Il0' },
  calendar: {
    market: 'US',
    year: 2026,
    holidays: [
      { date: '2026-11-26', name: 'Thanksgiving Day' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ],
    weekends: ['SATURDAY', 'SUNDAY'],
  },
  audit: {
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
};

/**
 * Reference data: everyone reads; admins create and update instruments, counterparties and books.
 * Responses carry the record with its version (ETag) and who changed it last.
 */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference')
export class ReferenceController {
  constructor(
    private readonly queries: ReferenceQueryService,
    private readonly writes: ReferenceWriteService,
  ) {}

  @Get('calendars/:market')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'getHolidayCalendar',
    summary: 'Holidays of a settlement calendar (US, TARGET2, UK) for a year (default this year)',
  })
  @ApiCalendar()
  @ApiJsonResponse(200, 'the holidays of the year', 'HolidayCalendar', DOC.calendar)
  @ApiProblemResponse(400, 'a year that is not 4 digits from 1990 to 2100, or another query parameter')
  @ApiProblemResponse(404, 'an unknown calendar')
  calendar(@Param('market') market: string, @Query() query: Record<string, unknown>): HolidayCalendarView {
    return this.queries.calendar(market, query);
  }

  @Get('audit')
  @Roles('auditor', 'admin')
  @ApiOperation({
    operationId: 'listReferenceAudit',
    summary: 'Audit trail of reference data: every load, create and update with before, after and author',
  })
  @ApiAuditFilters()
  @ApiJsonResponse(200, 'audit entries, oldest first', 'ReferenceAuditPage', DOC.audit)
  @ApiProblemResponse(400, 'an unknown kind or query parameter, a bad limit or cursor')
  audit(@Query() query: Record<string, unknown>): Promise<Page<ReferenceAuditEntry>> {
    return this.queries.audit(query);
  }

  @Get(':kind')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listReferenceRecords',
    summary: 'Instruments, counterparties or books, in key order; cursor, limit ≤ 1000',
  })
  @ApiReferenceKind()
  @ApiPaging()
  @ApiJsonResponse(200, 'a page of records', 'ReferencePage', DOC.page)
  @ApiProblemResponse(400, 'an unknown query parameter, a bad limit or cursor')
  @ApiProblemResponse(404, 'no such kind of reference data')
  list(@Param('kind') path: string, @Query() query: Record<string, unknown>): Promise<ReferencePage> {
    return this.queries.list(kindOf(path), query);
  }

  @Get(':kind/:key')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'getReferenceRecord',
    summary: 'One instrument (ISIN or FX pair), counterparty (LEI) or book, with its version as ETag',
  })
  @ApiReferenceKind()
  @ApiReferenceKey()
  @ApiJsonResponse(200, 'the record with its version', 'StoredReference', DOC.stored)
  @ApiProblemResponse(400, 'a control character in the key')
  @ApiProblemResponse(404, 'no such record')
  async one(
    @Param('kind') path: string,
    @Param('key') key: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredReference> {
    return withVersion(reply, await this.queries.one(kindOf(path), key));
  }

  @Post(':kind')
  @Roles('admin')
  @ApiOperation({
    operationId: 'createReferenceRecord',
    summary: 'Create an instrument, counterparty or book (admin); published as ref.*.upserted.v1',
  })
  @ApiReferenceKind()
  @ApiIdempotencyKey(false, 'a retry with the same key gets the first answer')
  @ApiJsonBody('ReferenceRecord', { example: EXAMPLES.instruments })
  @ApiJsonResponse(201, 'created, version 1', 'StoredReference', DOC.stored)
  @ApiProblemResponse(400, 'malformed: every bad field named')
  @ApiProblemResponse(404, 'no such kind of reference data')
  @ApiProblemResponse(409, 'the key exists already, or the Idempotency-Key was used with another body')
  @ApiProblemResponse(422, 'a rule broken (ISIN check digit, unknown MIC, maturity before issue…)')
  async create(
    @Param('kind') path: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredReference> {
    return created(reply, path, await this.writes.create(kindOf(path), body, key, user));
  }

  @Put(':kind/:key')
  @Roles('admin')
  @ApiOperation({
    operationId: 'replaceReferenceRecord',
    summary: 'Replace an instrument, counterparty or book (admin); If-Match guards against lost updates',
  })
  @ApiReferenceKind()
  @ApiReferenceKey()
  @ApiIfMatch(false, 'the ETag read, e.g. "1"; 412 if stale')
  @ApiJsonBody('ReferenceRecord', { example: EXAMPLES.counterparties })
  @ApiJsonResponse(200, 'replaced, next version', 'StoredReference', { ...DOC.stored, version: 3 })
  @ApiProblemResponse(400, 'malformed: every bad field named; or a malformed If-Match')
  @ApiProblemResponse(404, 'no such record')
  @ApiProblemResponse(412, 'stale If-Match')
  @ApiProblemResponse(422, 'a rule broken, a key other than the path, or a type change')
  async replace(
    @Param('kind') path: string,
    @Param('key') key: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredReference> {
    return withVersion(reply, await this.writes.update(kindOf(path), key, body, ifMatch, user));
  }
}

/** The record's version as its ETag, for If-Match on the next update. */
function withVersion(reply: FastifyReply, stored: StoredReference): StoredReference {
  void reply.header('ETag', `"${stored.version}"`);
  return stored;
}

function created(reply: FastifyReply, path: string, result: WriteResult): StoredReference {
  void reply
    .status(result.status)
    .header('Location', `/api/reference/${path}/${encodeURIComponent(result.body.key)}`)
    .header('ETag', `"${result.body.version}"`);
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return result.body;
}

import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import type { TradePayload } from '@tradeflow/shared/contracts';
import type { FastifyReply } from 'fastify';
import { AmendCancelTradeService } from './amend-cancel-trade.service';
import { CaptureTradeService } from './capture-trade.service';
import { EXAMPLES as DOC } from './openapi.examples';
import { QueryTradesService, type TradePage } from './query-trades.service';
import { TimelineService, type TradeTimeline } from '../timeline/timeline.service';
import { bookedReply, replayedReply, withVersion } from '../http/trade-replies';

@ApiTags('trades')
@ApiBearerAuth()
@Controller('trades')
export class TradesController {
  constructor(
    private readonly capture: CaptureTradeService,
    private readonly changes: AmendCancelTradeService,
    private readonly queries: QueryTradesService,
    private readonly timeline: TimelineService,
  ) {}

  @Get()
  @Roles('trader', 'risk', 'ops', 'auditor')
  @ApiOperation({
    summary:
      'Trades, newest first: filter by book, status, instrumentId, counterpartyLei, tradeDateFrom/To; cursor, limit ≤ 1000',
  })
  @ApiResponse({ status: 200, description: 'a page of trades', ...DOC.page })
  @ApiResponse({ status: 400, description: 'an unknown or malformed filter', ...DOC.badRequest })
  async list(@Query() query: Record<string, unknown>, @CurrentUser() user: Principal): Promise<TradePage> {
    return this.queries.list(query, user);
  }

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'Book a trade (idempotent by Idempotency-Key)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'same key and body → same answer; another body → 409',
  })
  @ApiBody(DOC.booking)
  @ApiResponse({
    status: 201,
    description: 'booked (or the same answer again for a repeated key)',
    ...DOC.trade,
  })
  @ApiResponse({ status: 400, description: 'malformed: every bad field named', ...DOC.badRequest })
  @ApiResponse({ status: 403, description: 'a book the trader does not hold' })
  @ApiResponse({ status: 409, description: 'the key was used with another body' })
  @ApiResponse({ status: 422, description: 'a business rule broken', ...DOC.unprocessable })
  @ApiResponse({
    status: 503,
    description:
      'too many captures waiting, or the database out of reach: nothing written; retry after Retry-After',
    ...DOC.unavailable,
  })
  async book(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TradePayload> {
    return bookedReply(reply, await this.capture.capture(body, key, user));
  }

  @Get(':id')
  @Roles('trader', 'risk', 'ops', 'auditor')
  @ApiOperation({ summary: 'One trade (traders: their own books only; others are 404)' })
  @ApiResponse({ status: 200, description: 'the trade, with its version as ETag', ...DOC.trade })
  @ApiResponse({
    status: 404,
    description: 'no such trade, or another book’s trade to a trader',
    ...DOC.notFound,
  })
  async one(
    @Param('id') id: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TradePayload> {
    return withVersion(reply, await this.capture.get(id, user));
  }

  @Get(':id/timeline')
  @Roles('trader', 'risk', 'ops', 'auditor')
  @ApiOperation({
    summary:
      'Every lifecycle step of a trade across the offices, oldest first: time, actor, event, summary and facts',
  })
  @ApiResponse({ status: 200, description: 'the steps, oldest first', ...DOC.timeline })
  @ApiResponse({
    status: 404,
    description: 'no such trade, or another book’s trade to a trader',
    ...DOC.notFound,
  })
  async timelineOf(@Param('id') id: string, @CurrentUser() user: Principal): Promise<TradeTimeline> {
    return this.timeline.forTrade(id, user);
  }

  @Patch(':id')
  @Roles('trader')
  @ApiOperation({ summary: 'Amend a trade: a new version, back to CAPTURED (If-Match: the version read)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag read, e.g. "1"; 412 if stale' })
  @ApiBody({ schema: { type: 'object', example: { quantity: '1500', price: '190.10' } } })
  @ApiResponse({ status: 200, description: 'the new version', ...DOC.trade })
  @ApiResponse({
    status: 400,
    description: 'not an object, a field that cannot be amended, a malformed value or If-Match',
    ...DOC.badRequest,
  })
  @ApiResponse({ status: 404, description: 'no such trade in the caller’s books', ...DOC.notFound })
  @ApiResponse({ status: 409, description: 'not amendable in its status', ...DOC.conflict })
  @ApiResponse({ status: 412, description: 'stale If-Match', ...DOC.stale })
  @ApiResponse({ status: 422, description: 'the amended trade breaks a rule', ...DOC.unprocessable })
  @ApiResponse({ status: 428, description: 'If-Match missing' })
  async amend(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TradePayload> {
    return withVersion(reply, await this.changes.amend(id, body, ifMatch, user));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('trader')
  @ApiOperation({ summary: 'Cancel a trade (allowed while CAPTURED, HELD, APPROVED or CONFIRMED)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the ETag read; 412 if stale' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retried cancel with the same key gets the first answer (Idempotent-Replayed: true)',
  })
  @ApiBody({ required: false, schema: { type: 'object', example: { reason: 'booked in error' } } })
  @ApiResponse({
    status: 200,
    description: 'cancelled',
    schema: { example: { ...DOC.trade.schema.example, status: 'CANCELLED' } },
  })
  @ApiResponse({
    status: 400,
    description: 'a malformed reason, Idempotency-Key or If-Match',
    ...DOC.badRequest,
  })
  @ApiResponse({ status: 404, description: 'no such trade in the caller’s books', ...DOC.notFound })
  @ApiResponse({
    status: 409,
    description: 'not cancellable in its status, or the Idempotency-Key was used with another request',
    ...DOC.conflict,
  })
  @ApiResponse({ status: 412, description: 'stale If-Match', ...DOC.stale })
  async cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TradePayload> {
    return replayedReply(reply, await this.changes.cancel(id, body, ifMatch, key, user));
  }
}

import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import type { TradePayload } from '@tradeflow/shared/contracts';
import { ApiJsonBody, ApiJsonResponse, ApiProblemResponse } from '@tradeflow/shared/platform';
import type { FastifyReply } from 'fastify';
import { AmendCancelTradeService } from './amend-cancel-trade.service';
import { CaptureTradeService } from './capture-trade.service';
import { ApiIdempotencyKey, ApiIfMatch, ApiTradeFilters, ApiTradeId } from '../http/openapi.parameters';
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
    operationId: 'listTrades',
    summary:
      'Trades, newest first: filter by book, status, instrumentId, counterpartyLei, tradeDateFrom/To; cursor, limit ≤ 1000',
  })
  @ApiTradeFilters()
  @ApiJsonResponse(200, 'a page of trades', 'TradePage', DOC.page)
  @ApiProblemResponse(400, 'an unknown or malformed filter, limit or cursor')
  async list(@Query() query: Record<string, unknown>, @CurrentUser() user: Principal): Promise<TradePage> {
    return this.queries.list(query, user);
  }

  @Post()
  @Roles('trader')
  @ApiOperation({ operationId: 'captureTrade', summary: 'Book a trade (idempotent by Idempotency-Key)' })
  @ApiIdempotencyKey(
    true,
    'same key and body → same answer (`Idempotent-Replayed: true`); another body → 409',
  )
  @ApiJsonBody('CaptureRequest', { example: DOC.booking })
  @ApiJsonResponse(201, 'booked (or the same answer again for a repeated key)', 'Trade', DOC.trade)
  @ApiProblemResponse(400, 'malformed: every bad field named; or no Idempotency-Key', DOC.badRequest)
  @ApiProblemResponse(403, 'a book the trader does not hold')
  @ApiProblemResponse(409, 'the key was used with another body')
  @ApiProblemResponse(422, 'a business rule broken: every field at fault named', DOC.unprocessable)
  @ApiProblemResponse(
    503,
    'too many captures waiting, or the database out of reach: nothing written; retry after Retry-After',
    DOC.unavailable,
  )
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
  @ApiOperation({
    operationId: 'getTrade',
    summary: 'One trade (traders: their own books only; others are 404)',
  })
  @ApiTradeId()
  @ApiJsonResponse(200, 'the trade, with its version as ETag', 'Trade', DOC.trade)
  @ApiProblemResponse(400, 'a control character in the id')
  @ApiProblemResponse(404, 'no such trade, or another book’s trade to a trader', DOC.notFound)
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
    operationId: 'getTradeTimeline',
    summary:
      'Every lifecycle step of a trade across the offices, oldest first: time, actor, event, summary and facts',
  })
  @ApiTradeId()
  @ApiJsonResponse(200, 'the steps, oldest first', 'TradeTimeline', DOC.timeline)
  @ApiProblemResponse(400, 'a control character in the id')
  @ApiProblemResponse(404, 'no such trade, or another book’s trade to a trader', DOC.notFound)
  async timelineOf(@Param('id') id: string, @CurrentUser() user: Principal): Promise<TradeTimeline> {
    return this.timeline.forTrade(id, user);
  }

  @Patch(':id')
  @Roles('trader')
  @ApiOperation({
    operationId: 'amendTrade',
    summary: 'Amend a trade: a new version, back to CAPTURED (If-Match: the version read)',
  })
  @ApiTradeId()
  @ApiIfMatch(true, 'the ETag read, e.g. "1"; 412 if stale')
  @ApiJsonBody('AmendRequest', { example: { quantity: '1500', price: '190.10' } })
  @ApiJsonResponse(200, 'the new version, with its ETag', 'Trade', { ...DOC.trade, version: 2 })
  @ApiProblemResponse(
    400,
    'not an object, a field that cannot be amended, a malformed value or If-Match',
    DOC.badRequest,
  )
  @ApiProblemResponse(404, 'no such trade in the caller’s books', DOC.notFound)
  @ApiProblemResponse(409, 'not amendable in its status', DOC.conflict)
  @ApiProblemResponse(412, 'stale If-Match', DOC.stale)
  @ApiProblemResponse(422, 'the amended trade breaks a rule', DOC.unprocessable)
  @ApiProblemResponse(428, 'If-Match missing')
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
  @ApiOperation({
    operationId: 'cancelTrade',
    summary: 'Cancel a trade (allowed while CAPTURED, HELD, APPROVED or CONFIRMED)',
  })
  @ApiTradeId()
  @ApiIfMatch(false, 'the ETag read; 412 if stale')
  @ApiIdempotencyKey(
    false,
    'a retried cancel with the same key gets the first answer (`Idempotent-Replayed: true`)',
  )
  @ApiJsonBody('CancelRequest', { example: { reason: 'booked in error' }, required: false })
  @ApiJsonResponse(200, 'cancelled', 'Trade', DOC.cancelled)
  @ApiProblemResponse(400, 'a malformed reason, Idempotency-Key or If-Match')
  @ApiProblemResponse(404, 'no such trade in the caller’s books', DOC.notFound)
  @ApiProblemResponse(
    409,
    'not cancellable in its status, or the Idempotency-Key was used with another request',
    DOC.conflict,
  )
  @ApiProblemResponse(412, 'stale If-Match', DOC.stale)
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

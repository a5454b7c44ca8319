import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import { ApiProblemResponse, EventStreamService, ref } from '@tradeflow/shared/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiLastEventId } from '../http/openapi.parameters';
import { StatusFeedService } from './status-feed.service';

@ApiTags('trades')
@ApiBearerAuth()
@Controller('stream')
export class TradeStreamController {
  constructor(
    private readonly streams: EventStreamService,
    private readonly feeds: StatusFeedService,
  ) {}

  @Get('trades')
  @Roles('trader', 'risk', 'ops', 'auditor')
  @ApiOperation({
    operationId: 'streamTradeStatus',
    summary:
      'Live status changes of the caller’s trades as Server-Sent Events (`event: status`, `id`: resume point)',
    description:
      'Traders get their own books, other roles every book. Reconnect with `Last-Event-ID` to receive what ' +
      'changed meanwhile (within the replay window: 2 h and 10,000 changes by default; 410 beyond). The stream ends ' +
      'when the token expires, with `event: reauthenticate`: reconnect with a fresh token and `Last-Event-ID`. An `id` is a position in the stream (`<transaction>-<seq>`): ' +
      'a change is sent once every transaction that began before it has ended, so one committed later never ' +
      'falls before an id already sent. Example event: `id: 5123-42` `event: status` `data: ' +
      '{"seq":"42","tradeId":"T-20261120-000123","book":"EQ-US-FLOW","version":1,"status":"APPROVED",' +
      '"previousStatus":"CAPTURED","step":"APPROVED","event":"trade.approved","occurredAt":"2026-11-20T14:31:07.512Z",' +
      '"actor":{"id":"risk-compliance","role":"service"},"summary":"approved by risk: all 7 checks passed"}`',
  })
  @ApiLastEventId()
  @ApiResponse({
    status: 200,
    description:
      'an event stream: `retry:`, then for each change `id:`, `event: status` and `data:` (a TradeStatusChange as JSON); `: keep-alive` comments every 15 s',
    content: {
      'text/event-stream': {
        // JSON Schema's contentSchema: what the stream's `data:` lines carry.
        schema: {
          type: 'string',
          description: 'Server-Sent Events; each `data:` is a TradeStatusChange',
          contentSchema: ref('TradeStatusChange'),
        } as SchemaObject,
        example:
          'retry: 3000\n\nid: 5123-42\nevent: status\ndata: {"seq":"42","tradeId":"T-20261120-000123","book":"EQ-US-FLOW","version":1,"status":"APPROVED","previousStatus":"CAPTURED","step":"APPROVED","event":"trade.approved","occurredAt":"2026-11-20T14:31:07.512Z","actor":{"id":"risk-compliance","role":"service"},"summary":"approved by risk: all 7 checks passed"}\n\n',
      },
    },
  })
  @ApiProblemResponse(400, 'a Last-Event-ID this stream never sent')
  @ApiProblemResponse(410, 'Last-Event-ID is past the replay window: reload, then reconnect without it')
  @ApiProblemResponse(429, 'the caller holds STREAM_MAX_PER_USER streams already')
  async trades(
    @CurrentUser() user: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.serve('trades', request, reply, () => this.feeds.open(user, lastEventId));
  }
}

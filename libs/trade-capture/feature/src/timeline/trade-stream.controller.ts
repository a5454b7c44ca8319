import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import { EventStreamService } from '@tradeflow/shared/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  @ApiProduces('text/event-stream')
  @ApiOperation({
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
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'the last `id` received; replays from it',
  })
  @ApiResponse({
    status: 200,
    description: 'an event stream',
    content: {
      'text/event-stream': {
        example:
          'retry: 3000\n\nid: 5123-42\nevent: status\ndata: {"seq":"42","tradeId":"T-20261120-000123","book":"EQ-US-FLOW","version":1,"status":"APPROVED","previousStatus":"CAPTURED","step":"APPROVED","event":"trade.approved","occurredAt":"2026-11-20T14:31:07.512Z","actor":{"id":"risk-compliance","role":"service"},"summary":"approved by risk: all 7 checks passed"}\n\n',
      },
    },
  })
  @ApiResponse({ status: 400, description: 'a Last-Event-ID this stream never sent' })
  @ApiResponse({
    status: 410,
    description: 'Last-Event-ID is past the replay window: reload, then reconnect without it',
  })
  @ApiResponse({ status: 429, description: 'the caller holds STREAM_MAX_PER_USER streams already' })
  async trades(
    @CurrentUser() user: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.serve('trades', request, reply, () => this.feeds.open(user, lastEventId));
  }
}

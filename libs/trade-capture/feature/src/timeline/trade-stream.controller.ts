import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import { ApiProblemResponse, ref } from '@tradeflow/shared/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Subscription } from 'rxjs';
import { ApiLastEventId } from '../http/openapi.parameters';
import { StatusFeedService, type StatusFeed } from './status-feed.service';
import { positionId } from './trade-stream.service';

const HEARTBEAT_MS = 15_000;
/** Bytes written and not yet taken by the client beyond which a stream is ended. */
export const STREAM_BUFFER_MAX = 1024 * 1024;

@ApiTags('trades')
@ApiBearerAuth()
@Controller('stream')
export class TradeStreamController {
  constructor(private readonly feeds: StatusFeedService) {}

  @Get('trades')
  @Roles('trader', 'risk', 'ops', 'auditor')
  @ApiOperation({
    operationId: 'streamTradeStatus',
    summary:
      'Live status changes of the caller’s trades as Server-Sent Events (`event: status`, `id`: resume point)',
    description:
      'Traders get their own books, other roles every book. Reconnect with `Last-Event-ID` to receive what ' +
      'changed meanwhile (up to 10,000 changes). An `id` is a position in the stream (`<transaction>-<seq>`): ' +
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
  async trades(
    @CurrentUser() user: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendEventStream(await this.feeds.open(user, lastEventId), request, reply);
  }
}

/** Writes a feed as Server-Sent Events until the client leaves, falls too far behind, or the feed ends. */
function sendEventStream(feed: StatusFeed, request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // proxies must not hold events back
  });
  out.write('retry: 3000\n\n');
  const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let ended = false;
  // Unsubscribed when the stream ends; one ended already unsubscribes what is added to it at once.
  const subscription = new Subscription();
  const end = (reason?: string) => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    subscription.unsubscribe();
    if (reason) out.end(`: ${reason}\n\n`);
    else out.end();
  };
  request.raw.on('close', () => end());
  subscription.add(
    feed.events.subscribe({
      next: ({ position, change }) => {
        if (ended) return;
        out.write(`id: ${positionId(position)}\nevent: status\ndata: ${JSON.stringify(change)}\n\n`);
        // A client that stops reading is let go rather than buffered for without end: it reconnects
        // with Last-Event-ID and is replayed what it missed.
        if (out.writableLength > STREAM_BUFFER_MAX) end('too far behind: reconnect with Last-Event-ID');
      },
      // The status line is sent: all that is left is to end the stream, and the client resumes.
      error: () => end('replay failed: reconnect with Last-Event-ID'),
      // The service is stopping: let the client go now (it resumes elsewhere), or the open connection
      // would hold the HTTP server's close until the shutdown timeout.
      complete: () => end('shutting down: reconnect with Last-Event-ID'),
    }),
  );
  if (!ended && !feed.resumed) out.write(': connected\n\n');
}

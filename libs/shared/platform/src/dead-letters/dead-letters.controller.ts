import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import { TOPICS } from '@tradeflow/shared/contracts';
import type { DeadLetterReplayRecord, StoredDeadLetter } from '@tradeflow/shared/messaging';
import type { FastifyReply } from 'fastify';
import { ApiJsonResponse, ApiPaging, ApiProblemResponse } from '../openapi/openapi.decorators';
import type { Page } from '../paging/paging';
import { DeadLetterService } from './dead-letter.service';

const EXAMPLE = {
  id: '42',
  source: 'outbox',
  topic: TOPICS.tradeAmended.name,
  key: 'T-20261120-000123',
  eventId: '0193a1f2-7c3e-7a41-9c55-3d2f0e6b1a20',
  eventType: 'trade.amended',
  reason: `topic ${TOPICS.tradeAmended.name}: UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition`,
  parkedAt: '2026-11-20T14:31:09.412Z',
  attempts: 2,
  consumer: null,
  partition: null,
  offset: null,
  dlqPublished: false,
};

/** Every service's dead letters: what its relay parked and what its consumers gave up on (docs/http.md). */
@ApiTags('dead-letters')
@ApiBearerAuth()
@Controller('dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  @Roles('ops', 'auditor')
  @ApiOperation({
    operationId: 'listDeadLetters',
    summary: 'Parked outbox records and consumers’ dead letters of this service, oldest first',
  })
  @ApiPaging()
  @ApiJsonResponse(200, 'a page of dead letters', 'DeadLetterPage', { items: [EXAMPLE], nextCursor: null })
  @ApiProblemResponse(400, 'an unknown parameter, or a malformed limit or cursor')
  async list(@Query() query: Record<string, unknown>): Promise<Page<StoredDeadLetter>> {
    return this.deadLetters.list(query);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    operationId: 'replayDeadLetter',
    summary:
      'Replay a dead letter once its cause is fixed: a parked record goes back to the outbox with its key’s followers, in order; a consumer’s is applied again',
  })
  @ApiParam({
    name: 'id',
    description: 'the dead letter’s id',
    schema: { type: 'string', pattern: '^[1-9][0-9]{0,17}$' },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the first answer (`Idempotent-Replayed: true`)',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
  })
  @ApiJsonResponse(200, 'replayed: what it did, who and when (kept)', 'DeadLetterReplay', {
    deadLetterId: '42',
    source: 'outbox',
    topic: TOPICS.tradeAmended.name,
    key: 'T-20261120-000123',
    eventId: '0193a1f2-7c3e-7a41-9c55-3d2f0e6b1a20',
    records: 2,
    outcome: 'released',
    replayedBy: 'olga',
    replayedByRole: 'ops',
    replayedAt: '2026-11-20T15:02:44.118Z',
  })
  @ApiProblemResponse(400, 'an id that is not a dead letter id, or a malformed Idempotency-Key')
  @ApiProblemResponse(404, 'no such dead letter (or it was replayed already)')
  @ApiProblemResponse(
    409,
    'the Idempotency-Key was used to replay another dead letter, or no consumer runs here',
  )
  @ApiProblemResponse(422, 'a consumer’s dead letter failed again: it stays, with the new reason')
  async replay(
    @Param('id') id: string,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeadLetterReplayRecord> {
    const answer = await this.deadLetters.replay(id, key, user);
    if (answer.repeated) void reply.header('Idempotent-Replayed', 'true');
    return answer.replay;
  }
}

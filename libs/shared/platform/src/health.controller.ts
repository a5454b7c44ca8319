import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonResponse, ApiPublicOperation } from './openapi/openapi.decorators';
import { Public } from '@tradeflow/shared/auth';
import type { FastifyReply } from 'fastify';
import { NoRateLimit } from './rate-limit/rate-limit.guard';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@NoRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'The process is up (no dependency is checked)' })
  @ApiPublicOperation()
  @ApiJsonResponse(200, 'the process is up', 'Liveness')
  live(): { status: string } {
    return { status: 'live' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: '200 when the database and broker answer and consumers are assigned, else 503',
  })
  @ApiPublicOperation()
  @ApiJsonResponse(200, 'ready: every check passes', 'Readiness')
  @ApiJsonResponse(503, 'not ready: the checks say which dependency is down', 'Readiness')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const readiness = await this.health.readiness();
    await reply
      .status(readiness.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
  }
}

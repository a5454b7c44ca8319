import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@tradeflow/shared/auth';
import type { FastifyReply } from 'fastify';
import { NoRateLimit } from './rate-limit/rate-limit.guard';
import { register } from 'prom-client';
import { ApiPublicOperation } from './openapi/openapi.decorators';

@ApiTags('metrics')
@Public()
@NoRateLimit()
@Controller('metrics')
export class MetricsController {
  @Get()
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics: request latency, outbox backlog, consumer lag and the process',
  })
  @ApiPublicOperation()
  @ApiResponse({
    status: 200,
    description: 'the Prometheus text exposition format (version 0.0.4)',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example: '# TYPE tradeflow_outbox_backlog gauge\ntradeflow_outbox_backlog 0\n',
      },
    },
  })
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', register.contentType).send(await register.metrics());
  }
}

import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@tradeflow/shared/auth';
import type { FastifyReply } from 'fastify';
import { register } from 'prom-client';

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', register.contentType).send(await register.metrics());
  }
}

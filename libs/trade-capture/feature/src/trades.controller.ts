import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@tradeflow/shared/auth';
import type { TradePayload } from '@tradeflow/shared/contracts';
import type { FastifyReply } from 'fastify';
import { CaptureTradeService } from './capture-trade.service';

const EXAMPLE = {
  book: 'EQ-US-FLOW',
  side: 'BUY',
  instrumentId: 'US0378331005',
  quantity: '1000',
  price: '190.25',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  venueMic: 'XNAS',
  commission: '12.50',
};

@ApiTags('trades')
@ApiBearerAuth()
@Controller('trades')
export class TradesController {
  constructor(private readonly capture: CaptureTradeService) {}

  @Post()
  @Roles('trader')
  @ApiOperation({ summary: 'Book a trade (idempotent by Idempotency-Key)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'same key and body → same answer; another body → 409',
  })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  async book(
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TradePayload> {
    const result = await this.capture.capture(body, key, user);
    void reply
      .status(result.status)
      .header('Location', `/api/trades/${result.body.tradeId}`)
      .header('ETag', `"${result.body.version}"`);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get(':id')
  @Roles('trader', 'risk', 'ops', 'auditor')
  @ApiOperation({ summary: 'One trade (traders: their own books only; others are 404)' })
  async one(
    @Param('id') id: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TradePayload> {
    const trade = await this.capture.get(id, user);
    void reply.header('ETag', `"${trade.version}"`);
    return trade;
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Public } from '@tradeflow/shared/auth';
import type { EventEnvelope } from '@tradeflow/shared/contracts';
import type { EventContext } from '@tradeflow/shared/messaging';
import { TimelineService } from './timeline.service';

/**
 * The other offices' lifecycle events onto the trade's timeline (events.md consumers); trade-capture's
 * own steps are written with the change itself (TimelineService.recordOwn), not read back. Public
 * to the HTTP guard: Kafka carries no bearer token; events are authenticated by the broker and validated.
 */
@Public()
@Controller()
export class TimelineConsumer {
  constructor(private readonly timeline: TimelineService) {}

  @EventPattern('mo.trade.approved.v1')
  approved(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('mo.trade.approved.v1', e, ctx.tx);
  }

  @EventPattern('mo.trade.held.v1')
  held(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('mo.trade.held.v1', e, ctx.tx);
  }

  @EventPattern('mo.trade.rejected.v1')
  rejected(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('mo.trade.rejected.v1', e, ctx.tx);
  }

  @EventPattern('bo.trade.confirmed.v1')
  confirmed(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('bo.trade.confirmed.v1', e, ctx.tx);
  }

  @EventPattern('bo.trade.cleared.v1')
  cleared(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('bo.trade.cleared.v1', e, ctx.tx);
  }

  @EventPattern('bo.trade.bilateral.v1')
  bilateral(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('bo.trade.bilateral.v1', e, ctx.tx);
  }

  @EventPattern('bo.obligation.netted.v1')
  netted(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('bo.obligation.netted.v1', e, ctx.tx);
  }

  @EventPattern('bo.settlement.instructed.v1')
  instructed(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('bo.settlement.instructed.v1', e, ctx.tx);
  }

  @EventPattern('bo.settlement.settled.v1')
  settled(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('bo.settlement.settled.v1', e, ctx.tx);
  }

  @EventPattern('bo.settlement.failed.v1')
  failed(@Payload() e: EventEnvelope, @Ctx() ctx: EventContext): Promise<void> {
    return this.timeline.apply('bo.settlement.failed.v1', e, ctx.tx);
  }
}

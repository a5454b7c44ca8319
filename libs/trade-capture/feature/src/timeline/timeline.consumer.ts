import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Public } from '@tradeflow/shared/auth';
import type { ConsumedEvent } from '@tradeflow/shared/messaging';
import type { Tx } from '@tradeflow/shared/persistence';
import type { TimelineTopic } from './timeline-steps';
import { TimelineService } from './timeline.service';

/**
 * The other offices' lifecycle events onto the trade's timeline (see docs/events.md), a batch per
 * transaction so its trades can be locked together; trade-capture's
 * own steps are written with the change itself (TimelineService.recordOwn), not read back. Public
 * to the HTTP guard: Kafka carries no bearer token; events are authenticated by the broker and validated.
 */
@Public()
@Controller()
export class TimelineConsumer {
  constructor(private readonly timeline: TimelineService) {}

  @EventPattern('mo.trade.approved.v1', { batch: true })
  approved(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('mo.trade.approved.v1', events, tx);
  }

  @EventPattern('mo.trade.held.v1', { batch: true })
  held(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('mo.trade.held.v1', events, tx);
  }

  @EventPattern('mo.trade.rejected.v1', { batch: true })
  rejected(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('mo.trade.rejected.v1', events, tx);
  }

  @EventPattern('bo.trade.confirmed.v1', { batch: true })
  confirmed(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('bo.trade.confirmed.v1', events, tx);
  }

  @EventPattern('bo.trade.cleared.v1', { batch: true })
  cleared(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('bo.trade.cleared.v1', events, tx);
  }

  @EventPattern('bo.trade.bilateral.v1', { batch: true })
  bilateral(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('bo.trade.bilateral.v1', events, tx);
  }

  @EventPattern('bo.obligation.netted.v1', { batch: true })
  netted(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('bo.obligation.netted.v1', events, tx);
  }

  @EventPattern('bo.settlement.instructed.v1', { batch: true })
  instructed(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('bo.settlement.instructed.v1', events, tx);
  }

  @EventPattern('bo.settlement.settled.v1', { batch: true })
  settled(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('bo.settlement.settled.v1', events, tx);
  }

  @EventPattern('bo.settlement.failed.v1', { batch: true })
  failed(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.apply('bo.settlement.failed.v1', events, tx);
  }

  private apply(topic: TimelineTopic, events: ConsumedEvent[], tx: Tx): Promise<void> {
    return this.timeline.apply(
      topic,
      events.map((e) => e.envelope),
      tx,
    );
  }
}

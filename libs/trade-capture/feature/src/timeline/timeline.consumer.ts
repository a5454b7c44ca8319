import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Public } from '@tradeflow/shared/auth';
import { TOPICS } from '@tradeflow/shared/contracts';
import type { ConsumedEvent } from '@tradeflow/shared/messaging';
import type { Tx } from '@tradeflow/shared/persistence';
import { TimelineService } from './timeline.service';

/**
 * The other offices' lifecycle events onto the trade's timeline (see docs/events.md), a batch per
 * transaction so its trades can be locked together; trade-capture's own steps are written with the
 * change itself (TradeChangeRecorder), not read back. Public to the HTTP guard: Kafka carries no bearer
 * token; events are authenticated by the broker and validated.
 */
@Public()
@Controller()
export class TimelineConsumer {
  constructor(private readonly timeline: TimelineService) {}

  @EventPattern(TOPICS.tradeApproved.name, { batch: true })
  approved(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('tradeApproved', events, tx);
  }

  @EventPattern(TOPICS.tradeHeld.name, { batch: true })
  held(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('tradeHeld', events, tx);
  }

  @EventPattern(TOPICS.tradeRejected.name, { batch: true })
  rejected(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('tradeRejected', events, tx);
  }

  @EventPattern(TOPICS.tradeConfirmed.name, { batch: true })
  confirmed(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('tradeConfirmed', events, tx);
  }

  @EventPattern(TOPICS.tradeCleared.name, { batch: true })
  cleared(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('tradeCleared', events, tx);
  }

  @EventPattern(TOPICS.tradeBilateral.name, { batch: true })
  bilateral(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('tradeBilateral', events, tx);
  }

  @EventPattern(TOPICS.obligationNetted.name, { batch: true })
  netted(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('obligationNetted', events, tx);
  }

  @EventPattern(TOPICS.settlementInstructed.name, { batch: true })
  instructed(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('settlementInstructed', events, tx);
  }

  @EventPattern(TOPICS.settlementSettled.name, { batch: true })
  settled(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('settlementSettled', events, tx);
  }

  @EventPattern(TOPICS.settlementFailed.name, { batch: true })
  failed(@Payload() events: ConsumedEvent[], @Ctx() tx: Tx): Promise<void> {
    return this.timeline.apply('settlementFailed', events, tx);
  }
}

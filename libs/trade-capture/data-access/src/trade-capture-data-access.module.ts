import { Global, Module } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';
import { ReferenceRepository } from './reference.repository';
import { TimelineRepository } from './timeline.repository';
import { TradeChangeRepository } from './trade-change.repository';
import { TradeRepository } from './trade.repository';

// The one place trade-capture's repositories are built: services receive them by injection, so a test
// (or a wrapper that times or traces them) can put another in their place.
const REPOSITORIES = [
  IdempotencyRepository,
  ReferenceRepository,
  TimelineRepository,
  TradeChangeRepository,
  TradeRepository,
];

@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class TradeCaptureDataAccessModule {}

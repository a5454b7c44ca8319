import { Global, Module } from '@nestjs/common';
import { CaptureWriteRepository } from './capture-write.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { ReferenceRepository } from './reference.repository';
import { TimelineRepository } from './timeline.repository';
import { TradeRepository } from './trade.repository';

// The one place trade-capture's repositories are built: services receive them by injection, so a test
// (or a wrapper that times or traces them) can put another in their place.
const REPOSITORIES = [
  CaptureWriteRepository,
  IdempotencyRepository,
  ReferenceRepository,
  TimelineRepository,
  TradeRepository,
];

@Global()
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class TradeCaptureDataAccessModule {}

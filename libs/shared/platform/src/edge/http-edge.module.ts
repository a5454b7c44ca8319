import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { RateLimits } from '@tradeflow/shared/config';
import { RATE_LIMITS, RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { InputTextGuard } from './input-text.guard';

/**
 * The checks at every HTTP door, in order after the token and role (AuthModule, imported before this
 * module, so its guard runs first): the rate limit (429), then the edge check of the input's text (400).
 */
@Module({})
export class HttpEdgeModule {
  static forRoot(limits: RateLimits): DynamicModule {
    return {
      module: HttpEdgeModule,
      providers: [
        { provide: RATE_LIMITS, useValue: limits },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: InputTextGuard },
      ],
    };
  }
}

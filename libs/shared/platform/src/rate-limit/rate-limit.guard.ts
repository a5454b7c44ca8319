import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '@tradeflow/shared/auth';
import type { RateLimits, RateLimitSubject } from '@tradeflow/shared/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { performance } from 'node:perf_hooks';
import { ProblemException } from '../problem-details.filter';
import { TokenBuckets } from './token-buckets';

const NO_RATE_LIMIT = 'tradeflow:platform:no-rate-limit';

/** Exempts a door from the rate limit: health checks and metrics, which probes call at their own pace. */
export const NoRateLimit = () => SetMetadata(NO_RATE_LIMIT, true);

/** The limits the guard applies (ServiceConfig.rateLimits). */
export const RATE_LIMITS = Symbol('RATE_LIMITS');

/**
 * The rate limit of every HTTP door, after the token is checked: each user counts against their role's
 * limit, a request without a token (a public door) against its client address's. Over it: 429 with
 * Retry-After in seconds, and the policy and what is left as RateLimit-Policy and RateLimit (the IETF
 * httpapi draft's fields). The buckets are in this instance's memory: each instance counts on its own.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets = new TokenBuckets();

  constructor(
    private readonly reflector: Reflector,
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const exempt = this.reflector.getAllAndOverride<boolean | undefined>(NO_RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (exempt) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const subject: RateLimitSubject = request.principal?.role ?? 'anonymous';
    const limit = this.limits[subject];
    if (!limit) return true;
    const who = request.principal ? `${subject}:${request.principal.id}` : `address:${request.ip}`;
    const taken = this.buckets.take(who, limit, Math.floor(performance.now()));
    if (taken.allowed) return true;
    const seconds = Math.ceil(taken.retryAfterMs / 1000);
    void context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('Retry-After', String(seconds))
      .header('RateLimit-Policy', `"${subject}";q=${limit.requests};w=${limit.seconds}`)
      .header('RateLimit', `"${subject}";r=0;t=${seconds}`);
    const per = limit.seconds === 1 ? 'a second' : `${limit.seconds} seconds`;
    throw new ProblemException(
      429,
      `too many requests: ${limit.requests} in ${per} for ${subject === 'anonymous' ? 'a caller without a token' : `a ${subject}`}; retry after ${seconds} s`,
    );
  }
}

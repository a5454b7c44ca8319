export { ConfigError } from './config-error';
export { EnvReader, redactUrl } from './env-reader';
export {
  DEFAULT_RATE_LIMITS,
  parseRateLimits,
  RATE_LIMIT_SUBJECTS,
  type RateLimit,
  type RateLimits,
  type RateLimitSubject,
} from './rate-limits';
export {
  LOG_LEVELS,
  ServiceConfig,
  type JwtSettings,
  type LogLevel,
  type ServiceIdentity,
  type StreamSettings,
} from './service-config';

export { Clock, FixedClock, SystemClock } from './clock';
export { ConsumerStatus } from './consumer-status';
export { answerParseError } from './edge/http-parse-error';
export { HttpEdgeModule } from './edge/http-edge.module';
export { bodyTextErrors, unacceptableParameter, unstorableText } from './edge/input-text';
export { InputTextGuard } from './edge/input-text.guard';
export { NoRateLimit, RATE_LIMITS, RateLimitGuard } from './rate-limit/rate-limit.guard';
export { TokenBuckets, type Taken } from './rate-limit/token-buckets';
export {
  DEAD_LETTER_CURSOR,
  DeadLetterService,
  type DeadLetterReplayer,
  type ReplayAnswer,
} from './dead-letters/dead-letter.service';
export { HealthService, type Readiness } from './health.service';
export { KeysetCursor, MAX_CURSOR_LENGTH, textKeyCursor, type CursorSpec } from './paging/keyset-cursor';
export {
  DEFAULT_LIMIT,
  invalidQuery,
  MAX_LIMIT,
  pageOf,
  PAGING_ERRORS,
  readPaging,
  type Page,
  type PageRequest,
} from './paging/paging';
export { problemFor } from './problem-for';
export { PlatformModule, type PlatformOptions } from './platform.module';
export { KAFKA, SERVICE_CONFIG, TRANSACTION_RUNNER } from './platform.tokens';
export {
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsFilter,
  ProblemException,
  toProblem,
  type ProblemDetails,
  type ProblemFieldError,
} from './problem-details.filter';
export { EventStreamService, replayWindowPassed } from './streams/event-stream.service';
export {
  HEARTBEAT_MS,
  REAUTHENTICATE_EVENT,
  STREAM_BUFFER_MAX,
  type StreamEndReason,
} from './streams/sse-connection';
export type { StreamItem } from './streams/stream-item';
export {
  bootstrapService,
  checkDependencies,
  loadConfigOrExit,
  type RunningService,
  type ServiceDefinition,
} from './service-bootstrap';
export {
  createOpenApiDocument,
  DOCS_JSON_PATH,
  DOCS_PATH,
  type OpenApiOptions,
  type OpenApiTag,
} from './openapi/openapi-document';
export { asComponent, pageSchema, PLATFORM_SCHEMAS, ref } from './openapi/openapi-schemas';
export {
  ApiJsonBody,
  ApiJsonResponse,
  ApiPaging,
  ApiProblemResponse,
  ApiPublicOperation,
} from './openapi/openapi.decorators';

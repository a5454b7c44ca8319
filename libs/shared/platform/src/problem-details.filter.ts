import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { isTransient } from '@tradeflow/shared/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { throwError, type Observable } from 'rxjs';

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** RFC 9457 body every error of every service uses. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Thrown by application code to answer with a problem and, for validation, the offending fields. */
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, errors?: ProblemFieldError[], title?: string) {
    super({ detail, errors, title }, status);
  }
}

/**
 * Turns every HTTP error into application/problem+json. Client errors keep their status; anything else is a
 * 500 whose detail reveals nothing internal (the log has the stack).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Kafka handlers: hand the original error back to the consumer, which decides retry or dead letter.
    if (host.getType() !== 'http') return throwError(() => exception);
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(exception, request.url);
    if (problem.status === 503) {
      this.logger.warn(`503: ${exception instanceof Error ? exception.message : String(exception)}`);
      void reply.header('Retry-After', '1');
    } else if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
    void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

export function toProblem(exception: unknown, instance?: string): ProblemDetails {
  let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
  let detail = 'An unexpected error occurred; it has been logged.';
  let errors: ProblemFieldError[] | undefined;
  let title: string | undefined;
  if (exception instanceof HttpException) {
    status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'string') detail = body;
    else {
      const b = body as { message?: unknown; detail?: unknown; errors?: ProblemFieldError[]; title?: string };
      detail = String(
        b.detail ?? (Array.isArray(b.message) ? b.message.join('; ') : (b.message ?? exception.message)),
      );
      errors = b.errors;
      title = b.title;
    }
  } else if (isTransient(exception)) {
    // Overload, a lost database or a statement past its timeout: the request may be retried.
    status = HttpStatus.SERVICE_UNAVAILABLE;
    detail = 'the database is out of reach, overloaded or did not answer in time; retry shortly';
  } else if (isClientError(exception)) {
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx statusCode.
    status = exception.statusCode;
    detail = exception.message;
  }
  return {
    type: `https://tradeflow.dev/problems/${slug(status)}`,
    title: title ?? (HttpStatus[status] ? humanize(HttpStatus[status]) : 'Error'),
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function isClientError(e: unknown): e is { statusCode: number; message: string } {
  const code = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500;
}

function humanize(name: string): string {
  return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ');
}

function slug(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
}

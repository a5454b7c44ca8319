import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { ProblemException, type ProblemFieldError } from '../problem-details.filter';
import { bodyTextErrors, MAX_TEXT_ERRORS, unacceptableParameter } from './input-text';

/**
 * The one edge check of every door of every service (see input-text.ts for what it refuses): the path
 * parameters, the query (names and values), the headers the handler reads (`@Headers('if-match')`) and
 * every string and key of the body, at any depth. One 400 names every field at fault, before any door
 * reads its input. Cursors are checked again once decoded, by the paging kit.
 */
@Injectable()
export class InputTextGuard implements CanActivate {
  private readonly headersRead = new WeakMap<object, readonly string[] | 'all'>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const errors = [
      ...parameterErrors(request.params, false),
      ...parameterErrors(request.query, true),
      ...this.headerErrors(context, request.headers),
      ...bodyTextErrors(request.body),
    ].slice(0, MAX_TEXT_ERRORS);
    if (errors.length > 0) {
      throw new ProblemException(400, 'the request holds text that cannot be accepted; see errors', errors);
    }
    return true;
  }

  private headerErrors(context: ExecutionContext, headers: FastifyRequest['headers']): ProblemFieldError[] {
    const read = this.headersOf(context);
    const names = read === 'all' ? Object.keys(headers) : read;
    return names.flatMap((name) => {
      const value = headers[name];
      const fault = [value ?? []].flat().map(unacceptableParameter).find(Boolean);
      return fault ? [{ field: headerName(name), message: fault }] : [];
    });
  }

  /** The headers the handler takes with `@Headers(name)` (all of them for a bare `@Headers()`). */
  private headersOf(context: ExecutionContext): readonly string[] | 'all' {
    const handler = context.getHandler();
    let read = this.headersRead.get(handler);
    if (read === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ??
        {}) as Record<string, { index: number; data?: unknown }>;
      const declared = Object.entries(args)
        .filter(([key]) => key.startsWith(`${RouteParamtypes.HEADERS}:`))
        .map(([, arg]) => arg)
        .sort((a, b) => a.index - b.index)
        .map((arg) => arg.data);
      read = declared.some((d) => typeof d !== 'string')
        ? 'all'
        : declared.map((d) => (d as string).toLowerCase());
      this.headersRead.set(handler, read);
    }
    return read;
  }
}

function parameterErrors(source: unknown, withNames: boolean): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
    const nameFault = withNames ? unacceptableParameter(name) : undefined;
    const valueFault = [value]
      .flat()
      .map((v) => (typeof v === 'string' ? unacceptableParameter(v) : undefined))
      .find(Boolean);
    if (nameFault) errors.push({ field: name, message: `the parameter name ${nameFault}` });
    else if (valueFault) errors.push({ field: name, message: valueFault });
  }
  return errors;
}

/** A header as the documents spell it: `Idempotency-Key`, `If-Match`, `Last-Event-ID`. */
function headerName(name: string): string {
  return name
    .split('-')
    .map((word) => (word === 'id' ? 'ID' : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('-');
}

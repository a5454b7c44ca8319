import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException, type ProblemFieldError } from './problem-details.filter';

const CONTROL = /\p{Cc}/u;

/**
 * Path and query parameters with a control character are refused on every door, naming them: they
 * match nothing stored, hide in logs, and PostgreSQL refuses a NUL in text outright (a 500 otherwise).
 * Bodies are the validators' business, field by field.
 */
@Injectable()
export class ControlCharactersGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const errors: ProblemFieldError[] = [];
    for (const source of [request.params, request.query]) {
      for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
        const values = Array.isArray(value) ? value : [value];
        if (values.some((v) => typeof v === 'string' && CONTROL.test(v))) {
          errors.push({ field: name, message: 'must not contain control characters' });
        }
      }
    }
    if (errors.length > 0) {
      throw new ProblemException(400, 'a parameter contains a control character', errors);
    }
    return true;
  }
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthenticatedRequest } from './authenticated-request';
import { type Principal } from './principal';

/** The verified caller, as attached by AuthGuard. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) {
    // Only reachable on a @Public() handler: a programming error, not a caller's.
    throw new Error('@CurrentUser() used on a handler without an authenticated caller');
  }
  return principal;
});

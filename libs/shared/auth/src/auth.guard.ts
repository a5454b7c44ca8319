import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthError } from './auth-error';
import { type AuthenticatedRequest } from './authenticated-request';
import { JwtVerifier } from './jwt-verifier.service';
import { type Role } from './role';
import { IS_PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

interface HeaderSettable {
  header(name: string, value: string): unknown;
}

const REALM = 'tradeflow';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) {
      return true;
    }
    // Bearer tokens only exist over HTTP; any other transport must opt out with @Public() explicitly.
    if (context.getType() !== 'http') {
      return false;
    }

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<HeaderSettable>();

    const token = bearerToken(request.headers['authorization']);
    if (token === undefined) {
      reply.header('WWW-Authenticate', `Bearer realm="${REALM}"`);
      throw new UnauthorizedException('no bearer token');
    }
    try {
      const credentials = this.verifier.authenticate(token);
      request.principal = credentials.principal;
      request.tokenExpiresAt = credentials.expiresAt;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      reply.header('WWW-Authenticate', `Bearer realm="${REALM}", error="invalid_token"`);
      throw new UnauthorizedException(error.message);
    }

    // Secure by default: a handler that names no roles is open to nobody.
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(request.principal.role)) {
      throw new ForbiddenException(`role ${request.principal.role} may not call this endpoint`);
    }
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
  return match?.[1];
}

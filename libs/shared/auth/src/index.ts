export { AuthError } from './auth-error';
export { AuthGuard } from './auth.guard';
export { AuthModule } from './auth.module';
export type { AuthenticatedRequest } from './authenticated-request';
export { CurrentUser } from './current-user.decorator';
export { DEV_AUDIENCE, DEV_ISSUER, devKeyPath } from './dev-keys';
export {
  JwtVerifier,
  type Credentials,
  type JwtAlgorithm,
  type JwtVerifierOptions,
} from './jwt-verifier.service';
export type { Principal } from './principal';
export { isRole, ROLES, type Role } from './role';
export { IS_PUBLIC_KEY, Public, Roles, ROLES_KEY } from './roles.decorator';
export { signToken, type SignTokenOptions } from './token-signer';

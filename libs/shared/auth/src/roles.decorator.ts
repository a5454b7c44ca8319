import { SetMetadata } from '@nestjs/common';
import { type Role } from './role';

export const ROLES_KEY = 'tradeflow:auth:roles';
export const IS_PUBLIC_KEY = 'tradeflow:auth:public';

/** Roles allowed to call the handler (or every handler of the controller). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No token needed, e.g. health checks and metrics. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

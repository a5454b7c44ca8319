import { type Principal } from './principal';

// Structural so it fits both Fastify and Express requests without importing either.
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

import { type Principal } from './principal';

// Structural so it fits both Fastify and Express requests without importing either.
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  /** Milliseconds since the epoch from which the caller's token is refused: a live stream ends then. */
  tokenExpiresAt?: number;
}

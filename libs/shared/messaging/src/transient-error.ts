import { DatabaseError } from 'pg';

/** Thrown by a handler for a failure that will pass by itself (a lost connection): retried, not dead-lettered. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

// SQLSTATEs that say the database, not the event, is at fault: retrying later can succeed, and no event
// may be dead-lettered for them. Whole classes: 08 connection, 53 insufficient resources (disk full 53100,
// out of memory 53200, too many connections 53300), 58 system error (I/O error 58030), XX internal error.
// Single codes: serialization failure, deadlock, lock not available, a statement cancelled by its timeout
// or an operator (57014: rolled back, nothing written), and the server shutting down or starting up.
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '53', '58', 'XX']);
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03']);
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (!(error instanceof Error)) return false;
  // A SQLSTATE counts only when PostgreSQL said it: a handler's own error that happens to carry a
  // `code` is the handler's verdict, not the database's.
  const database = databaseError(error);
  if (database) return isTransientSqlState(database.code);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_NODE_CODES.has(code)) return true;
  if ((error as { retriable?: unknown }).retriable === true) return true; // KafkaJS marks its own
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    error.message,
  );
}

export function isTransientSqlState(code: string | undefined): boolean {
  return (
    code !== undefined && (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2)))
  );
}

/** PostgreSQL's own error behind `error`: TypeORM keeps it as `driverError`, wrappers as `cause`. */
function databaseError(error: unknown): DatabaseError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if (current instanceof DatabaseError) return current;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return undefined;
}

/** Thrown by a handler for a failure that will pass by itself (a lost connection): retried, not dead-lettered. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

// SQLSTATE classes and codes that mean "try again": connection loss, serialization, deadlock, overload,
// a statement cancelled by its timeout or an operator (57014: rolled back, nothing written).
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '53300', '57014', '57P01', '57P02', '57P03', '55P03']);
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
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08') || TRANSIENT_NODE_CODES.has(code))
  ) {
    return true;
  }
  if ((error as { retriable?: unknown }).retriable === true) return true; // KafkaJS marks its own
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    error.message,
  );
}

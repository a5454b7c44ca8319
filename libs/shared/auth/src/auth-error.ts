// Thrown for any token that must not be trusted; the message is safe to return to the caller.
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

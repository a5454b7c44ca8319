import { KafkaJSError, KafkaJSNonRetriableError } from 'kafkajs';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { TransientError, isTransient } from './transient-error';

/** What `pg` throws: PostgreSQL's DatabaseError with the SQLSTATE, or a Node socket error with its code. */
function pgError(code: string, message = 'pg error'): Error {
  if (/^[0-9A-Z]{5}$/.test(code)) return Object.assign(new DatabaseError(message, 0, 'error'), { code });
  return Object.assign(new Error(message), { code, syscall: 'connect' });
}

describe('isTransient', () => {
  it('is true for a TransientError thrown by a handler', () => {
    const error = new TransientError('pricing service unavailable', { cause: new Error('503') });
    expect(isTransient(error)).toBe(true);
    expect(error.name).toBe('TransientError');
    expect(error).toBeInstanceOf(Error);
  });

  it.each([
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock detected'],
    ['57P01', 'admin shutdown (database restarted)'],
    ['08006', 'connection failure'],
    ['08003', 'connection does not exist'],
    ['53300', 'too many connections'],
    ['55P03', 'lock not available'],
    ['57014', 'statement cancelled by statement_timeout (rolled back)'],
    ['53100', 'disk full'],
    ['53200', 'out of memory'],
    ['53400', 'configuration limit exceeded'],
    ['58030', 'I/O error'],
    ['58000', 'system error'],
    ['XX000', 'internal error'],
    ['57P03', 'cannot connect now (starting up)'],
    ['ECONNREFUSED', 'database not listening'],
    ['ECONNRESET', 'connection reset'],
  ])('is true for a pg-like error with code %s (%s)', (code) => {
    expect(isTransient(pgError(code))).toBe(true);
  });

  it.each([
    ['23505', 'unique violation'],
    ['23503', 'foreign key violation'],
    ['22P02', 'invalid text representation'],
    ['42P01', 'undefined table'],
  ])('is false for a pg-like error with code %s (%s): retrying cannot help', (code) => {
    expect(isTransient(pgError(code))).toBe(false);
  });

  it("reads the SQLSTATE through TypeORM's QueryFailedError and through a cause", () => {
    const disk = pgError('53100', 'could not extend file: No space left on device');
    expect(isTransient(new QueryFailedError('INSERT …', [], disk))).toBe(true);
    expect(isTransient(new Error('posting failed', { cause: disk }))).toBe(true);
    const unique = pgError('23505', 'duplicate key value violates unique constraint');
    expect(isTransient(new QueryFailedError('INSERT …', [], unique))).toBe(false);
  });

  it("is false for a handler's own error that carries a SQLSTATE-like code: only PostgreSQL's count", () => {
    expect(isTransient(Object.assign(new Error('limit table full'), { code: '53100' }))).toBe(false);
    expect(isTransient(Object.assign(new Error('rejected'), { code: '40001' }))).toBe(false);
  });

  it('is false for a plain Error and a TypeError (a bug is not retried)', () => {
    expect(isTransient(new Error('amount must be positive'))).toBe(false);
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'tradeId')"))).toBe(false);
  });

  it('is false for a numeric code, and for things that are not errors', () => {
    expect(isTransient(Object.assign(new Error('x'), { code: 40001 }))).toBe(false);
    expect(isTransient(undefined)).toBe(false);
    expect(isTransient(null)).toBe(false);
    expect(isTransient('ECONNREFUSED')).toBe(false);
  });

  it('is true for an error marked retriable, as KafkaJS marks its own', () => {
    expect(isTransient(Object.assign(new Error('broker not available'), { retriable: true }))).toBe(true);
    expect(isTransient(new KafkaJSError('The group is rebalancing', { retriable: true }))).toBe(true);
    expect(isTransient(new KafkaJSNonRetriableError('Invalid topic'))).toBe(false);
    expect(isTransient(Object.assign(new Error('bad request'), { retriable: 'yes' }))).toBe(false);
  });

  it('is true for the connection messages pg gives without a code', () => {
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isTransient(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
  });
});

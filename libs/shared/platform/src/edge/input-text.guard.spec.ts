import { Headers, type ExecutionContext } from '@nestjs/common';
import { ProblemException } from '../problem-details.filter';
import { InputTextGuard } from './input-text.guard';

class Doors {
  plain(): void {}
  cancel(@Headers('if-match') _ifMatch: string, @Headers('Idempotency-Key') _key: string): void {}
  stream(@Headers('last-event-id') _last: string): void {}
  everything(@Headers() _all: Record<string, string>): void {}
}

describe('InputTextGuard', () => {
  const guard = new InputTextGuard();
  interface Request {
    params?: object;
    query?: object;
    headers?: Record<string, string>;
    body?: unknown;
  }
  const http = (request: Request, handler: keyof Doors = 'plain') =>
    ({
      getType: () => 'http',
      getClass: () => Doors,
      getHandler: () => Doors.prototype[handler],
      switchToHttp: () => ({ getRequest: () => ({ params: {}, query: {}, headers: {}, ...request }) }),
    }) as unknown as ExecutionContext;
  const refusal = (request: Request, handler: keyof Doors = 'plain') => {
    try {
      guard.canActivate(http(request, handler));
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const problem = error as ProblemException;
      return { status: problem.getStatus(), response: problem.getResponse() };
    }
    return undefined;
  };
  const fieldsOf = (request: Request, handler: keyof Doors = 'plain') =>
    (refusal(request, handler)?.response as { errors?: { field: string; message: string }[] } | undefined)
      ?.errors;

  it('lets ordinary parameters through, accents and all', () => {
    expect(
      guard.canActivate(
        http({
          params: { id: 'T-20261120-000123' },
          query: { book: 'EQ-US-FLOW', name: 'Société Générale' },
        }),
      ),
    ).toBe(true);
  });

  it('refuses a NUL, a newline or DEL in a path or query parameter with a 400 naming each', () => {
    expect(
      refusal({
        params: { id: 'T-2026\u0000' },
        query: { book: 'EQ\nUS', limit: '10', key: ['ok', '\u007f'] },
      }),
    ).toEqual({
      status: 400,
      response: expect.objectContaining({
        errors: [
          { field: 'id', message: 'must not contain control characters' },
          { field: 'book', message: 'must not contain control characters' },
          { field: 'key', message: 'must not contain control characters' },
        ],
      }),
    });
  });

  it('refuses a lone surrogate in a path or query value, and a control character in a query name', () => {
    expect(
      fieldsOf({ params: { key: 'US\ud800' }, query: { 'bo\u0000ok': 'x', 'name\u0085': 'y' } }),
    ).toEqual([
      { field: 'key', message: 'must not contain an unpaired surrogate (U+D800 to U+DFFF alone)' },
      { field: 'bo\u0000ok', message: 'the parameter name must not contain control characters' },
      { field: 'name\u0085', message: 'the parameter name must not contain control characters' },
    ]);
  });

  it('names every string and key of the body that cannot be stored, at any depth, tabs and newlines kept', () => {
    expect(guard.canActivate(http({ body: { reason: 'booked\tin error\nby me 😀' } }))).toBe(true);
    expect(
      fieldsOf({
        body: {
          reason: 'a\u0000b',
          legs: [{ isin: 'US\ud800' }, { isin: 'fine', 'no\u0000te': 'x' }],
          deep: { er: { still: ['ok', '\udfffx'] } },
        },
      }),
    ).toEqual([
      { field: 'reason', message: 'must not contain NUL (U+0000)' },
      { field: 'legs[0].isin', message: 'must not contain an unpaired surrogate (U+D800 to U+DFFF alone)' },
      { field: 'legs[1].no\u0000te', message: 'the field name must not contain NUL (U+0000)' },
      {
        field: 'deep.er.still[1]',
        message: 'must not contain an unpaired surrogate (U+D800 to U+DFFF alone)',
      },
    ]);
    expect(fieldsOf({ body: '\u0000' })).toEqual([{ field: '', message: 'must not contain NUL (U+0000)' }]);
  });

  it('walks a body nested 100,000 deep without running out of stack', () => {
    let body: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) body = [body];
    expect(fieldsOf({ body })?.[0]?.field).toBe(`${'[0]'.repeat(100_000)}`);
  });

  it('lists at most 100 fields however many are at fault', () => {
    expect(fieldsOf({ body: Array.from({ length: 5000 }, () => '\u0000') })).toHaveLength(100);
  });

  it('checks the headers a handler reads, by their documented names, and no other', () => {
    const headers = { 'if-match': '"1"\u0085', 'idempotency-key': 'k\u0001', 'user-agent': 'x\u0085' };
    expect(fieldsOf({ headers }, 'cancel')).toEqual([
      { field: 'If-Match', message: 'must not contain control characters' },
      { field: 'Idempotency-Key', message: 'must not contain control characters' },
    ]);
    expect(fieldsOf({ headers: { 'last-event-id': '1-2\u0000' } }, 'stream')).toEqual([
      { field: 'Last-Event-ID', message: 'must not contain control characters' },
    ]);
    expect(guard.canActivate(http({ headers }, 'plain'))).toBe(true);
    expect(fieldsOf({ headers }, 'everything')?.map((e) => e.field)).toEqual([
      'If-Match',
      'Idempotency-Key',
      'User-Agent',
    ]);
  });

  it('leaves messages from Kafka to their validators', () => {
    const rpc = { getType: () => 'rpc' } as unknown as ExecutionContext;
    expect(guard.canActivate(rpc)).toBe(true);
  });
});

import type { ExecutionContext } from '@nestjs/common';
import { ControlCharactersGuard } from './control-characters.guard';
import { ProblemException } from './problem-details.filter';

describe('ControlCharactersGuard', () => {
  const guard = new ControlCharactersGuard();
  const http = (params: object, query: object) =>
    ({
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({ params, query }) }),
    }) as unknown as ExecutionContext;
  const refusal = (params: object, query: object) => {
    try {
      guard.canActivate(http(params, query));
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const problem = error as ProblemException;
      return { status: problem.getStatus(), response: problem.getResponse() };
    }
    return undefined;
  };

  it('lets ordinary parameters through, accents and all', () => {
    expect(
      guard.canActivate(http({ id: 'T-20261120-000123' }, { book: 'EQ-US-FLOW', name: 'Société Générale' })),
    ).toBe(true);
  });

  it('refuses a NUL, a newline or DEL in a path or query parameter with a 400 naming each', () => {
    expect(refusal({ id: 'T-2026\u0000' }, { book: 'EQ\nUS', limit: '10', key: ['ok', '\u007f'] })).toEqual({
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

  it('leaves messages from Kafka to their validators', () => {
    const rpc = { getType: () => 'rpc' } as unknown as ExecutionContext;
    expect(guard.canActivate(rpc)).toBe(true);
  });
});

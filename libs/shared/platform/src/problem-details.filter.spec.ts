import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  Logger,
  NotFoundException,
  UnauthorizedException,
  type ArgumentsHost,
} from '@nestjs/common';
import { TransientError } from '@tradeflow/shared/messaging';
import { errorCodes } from 'fastify';
import { isObservable, lastValueFrom, type Observable } from 'rxjs';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDetailsFilter,
  ProblemException,
  toProblem,
  type ProblemDetails,
} from './problem-details.filter';

describe('toProblem', () => {
  it('turns a ProblemException into a problem with its field errors', () => {
    const exception = new ProblemException(422, 'detail', [{ field: 'quantity', message: 'must be > 0' }]);
    expect(toProblem(exception)).toEqual({
      type: 'https://tradeflow.dev/problems/unprocessable-entity',
      title: 'Unprocessable entity',
      status: 422,
      detail: 'detail',
      errors: [{ field: 'quantity', message: 'must be > 0' }],
    });
  });

  it('keeps the title a ProblemException gives and leaves out an empty error list', () => {
    expect(
      toProblem(new ProblemException(409, 'trade T-1 is already approved', [], 'Trade state conflict')),
    ).toEqual({
      type: 'https://tradeflow.dev/problems/conflict',
      title: 'Trade state conflict',
      status: 409,
      detail: 'trade T-1 is already approved',
    });
  });

  it("turns NestJS's NotFoundException into a 404 with its message as detail", () => {
    expect(toProblem(new NotFoundException('no trade T-1'))).toEqual({
      type: 'https://tradeflow.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'no trade T-1',
    });
  });

  it('joins the messages of a validation BadRequestException', () => {
    const exception = new BadRequestException(['quantity must be positive', 'isin must be 12 characters']);
    expect(toProblem(exception)).toEqual({
      type: 'https://tradeflow.dev/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'quantity must be positive; isin must be 12 characters',
    });
  });

  it('keeps the status and text of other HttpExceptions', () => {
    expect(toProblem(new ForbiddenException('book B-2 belongs to another trader'))).toMatchObject({
      status: 403,
      title: 'Forbidden',
      detail: 'book B-2 belongs to another trader',
    });
    expect(toProblem(new UnauthorizedException())).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(toProblem(new HttpException('slow down', 429))).toEqual({
      type: 'https://tradeflow.dev/problems/too-many-requests',
      title: 'Too many requests',
      status: 429,
      detail: 'slow down',
    });
  });

  it("turns Fastify's malformed-JSON error into a 400", () => {
    expect(toProblem(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY())).toEqual({
      type: 'https://tradeflow.dev/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: "Body is not valid JSON but content-type is set to 'application/json'",
    });
  });

  it('turns any object with a 4xx statusCode and a message into that status', () => {
    const parseError = { statusCode: 400, message: 'Unexpected token } in JSON at position 17' };
    expect(toProblem(parseError)).toEqual({
      type: 'https://tradeflow.dev/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'Unexpected token } in JSON at position 17',
    });
    expect(toProblem(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE())).toMatchObject({
      status: 413,
      title: 'Payload too large',
    });
  });

  it('answers a plain Error with a 500 that does not reveal its message', () => {
    const problem = toProblem(new Error('secret db password'));
    expect(problem).toEqual({
      type: 'https://tradeflow.dev/problems/internal-server-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
    });
    expect(JSON.stringify(problem)).not.toContain('secret');
  });

  it('answers a 5xx statusCode object, a thrown string and null with a 500 revealing nothing', () => {
    for (const thrown of [
      { statusCode: 503, message: 'pool exhausted at 10.0.0.7' },
      'connection to 10.0.0.7 refused',
      null,
    ]) {
      const problem = toProblem(thrown);
      expect(problem.status).toBe(500);
      expect(problem.detail).toBe('An unexpected error occurred; it has been logged.');
      expect(JSON.stringify(problem)).not.toContain('10.0.0.7');
    }
  });

  it('sets instance when given', () => {
    expect(toProblem(new NotFoundException('no trade T-1'), '/trades/T-1')).toEqual({
      type: 'https://tradeflow.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'no trade T-1',
      instance: '/trades/T-1',
    });
    expect(toProblem(new Error('x'), '/trades')).toHaveProperty('instance', '/trades');
    expect(toProblem(new Error('x'))).not.toHaveProperty('instance');
  });
});

describe('ProblemDetailsFilter', () => {
  interface SentReply {
    status?: number;
    headers: Record<string, string>;
    body?: ProblemDetails;
  }

  // A stand-in for Fastify's reply: records what the filter sends.
  function httpHost(url: string): { host: ArgumentsHost; sent: SentReply } {
    const sent: SentReply = { headers: {} };
    const reply = {
      status(code: number) {
        sent.status = code;
        return reply;
      },
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      send(body: ProblemDetails) {
        sent.body = body;
        return reply;
      },
    };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({ url }), getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    return { host, sent };
  }

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('sends application/problem+json with the status and the request path as instance', () => {
    const { host, sent } = httpHost('/trades/T-1');
    new ProblemDetailsFilter().catch(new NotFoundException('no trade T-1'), host);
    expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
    expect(sent).toEqual({
      status: 404,
      headers: { 'Content-Type': 'application/problem+json' },
      body: {
        type: 'https://tradeflow.dev/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: 'no trade T-1',
        instance: '/trades/T-1',
      },
    });
  });

  it('asks for a bearer token on a 401', () => {
    const { host, sent } = httpHost('/trades');
    new ProblemDetailsFilter().catch(new UnauthorizedException('token expired'), host);
    expect(sent.status).toBe(401);
    expect(sent.headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('logs a 500 with its stack and sends nothing of it', () => {
    const { host, sent } = httpHost('/trades');
    const error = new Error('secret db password');
    new ProblemDetailsFilter().catch(error, host);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
    expect(Logger.prototype.error).toHaveBeenCalledWith(error.stack);
  });

  it('does not log client errors as errors', () => {
    const { host } = httpHost('/trades');
    new ProblemDetailsFilter().catch(new BadRequestException('quantity must be positive'), host);
    expect(Logger.prototype.error).not.toHaveBeenCalled();
  });

  it('hands the original error back outside HTTP, for the Kafka consumer to retry or dead-letter', async () => {
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const error = new TransientError('connection lost');
    const result = new ProblemDetailsFilter().catch(error, host);
    expect(isObservable(result)).toBe(true);
    await expect(lastValueFrom(result as Observable<never>)).rejects.toBe(error);
  });
});

import { BadRequestException, HttpException } from '@nestjs/common';
import { ApiOperation, DECORATORS } from '@nestjs/swagger';
import { tradeCapturedSchema } from '@tradeflow/shared/contracts';
import { failed } from '@tradeflow/shared/failure';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { problemFor } from '../problem-for';
import { ProblemException, toProblem } from '../problem-details.filter';
import { asComponent, pageSchema, PLATFORM_SCHEMAS } from './openapi-schemas';
import { ApiPublicOperation } from './openapi.decorators';

const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));

describe('the Problem schema', () => {
  const problem = ajv.compile(PLATFORM_SCHEMAS['Problem']!);

  it.each([
    [
      'a problem with field errors',
      new ProblemException(400, 'bad', [{ field: 'price', message: 'is empty' }]),
    ],
    ['a problem without', new ProblemException(404, 'no trade T-20261120-000123')],
    ['a Nest exception', new BadRequestException('Unexpected token } in JSON')],
    ['an exception with a string body', new HttpException('gone', 410)],
    ['an unexpected error', new Error('boom')],
    [
      'a domain failure',
      problemFor(failed('rule-broken', [{ field: 'side', message: 'BUY or SELL' }]).failure),
    ],
  ])('describes %s as the filter answers it', (_label, exception) => {
    const body = toProblem(exception, '/api/trades');
    expect({ valid: problem(body), errors: problem.errors }).toEqual({ valid: true, errors: null });
  });

  it('refuses what no service sends: an unknown field, no detail, an empty errors list', () => {
    const body = toProblem(new ProblemException(400, 'bad'), '/api/trades');
    expect(problem({ ...body, trace: 'at x' })).toBe(false);
    const { detail: _detail, ...noDetail } = body;
    expect(problem(noDetail)).toBe(false);
    expect(problem({ ...body, errors: [] })).toBe(false);
  });
});

describe('asComponent', () => {
  const equity = {
    tradeId: 'T-20261120-000123',
    version: 1,
    book: 'EQ-US-FLOW',
    trader: 'alice',
    side: 'BUY',
    instrumentId: 'US0378331005',
    instrumentType: 'EQUITY',
    quantity: '1000',
    price: '190.25',
    currency: 'USD',
    counterpartyLei: '7LTWFZYICNSX8D621K86',
    tradeDate: '2026-11-20',
    settlementDate: '2026-11-23',
    grossAmount: '190250.00',
    netAmount: '190250.00',
    status: 'CAPTURED',
  };
  const fxWithoutCounterAmount = { ...equity, instrumentId: 'EUR/USD', instrumentType: 'FX_SPOT' };
  const component = asComponent(tradeCapturedSchema, 'A trade.');

  it('takes the description given instead of the source’s title', () => {
    expect(component['title']).toBeUndefined();
    expect(component['description']).toBe('A trade.');
    expect(component['required']).toEqual(tradeCapturedSchema.required);
  });

  it('writes out JSON Schema’s default on conditions, so it accepts and refuses what the source does', () => {
    const allOf = component['allOf'] as { else: Record<string, unknown> }[];
    expect(allOf[0]!.else['additionalProperties']).toBe(true);
    const source = ajv.compile(tradeCapturedSchema);
    const described = ajv.compile(component);
    for (const trade of [equity, fxWithoutCounterAmount, { ...equity, accruedInterest: '1.00' }]) {
      expect(described(trade)).toBe(source(trade));
    }
    expect(described(equity)).toBe(true);
    expect(described(fxWithoutCounterAmount)).toBe(false);
  });
});

describe('pageSchema', () => {
  it('is the items and the next cursor, null on the last page', () => {
    // The `$ref`s point into an OpenAPI document's components, as they do in a service's document.
    const document = { ...pageSchema('Liveness', 'pages'), components: { schemas: PLATFORM_SCHEMAS } };
    const page = new Ajv2020({ strict: false }).compile(document);
    expect(page({ items: [], nextCursor: null })).toBe(true);
    expect(page({ items: [], nextCursor: 'abc' })).toBe(true);
    expect(page({ items: [{ status: 'live' }], nextCursor: null })).toBe(true);
    expect(page({ items: [{ status: 'dead' }], nextCursor: null })).toBe(false);
    expect(page({ items: [] })).toBe(false);
  });
});

describe('ApiPublicOperation', () => {
  it('marks the operation public before or after @ApiOperation, keeping its summary', () => {
    class Controller {
      @ApiOperation({ summary: 'first' })
      @ApiPublicOperation()
      below(): void {}

      @ApiPublicOperation()
      @ApiOperation({ summary: 'second' })
      above(): void {}
    }
    const operation = (method: () => void): unknown => Reflect.getMetadata(DECORATORS.API_OPERATION, method);
    expect(operation(Controller.prototype.below)).toEqual({ summary: 'first', security: [] });
    expect(operation(Controller.prototype.above)).toEqual({ summary: 'second', security: [] });
  });
});

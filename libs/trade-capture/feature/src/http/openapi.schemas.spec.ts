import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import fc from 'fast-check';
import { parseCash, parsePrice, parseQuantity, parseRate } from '@tradeflow/shared/money';
import {
  CAPTURE_FIELDS,
  checkAmendPatch,
  checkCancelBody,
  checkCaptureShape,
  shippedReferenceLookup,
  validateCaptureRequest,
  type CaptureContext,
  type CaptureField,
  type CaptureValidation,
} from '@tradeflow/trade-capture/domain';
import { parsePositionId } from '../timeline/trade-stream.service';
import { IDEMPOTENCY_KEY_PATTERN, IF_MATCH_PATTERN, LAST_EVENT_ID_PATTERN } from './openapi.parameters';
import { amendRequestSchema, cancelRequestSchema, captureRequestSchema } from './openapi.schemas';
import { checkIdempotencyKey, readIfMatch } from './request-preconditions';

// The request schemas of the OpenAPI document against the checks the API runs: generated bodies, valid
// and broken, must get the same verdict from ajv (the schema) and from the domain.

const ajv = new Ajv2020({ allErrors: true, strict: true });
const capture = ajv.compile(captureRequestSchema);
const amend = ajv.compile(amendRequestSchema);
const cancel = ajv.compile(cancelRequestSchema);

const FIELDS = Object.keys(CAPTURE_FIELDS) as CaptureField[];
const TODAY = '2026-11-20';
const BOOKING = {
  book: 'EQ-US-FLOW',
  side: 'BUY',
  instrumentId: 'US0378331005',
  quantity: '1000',
  price: '190.25',
  counterpartyLei: '7LTWFZYICNSX8D621K86',
  tradeDate: TODAY,
  settlementDate: '2026-11-23',
  venueMic: 'XNAS',
  commission: '12.50',
  externalRef: 'BLOTTER-4711',
};
const alice: CaptureContext = {
  principal: { id: 'alice', role: 'trader', books: ['EQ-US-FLOW', 'EQ-EU-FLOW'] },
  today: TODAY,
  reference: shippedReferenceLookup,
};

// What decides a body's shape (400): type, presence, known fields. Patterns, lengths and enums are the
// values' business, which the domain checks after authorisation (403, 422).
const SHAPE_KEYWORDS = new Set(['type', 'required', 'additionalProperties']);

function shapeFields(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .filter((e) => SHAPE_KEYWORDS.has(e.keyword))
    .map((e) =>
      e.keyword === 'required'
        ? String(e.params['missingProperty'])
        : e.keyword === 'additionalProperties'
          ? String(e.params['additionalProperty'])
          : e.instancePath.slice(1),
    )
    .sort();
}

/** The fields a refusal names. */
function refusedFields(result: CaptureValidation): string[] {
  if (result.ok) throw new Error('expected a refusal');
  return result.failure.errors.map((e) => e.field);
}

const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);
const anyString = fc.string({ unit: 'binary', maxLength: 24 });
const value = (field: CaptureField) =>
  fc.oneof(fc.constant(BOOKING[field]), fc.constant(CAPTURE_FIELDS[field].example), anyString, nonString);
const unknownKeys = fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,12}$/), fc.oneof(anyString, nonString), {
  maxKeys: 2,
});
const nonObject = fc.oneof(
  nonString.filter((v) => Array.isArray(v) || typeof v !== 'object'),
  anyString,
);
const fieldsOf = (fields: readonly CaptureField[]) =>
  fc.record(
    Object.fromEntries(fields.map((f) => [f, value(f)])) as Record<CaptureField, fc.Arbitrary<unknown>>,
    {
      requiredKeys: [],
    },
  );

describe('the capture request schema agrees with the domain shape check', () => {
  it('refuses a body exactly when checkShape calls it malformed, naming the same fields', () => {
    const body = fc.oneof(
      { weight: 1, arbitrary: nonObject },
      { weight: 6, arbitrary: fc.tuple(fieldsOf(FIELDS), unknownKeys).map(([f, u]) => ({ ...u, ...f })) },
    );
    fc.assert(
      fc.property(body, (b) => {
        capture(b);
        const shape = checkCaptureShape(b);
        const schemaFields = shapeFields(capture.errors);
        expect(schemaFields.length > 0).toBe(!shape.ok);
        if (!shape.ok) expect(schemaFields).toEqual(shape.errors.map((e) => e.field).sort());
      }),
      { numRuns: 2000 },
    );
  });

  // Values near the form of each field: the form itself, and what is easily mistaken for it.
  const alphabet = (chars: string, maxLength: number) =>
    fc.string({ unit: fc.constantFrom(...chars), maxLength });
  const decimal = fc
    .tuple(
      fc.constantFrom('', '', '-', '+', ' '),
      alphabet('0123456789', 20),
      fc.option(alphabet('.0123456789', 10), { nil: '' }),
      fc.constantFrom('', '', 'e3', ' '),
    )
    .map((parts) => parts.join(''));
  const date = fc
    .tuple(alphabet('0129', 4), alphabet('0123', 2), alphabet('01239', 2), fc.constantFrom('-', '-', '/'))
    .map(([y, m, d, sep]) => `${y}${sep}${m}${sep}${d}`);
  const NEAR: Record<CaptureField, fc.Arbitrary<string>> = {
    book: alphabet('EQUSFLOW-0a _', 14),
    side: fc.constantFrom('BUY', 'SELL', 'buy', 'Sell', '', 'HOLD'),
    instrumentId: fc.oneof(
      fc.constantFrom('US0378331005', 'EUR/USD', 'eur/usd', 'US037833100', 'US0378331005 '),
      alphabet('USEUR0378/a', 13),
    ),
    quantity: decimal,
    price: decimal,
    counterpartyLei: fc.oneof(fc.constant('7LTWFZYICNSX8D621K86'), alphabet('7LTWFZYICNSX8D621K86a', 21)),
    tradeDate: date,
    settlementDate: date,
    venueMic: fc.oneof(fc.constantFrom('XNAS', 'xnas', 'XOFF'), alphabet('XNASOF0a ', 5)),
    commission: decimal,
    externalRef: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 70 }),
      fc.constantFrom('', 'R'.repeat(64), 'R'.repeat(65), 'A\u0000B', 'é'.repeat(64), '😀'.repeat(64)),
    ),
  };

  it('never refuses a value the domain accepts; a value it refuses, the domain refuses naming the field', () => {
    const oneField = fc.constantFrom(...FIELDS).chain((field) => fc.tuple(fc.constant(field), NEAR[field]));
    fc.assert(
      fc.property(oneField, ([field, v]) => {
        const body = { ...BOOKING, [field]: v };
        const schemaAccepts = capture(body);
        const result = validateCaptureRequest(body, alice);
        if (result.ok) expect(schemaAccepts).toBe(true);
        if (!schemaAccepts) expect(refusedFields(result)).toContain(field);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes each decimal’s form exactly as the money parsers read it', () => {
    const matches = (field: 'quantity' | 'price' | 'commission', s: string) =>
      new RegExp(CAPTURE_FIELDS[field].pattern, 'u').test(s);
    fc.assert(
      fc.property(decimal, (s) => {
        expect(matches('quantity', s)).toBe(parseQuantity(s).ok);
        expect(matches('price', s)).toBe(parsePrice(s).ok);
        expect(matches('price', s)).toBe(parseRate(s).ok);
        // The loosest currency: 3 minor units (KWD); the trade's own currency may allow fewer.
        expect(matches('commission', s)).toBe(parseCash(s, 'KWD', { allowZero: true }).ok);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the amend request schema agrees with the amendment checks', () => {
  it('refuses a patch exactly when its keys or the amended trade’s shape are malformed', () => {
    const patch = fc.oneof(
      { weight: 1, arbitrary: nonObject },
      { weight: 6, arbitrary: fc.tuple(fieldsOf(FIELDS), unknownKeys).map(([f, u]) => ({ ...u, ...f })) },
    );
    fc.assert(
      fc.property(patch, (p) => {
        amend(p);
        const schemaFields = shapeFields(amend.errors);
        // What the service does: the keys first, then the trade with the changes as a capture request.
        const keys = checkAmendPatch(p);
        const domainFields = !keys.ok
          ? keys.failure.errors.map((e) => e.field)
          : (() => {
              const shape = checkCaptureShape({ ...BOOKING, ...keys.patch });
              return shape.ok ? [] : shape.errors.map((e) => e.field);
            })();
        expect(schemaFields.length > 0).toBe(domainFields.length > 0);
        expect(schemaFields).toEqual(expect.arrayContaining(domainFields));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the cancel request schema agrees with the cancellation check', () => {
  it('refuses a body exactly when checkCancelBody does', () => {
    const reason = fc.oneof(
      fc.string({
        unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\ufeff', '\u2028', 'a', '😀'),
        maxLength: 8,
      }),
      fc.constantFrom(
        'booked in error',
        'x'.repeat(500),
        'x'.repeat(501),
        '😀'.repeat(500),
        '😀'.repeat(501),
      ),
      nonString,
    );
    const body = fc.oneof(
      fc.constant(undefined),
      nonObject,
      fc.constant([]),
      fc.record({ reason }, { requiredKeys: [] }),
      fc.tuple(fc.record({ reason }, { requiredKeys: [] }), unknownKeys).map(([r, u]) => ({ ...u, ...r })),
    );
    fc.assert(
      fc.property(body, (b) => {
        // No body at all is no request body: the schema only speaks of one that is sent.
        const schemaAccepts = b === undefined || cancel(b);
        expect(schemaAccepts).toBe(checkCancelBody(b).ok);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the header schemas agree with the functions that read the headers', () => {
  const refuses = (check: () => unknown) => {
    try {
      check();
      return false;
    } catch {
      return true;
    }
  };

  it('Idempotency-Key', () => {
    const key = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 130 }),
      fc.string({ unit: fc.constantFrom('a', '~', '!', ' ', 'é'), minLength: 126, maxLength: 130 }),
    );
    fc.assert(
      fc.property(key, (k) => {
        expect(new RegExp(IDEMPOTENCY_KEY_PATTERN, 'u').test(k)).toBe(!refuses(() => checkIdempotencyKey(k)));
      }),
      { numRuns: 2000 },
    );
  });

  it('If-Match (as it arrives: HTTP strips the white space around a field value)', () => {
    const etag = fc
      .tuple(
        fc.constantFrom('', 'W/', 'w/'),
        fc.constantFrom('"', '', "'"),
        fc.string({ unit: fc.constantFrom('0', '1', '9', 'a'), minLength: 0, maxLength: 11 }),
        fc.constantFrom('"', ''),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(etag, (e) => {
        expect(new RegExp(IF_MATCH_PATTERN, 'u').test(e)).toBe(!refuses(() => readIfMatch(e, true)));
      }),
      { numRuns: 2000 },
    );
  });

  it('Last-Event-ID: never refuses an id the stream would resume from', () => {
    const id = fc
      .tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }))
      .map(([tx, seq]) => `${tx}-${seq}`);
    fc.assert(
      fc.property(fc.oneof(id, fc.string({ maxLength: 12 })), (i) => {
        if (parsePositionId(i)) expect(new RegExp(LAST_EVENT_ID_PATTERN, 'u').test(i)).toBe(true);
      }),
    );
    expect(new RegExp(LAST_EVENT_ID_PATTERN, 'u').test('5123-42')).toBe(true);
    expect(new RegExp(LAST_EVENT_ID_PATTERN, 'u').test('5123')).toBe(false);
  });
});

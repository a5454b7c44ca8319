import fc from 'fast-check';
import type { RawRequest } from '@tradeflow/shared/testing';

// Requests generated from a service's OpenAPI document: every operation, with values for each of its
// path, query and header parameters and body fields that are now plausible, now hostile (NUL, lone
// surrogates, huge, odd Unicode, numbers JSON cannot hold, wrong types, deep or wide objects, unknown
// fields), sent byte for byte as a client could.

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  required?: boolean;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}

interface OperationObject {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: {
    content?: Record<
      string,
      { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }
    >;
  };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzOperation {
  method: string;
  path: string;
  name: string;
  parameters: Parameter[];
  /** The body's schema and example, when the operation takes one. */
  body?: { schema: Schema; example: unknown };
}

/** Values a path parameter may usefully hold beyond what its schema says: real ids and keys. */
export type KnownValues = Record<string, readonly string[]>;

/** A JSON text spliced into a body as it is: numbers JSON.stringify cannot write, deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const media = op.requestBody?.content?.['application/json'];
      const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value ?? {};
      return {
        method: method.toUpperCase(),
        path,
        name: `${method.toUpperCase()} ${path}`,
        parameters: op.parameters ?? [],
        ...(media?.schema ? { body: { schema: resolve(doc, media.schema), example } } : {}),
      };
    }),
  );
}

/** A schema with its $ref followed and a oneOf/anyOf's branches' properties merged (enough to fuzz). */
function resolve(doc: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 8) return schema;
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const target = doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
    return resolve(doc, target, depth + 1);
  }
  const branches = [...((schema['oneOf'] as Schema[]) ?? []), ...((schema['anyOf'] as Schema[]) ?? [])].map(
    (b) => resolve(doc, b, depth + 1),
  );
  const properties: Record<string, Schema> = {};
  for (const source of [schema, ...branches]) {
    for (const [key, value] of Object.entries((source['properties'] as Record<string, Schema>) ?? {})) {
      properties[key] = resolve(doc, value, depth + 1);
    }
  }
  return { ...schema, properties };
}

// --- hostile values ---------------------------------------------------------------------------------

const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '\ud83d\ude00',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\uffff',
  '\u202e',
  '\t\r\n',
  '١٢٣',
  '𝟘𝟙',
  'Ⅻ',
  '../../etc/passwd',
  "'; DROP TABLE trade; --",
  '%00',
  '%s%n',
  '${7*7}',
  '<script>',
  'null',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '0x1F',
  '9'.repeat(40),
  '0.' + '0'.repeat(40) + '1',
  'x'.repeat(5000),
  'T-20261120-000001',
  'T-99999999-999999999999999999999',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '__proto__',
  'constructor',
];

const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: utf16Unit, maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 3000 }), weight: 1 },
);

const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    new RawJson('1e309'),
    new RawJson('-1e309'),
    new RawJson('-0'),
    new RawJson('1e-400'),
    new RawJson('123456789012345678901234567890'),
    new RawJson('0.1e1'),
    0,
    -1,
    2 ** 53 + 2,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

const nested = (depth: number, open: string, inner: string, close: string) =>
  new RawJson(open.repeat(depth) + inner + close.repeat(depth));

const hostileShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    [],
    {},
    nested(64, '[', '', ']'),
    nested(5000, '[', '"\\u0000"', ']'),
    nested(5000, '{"a":', '1', '}'),
    Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
  ),
  fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 4 }),
  fc.dictionary(hostileString, fc.oneof(hostileString, hostileNumber), { maxKeys: 3 }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: hostileShape, weight: 2 },
);

// --- plausible values from a schema -----------------------------------------------------------------

function plausible(schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return hostileString;
  const picks: unknown[] = [
    ...((schema['enum'] as unknown[]) ?? []),
    ...((schema['examples'] as unknown[]) ?? []),
    ...('const' in schema ? [schema['const']] : []),
    ...('example' in schema ? [schema['example']] : []),
  ];
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[])[0] : schema['type'];
  const options: fc.Arbitrary<unknown>[] = picks.length > 0 ? [fc.constantFrom(...picks)] : [];
  if (type === 'string' && typeof schema['pattern'] === 'string') {
    try {
      options.push(fc.stringMatching(new RegExp(schema['pattern'] as string)));
    } catch {
      // A pattern fast-check cannot generate from (a lookahead): the examples and the rest will do.
    }
  }
  if (type === 'string' && options.length === 0) options.push(fc.string({ minLength: 1, maxLength: 20 }));
  if (type === 'integer') {
    const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1000;
    const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : 1000;
    options.push(fc.integer({ min: min - 1, max: max + 1 }));
  }
  if (type === 'number') options.push(fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (type === 'boolean') options.push(fc.boolean());
  if (type === 'array')
    options.push(fc.array(plausible(schema['items'] as Schema | undefined), { maxLength: 3 }));
  if (type === 'object' || schema['properties']) options.push(objectOf(schema, {}));
  return options.length > 0 ? fc.oneof(...options) : hostileValue;
}

/** A value for a field: usually one its schema could hold, often a hostile one. */
function fieldValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: plausible(schema), weight: 3 }, { arbitrary: hostileValue, weight: 2 });
}

/**
 * An object after the schema and its example: the example as it is, the example with one field changed
 * or left out, or every field kept, changed, made hostile or left out at random; unknown fields now and
 * then.
 */
function objectOf(schema: Schema, example: unknown): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema['properties'] as Record<string, Schema>) ?? {};
  const base = (
    example !== null && typeof example === 'object' && !Array.isArray(example) ? example : {}
  ) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(properties), ...Object.keys(base)])];
  const changed = (key: string) =>
    fc.oneof(
      { arbitrary: fieldValue(properties[key]), weight: 4 },
      { arbitrary: fc.constant<unknown>(ABSENT), weight: 1 },
    );
  const fields = Object.fromEntries(
    keys.map((key) => [
      key,
      fc.oneof(...(key in base ? [{ arbitrary: fc.constant(base[key]), weight: 3 }] : []), {
        arbitrary: changed(key),
        weight: 2,
      }),
    ]),
  );
  const unknown = fc.dictionary(hostileString, hostileValue, { maxKeys: 2 });
  const extras = fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: unknown, weight: 1 });
  const oneChanged =
    keys.length === 0
      ? fc.constant(base)
      : fc.constantFrom(...keys).chain((key) => changed(key).map((value) => ({ ...base, [key]: value })));
  return fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.constant(base), weight: 1 },
        { arbitrary: oneChanged, weight: 4 },
        { arbitrary: fc.record(fields), weight: 3 },
      ),
      extras,
    )
    .map(([known, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(known)) if (v !== ABSENT) out[k] = v;
      // defineProperty, so a generated "__proto__" is a field like any other, not the prototype.
      for (const [k, v] of Object.entries(extra)) {
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    });
}

const ABSENT = Symbol('absent');

/** JSON text with RawJson spliced in; strings as JSON.stringify writes them (a lone surrogate escaped). */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// --- whole requests ---------------------------------------------------------------------------------

const JUNK_SEGMENTS = [
  '%',
  '%zz',
  '%00',
  '..',
  '.',
  '%2F',
  'a%2Fb',
  '%2e%2e',
  '%C0%AF',
  '%FF',
  '%ED%A0%80',
  'T'.repeat(150),
];

/** Percent-encodes text as UTF-8; a lone surrogate as the three bytes UTF-8 forbids (CESU-8). */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const char = pair ? text.slice(i, i + 2) : text[i]!;
    if (pair) i++;
    if (/^[A-Za-z0-9\-._~]$/.test(char)) out += char;
    else if (code >= 0xd800 && code <= 0xdfff && !pair) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map(hex).join('');
    } else out += [...Buffer.from(char, 'utf8')].map(hex).join('');
  }
  return out;
}

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** A header value as bytes on the wire: only what a header line can carry (no CR or LF, one byte each). */
function headerText(value: unknown): string {
  const text = typeof value === 'string' ? value : toJson(value);
  return [...text]
    .map((c) => c.charCodeAt(0))
    .filter((code) => code <= 0xff && code !== 0x0d && code !== 0x0a)
    .map((code) => String.fromCharCode(code))
    .join('');
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'multipart/form-data; boundary=x',
  '',
];

const RAW_BODIES: (string | Buffer)[] = [
  'not json',
  '{"a":',
  '',
  '\u0000',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  Buffer.from([0x7b, 0x22, 0x72, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // {"r":"<CESU-8 surrogate>"}
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
  '{"a":1,"a":2}',
  `{"a":"${'x'.repeat(1_100_000)}"}`, // over the 1 MiB a body may have
];

/**
 * A request for `op`: its path parameters (real ids and keys among them), its query parameters and an
 * unknown one now and then, its header parameters, its body, and an Authorization header drawn from
 * `authorizations`.
 */
export function requestFor(
  op: FuzzOperation,
  known: KnownValues,
  authorizations: fc.Arbitrary<string | undefined>,
): fc.Arbitrary<RawRequest> {
  const byPlace = (place: Parameter['in']) => op.parameters.filter((p) => p.in === place);
  const pathValue = (p: Parameter) =>
    fc.oneof(
      { arbitrary: plausible(p.schema).map((v) => percentEncode(String(v))), weight: 2 },
      ...(known[p.name]?.length ? [{ arbitrary: fc.constantFrom(...known[p.name]!), weight: 3 }] : []),
      { arbitrary: hostileString.map(percentEncode), weight: 2 },
      { arbitrary: fc.constantFrom(...JUNK_SEGMENTS), weight: 1 },
    );
  const path = fc.record(Object.fromEntries(byPlace('path').map((p) => [p.name, pathValue(p)])));
  const queryPairs = fc
    .tuple(
      ...byPlace('query').map((p) =>
        fc.option(
          fieldValue(p.schema).map((v) => [p.name, v] as const),
          { freq: p.required ? 8 : 2, nil: undefined },
        ),
      ),
      // Now and then an unknown parameter, or a declared one given twice.
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 6 },
        { arbitrary: fc.tuple(hostileString, hostileString), weight: 1 },
        ...(byPlace('query').length > 0
          ? [
              {
                arbitrary: fc.tuple(fc.constantFrom(...byPlace('query').map((p) => p.name)), hostileString),
                weight: 1,
              },
            ]
          : []),
      ),
    )
    .map((pairs) =>
      pairs
        .filter((pair): pair is readonly [string, unknown] => pair !== undefined)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(typeof v === 'string' ? v : toJson(v))}`),
    );
  const headers = fc.tuple(
    ...byPlace('header').map((p) =>
      fc.option(
        fieldValue(p.schema).map((v) => [p.name, headerText(v)] as const),
        { freq: p.required ? 8 : 2, nil: undefined },
      ),
    ),
  );
  const body: fc.Arbitrary<{ text: string | Buffer; type: string } | undefined> = op.body
    ? fc.oneof(
        {
          arbitrary: objectOf(op.body.schema, op.body.example).map((o) => ({
            text: toJson(o),
            type: 'application/json',
          })),
          weight: 8,
        },
        { arbitrary: hostileValue.map((v) => ({ text: toJson(v), type: 'application/json' })), weight: 2 },
        {
          arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ text, type: 'application/json' })),
          weight: 1,
        },
        {
          arbitrary: fc
            .tuple(fc.constantFrom(...CONTENT_TYPES), fc.constant('{}'))
            .map(([type, text]) => ({ text, type })),
          weight: 1,
        },
        { arbitrary: fc.constant(undefined), weight: 1 },
      )
    : fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 6 },
        { arbitrary: fc.constant({ text: '{"unexpected":"body"}', type: 'application/json' }), weight: 1 },
      );

  return fc.record({ path, queryPairs, headers, body, authorization: authorizations }).map((r) => {
    const target =
      op.path.replace(/\{([^}]+)\}/g, (_, name: string) => String(r.path[name] ?? '')) +
      (r.queryPairs.length > 0 ? `?${r.queryPairs.join('&')}` : '');
    const headerList: [string, string][] = r.headers
      .filter((h): h is readonly [string, string] => h !== undefined)
      .map(([k, v]) => [k, v]);
    if (r.authorization !== undefined) headerList.push(['Authorization', r.authorization]);
    if (r.body?.type) headerList.push(['Content-Type', r.body.type]);
    return {
      method: op.method,
      target,
      headers: headerList,
      ...(r.body ? { body: r.body.text } : {}),
    };
  });
}

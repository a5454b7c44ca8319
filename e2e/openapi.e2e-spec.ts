import {
  REPO_ROOT,
  SERVICES,
  startService,
  type ServiceName,
  type StartedService,
} from '@tradeflow/shared/testing';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as ts from 'typescript';
import { APPLE_BUY, bearer } from './trade-capture/trade-capture.fixtures';

// Every service's OpenAPI document as a client meets it: linted with Redocly's recommended rules, true
// about which operations are public, and good enough to generate a typed client from (openapi-typescript).

interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
type Schema = Record<string, unknown>;
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const run = promisify(execFile);
const bin = (path: string) => join(REPO_ROOT, 'node_modules', path);
const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );

// A tiny typed client, as a team would write one over the generated types.
const CLIENT = `
import type { paths } from './trade-capture';

type Capture = paths['/api/trades']['post'];
export type Booking = Capture['requestBody']['content']['application/json'];
export type Trade = Capture['responses'][201]['content']['application/json'];
export type Problem = Capture['responses'][422]['content']['application/problem+json'];

export async function captureTrade(baseUrl: string, token: string, key: string, booking: Booking): Promise<Trade> {
  const response = await fetch(\`\${baseUrl}/api/trades\`, {
    method: 'POST',
    headers: { authorization: \`Bearer \${token}\`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(booking),
  });
  if (response.status !== 201) throw new Error(((await response.json()) as Problem).detail);
  return (await response.json()) as Trade;
}
`;

const SAMPLE = `
import { captureTrade } from './client';

export async function bookApple(): Promise<string> {
  const trade = await captureTrade('http://127.0.0.1:3001', 'token', 'key-1', {
    book: 'EQ-US-FLOW',
    side: 'BUY',
    instrumentId: 'US0378331005',
    quantity: '1000',
    price: '190.25',
    counterpartyLei: 'W22LROWP2IHZNBB6K528',
    tradeDate: '2026-11-20',
  });
  const id: string = trade.tradeId;
  const gross: string = trade.grossAmount;
  return \`\${id} \${gross} \${trade.status}\`;
}
`;

describe('the OpenAPI documents', () => {
  const started = new Map<ServiceName, StartedService>();
  const documents = new Map<ServiceName, OpenApiDocument>();
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tradeflow-openapi-'));
    await Promise.all(
      SERVICES.map(async (name) => {
        const service = await startService(name);
        started.set(name, service);
        const document = (await (await fetch(`${service.url}/api/docs-json`)).json()) as OpenApiDocument;
        documents.set(name, document);
        writeFileSync(join(dir, `${name}.json`), JSON.stringify(document, null, 2));
      }),
    );
  });

  afterAll(async () => {
    await Promise.all([...started.values()].map((s) => s.process.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(SERVICES)('%s: Redocly’s recommended rules find no error', async (name) => {
    const { stdout } = await run(
      process.execPath,
      [bin('@redocly/cli/bin/cli.js'), 'lint', '--extends=recommended', '--format=json', `${name}.json`],
      { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((error: { stdout: string }) => error); // a non-zero exit still prints the report
    const report = JSON.parse(stdout) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const line = (p: (typeof report.problems)[number]) =>
      `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;
    const warnings = report.problems.filter((p) => p.severity === 'warn').map(line);
    if (warnings.length > 0)
      console.log(`${name}: ${warnings.length} Redocly warnings\n${warnings.join('\n')}`);
    expect(report.problems.filter((p) => p.severity === 'error').map(line)).toEqual([]);
  });

  it.each(SERVICES)('%s: every body has a schema and every error is a Problem', (name) => {
    const doc = documents.get(name)!;
    expect(doc.openapi).toBe('3.1.0');
    const faults: string[] = [];
    for (const { path, method, operation } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        if (!media.schema?.['$ref']) faults.push(`${where} request ${type}: not a component schema`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) faults.push(`${where} ${status}: no body described`);
        for (const [type, media] of content) {
          const schema = media.schema ?? {};
          const isProblem =
            type === 'application/problem+json' && schema['$ref'] === '#/components/schemas/Problem';
          // Readiness answers 503 with the same body as 200: which check is down.
          const isReadiness = path === '/health/ready' && schema['$ref'] === '#/components/schemas/Readiness';
          if (Number(status) >= 400 && !isProblem && !isReadiness)
            faults.push(`${where} ${status}: not a Problem`);
          if (Object.keys(schema).length === 0 || (schema['type'] === 'object' && !schema['properties']))
            if (path !== '/api/docs-json') faults.push(`${where} ${status} ${type}: no real schema`);
        }
      }
    }
    expect(faults).toEqual([]);
  });

  it.each(SERVICES)(
    '%s: the operations marked public answer without a token, the others 401',
    async (name) => {
      const service = started.get(name)!;
      const concrete = (path: string) =>
        path
          .replace('{kind}', 'instruments')
          .replace('{market}', 'US')
          .replace(/\{[^}]+\}/g, 'X');
      const answers = await Promise.all(
        operations(documents.get(name)!).map(async ({ path, method, operation }) => {
          const response = await fetch(`${service.url}${concrete(path)}`, { method: method.toUpperCase() });
          await response.body?.cancel();
          const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
          return `${operation.operationId} ${isPublic ? 'public' : 'bearer'}: ${response.status === 401 ? 401 : 'not 401'}`;
        }),
      );
      expect(answers.filter((a) => / public: 401$| bearer: not 401$/.test(a))).toEqual([]);
      expect(answers.filter((a) => a.includes(' public: ')).map((a) => a.split(' ')[0])).toEqual(
        expect.arrayContaining([
          'getLiveness',
          'getReadiness',
          'getMetrics',
          'getOpenApiDocument',
          'getApiDocsPage',
        ]),
      );
    },
  );

  describe('a client generated from trade-capture’s document (openapi-typescript)', () => {
    // The typed call, and one wrong call per way a client can get a booking wrong.
    const samples: Record<string, { source: string; message?: RegExp }> = {
      'a typed capture call': { source: SAMPLE },
      'a quantity sent as a number': {
        source: SAMPLE.replace("quantity: '1000'", 'quantity: 1000'),
        message: /number.*not assignable to type 'string'/s,
      },
      'a booking without a book': {
        source: SAMPLE.replace("book: 'EQ-US-FLOW',", ''),
        message: /Property 'book' is missing/,
      },
      'a side that is neither BUY nor SELL': {
        source: SAMPLE.replace("side: 'BUY'", "side: 'HOLD'"),
        message: /"HOLD".*not assignable/s,
      },
      'an unknown field': {
        source: SAMPLE.replace("book: 'EQ-US-FLOW',", "book: 'EQ-US-FLOW', trader: 'bob',"),
        message: /'trader' does not exist/,
      },
      'an amount read as a number': {
        source: SAMPLE.replace('const gross: string', 'const gross: number'),
        message: /'string' is not assignable to type 'number'/,
      },
      'a field a trade does not have': {
        source: SAMPLE.replace('trade.grossAmount;', 'trade.grossAmountUsd;'),
        message: /Property 'grossAmountUsd' does not exist/,
      },
    };
    const errors = new Map<string, string[]>();

    beforeAll(async () => {
      await run(
        process.execPath,
        [bin('openapi-typescript/bin/cli.js'), 'trade-capture.json', '-o', 'trade-capture.d.ts'],
        {
          cwd: dir,
        },
      );
      writeFileSync(join(dir, 'client.ts'), CLIENT);
      const files = Object.entries(samples).map(([label, { source }], i) => {
        const file = join(dir, `sample-${i}.ts`);
        writeFileSync(file, source);
        return [label, file] as const;
      });
      // One program for all the samples: each is checked on its own file's diagnostics.
      const program = ts.createProgram(
        files.map(([, file]) => file),
        {
          strict: true,
          noEmit: true,
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.CommonJS,
          lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
          types: [],
          skipLibCheck: true,
        },
      );
      const diagnostics = ts.getPreEmitDiagnostics(program);
      for (const [label, file] of files) {
        errors.set(
          label,
          diagnostics
            .filter(
              (d) => d.file === undefined || d.file.fileName === file || !d.file.fileName.includes('sample-'),
            )
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
        );
      }
    });

    it('type-checks a typed capture call, reading the trade’s id and amounts as strings', () => {
      expect(errors.get('a typed capture call')).toEqual([]);
    });

    it.each(Object.keys(samples).filter((label) => samples[label]!.message))('refuses %s', (label) => {
      expect(errors.get(label)!.join('\n')).toMatch(samples[label]!.message!);
    });

    it('describes what the service answers: a booked trade and a refusal validate against the document', async () => {
      const doc = documents.get('trade-capture')!;
      const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
      ajv.addSchema({ $id: 'trade-capture', components: doc.components });
      const validate = (name: string, body: unknown) => {
        const check = ajv.getSchema(`trade-capture#/components/schemas/${name}`)!;
        return check(body) ? [] : check.errors;
      };
      const url = `${started.get('trade-capture')!.url}/api/trades`;
      const post = (body: unknown) =>
        fetch(url, {
          method: 'POST',
          headers: {
            authorization: bearer('alice', 'trader', ['EQ-US-FLOW']),
            'content-type': 'application/json',
            'idempotency-key': `openapi-${Date.now()}-${Math.random()}`,
          },
          body: JSON.stringify(body),
        });
      const booked = await post(APPLE_BUY);
      expect(booked.status).toBe(201);
      expect(validate('Trade', await booked.json())).toEqual([]);
      const refused = await post({ ...APPLE_BUY, quantity: 1000 });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(validate('Problem', await refused.json())).toEqual([]);
      expect(validate('CaptureRequest', APPLE_BUY)).toEqual([]);
    });
  });
});

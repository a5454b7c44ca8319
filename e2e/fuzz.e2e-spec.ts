import { signToken, ROLES, type Role } from '@tradeflow/shared/auth';
import {
  REPO_ROOT,
  SERVICES,
  randomName,
  rawHttp,
  startService,
  waitFor,
  type RawRequest,
  type RawResponse,
  type ServiceName,
  type StartedService,
} from '@tradeflow/shared/testing';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  operationsOf,
  requestFor,
  type FuzzOperation,
  type KnownValues,
  type OpenApiDocument,
} from './fuzz.arbitraries';
import { APPLE_BUY } from './trade-capture/trade-capture.fixtures';

// The property every HTTP door of every service keeps: whatever a client sends, generated from the
// service's own OpenAPI document (every operation, every path, query and header parameter and body
// field, plausible and hostile values), no answer is a 5xx, and every refusal is a problem+json.
// trade-capture is fuzzed hardest; the others have the platform's doors. FUZZ_RUNS scales the runs and
// FUZZ_SEED replays a failure.

const privateKey = readFileSync(join(REPO_ROOT, 'infra/dev-keys/jwt-private.pem'), 'utf8');
const TOKENS: Record<Role, string> = Object.fromEntries(
  ROLES.map((role) => [
    role,
    `Bearer ${signToken({ role, sub: `fuzz-${role}`, ...(role === 'trader' ? { books: ['EQ-US-FLOW', 'EQ-EU-FLOW'] } : {}), privateKey, expiresIn: '2h' })}`,
  ]),
) as Record<Role, string>;
const JUNK_AUTHORIZATIONS = [undefined, 'Bearer', 'Bearer a.b.c', 'Basic YWxpY2U6cHc=', `${TOKENS.risk}x`];

const SCALE = Number(process.env['FUZZ_RUNS'] ?? '1');
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
// Runs and time per operation: trade-capture's doors read and write; the others only the platform's.
const BUDGET: Record<ServiceName, { runs: number; ms: number }> = {
  'trade-capture': { runs: 300 * SCALE, ms: 2000 * SCALE },
  'risk-compliance': { runs: 60 * SCALE, ms: 600 * SCALE },
  clearing: { runs: 60 * SCALE, ms: 600 * SCALE },
  settlement: { runs: 60 * SCALE, ms: 600 * SCALE },
  ledger: { runs: 60 * SCALE, ms: 600 * SCALE },
};
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Each path with the methods its document does not list (a 404 or 405 is due, as a problem). */
function undocumented(ops: FuzzOperation[]): FuzzOperation[] {
  const paths = [...new Set(ops.map((op) => op.path))];
  return paths.flatMap((path) => {
    const documented = ops.filter((op) => op.path === path);
    const parameters = documented[0]?.parameters.filter((p) => p.in === 'path') ?? [];
    return METHODS.filter((m) => !documented.some((op) => op.method === m)).map((method) => ({
      method,
      path,
      name: `${method} ${path} (undocumented)`,
      parameters,
    }));
  });
}

/** Why an answer breaks the property, or undefined when it keeps it. */
function fault(response: RawResponse): string | undefined {
  if (response.status >= 500) return `answered ${response.status}: ${response.body.slice(0, 300)}`;
  if (response.status < 400) return undefined;
  const type = response.headers['content-type'] ?? '';
  if (!type.startsWith('application/problem+json'))
    return `${response.status} as "${type}": ${response.body.slice(0, 200)}`;
  let problem: { status?: unknown; type?: unknown; title?: unknown };
  try {
    problem = JSON.parse(response.body) as typeof problem;
  } catch {
    return `${response.status} problem that is not JSON: ${response.body.slice(0, 200)}`;
  }
  if (
    problem.status !== response.status ||
    typeof problem.type !== 'string' ||
    typeof problem.title !== 'string'
  ) {
    return `${response.status} with a malformed problem: ${response.body.slice(0, 200)}`;
  }
  return undefined;
}

/** The failure, its request in short (a token as its role, a long body cut), and how to replay it. */
function describeFailure(op: FuzzOperation, result: fc.RunDetails<[RawRequest]>): string {
  const [request] = result.counterexample ?? [];
  const role = (value: string) => Object.entries(TOKENS).find(([, token]) => token === value)?.[0];
  const headers = (request?.headers ?? []).map(([name, value]) =>
    name === 'Authorization' && role(value)
      ? `${name}: <${role(value)} token>`
      : `${name}: ${JSON.stringify(value)}`,
  );
  const body =
    request?.body === undefined
      ? 'none'
      : `${JSON.stringify(String(request.body).slice(0, 300))} (${request.body.length} bytes)`;
  const error =
    result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  return [
    `${op.name}: ${error}`,
    `  ${request?.method} ${request?.target.slice(0, 300)}`,
    `  headers ${headers.join(' | ')}`,
    `  body ${body}`,
    `  replay: FUZZ_SEED=${result.seed} (counterexample path ${result.counterexamplePath})`,
  ].join('\n');
}

describe('no generated request gets a 5xx', () => {
  const started = new Map<ServiceName, StartedService>();
  const known: KnownValues = {
    kind: ['instruments', 'counterparties', 'books'],
    market: ['US', 'TARGET2', 'UK'],
    key: ['US0378331005', 'W22LROWP2IHZNBB6K528', 'EQ-US-FLOW'],
    id: [],
  };

  beforeAll(async () => {
    await Promise.all(
      SERVICES.map(async (name) => {
        const service = await startService(name);
        started.set(name, service);
        await waitFor(async () => (await fetch(`${service.url}/health/ready`)).status === 200, {
          timeoutMs: 60_000,
          what: `${name} ready`,
        });
      }),
    );
    // Real trades, so amend, cancel, read and timeline reach past "no such trade".
    const capture = started.get('trade-capture')!;
    for (let i = 0; i < 12; i++) {
      const booked = await fetch(`${capture.url}/api/trades`, {
        method: 'POST',
        headers: {
          authorization: TOKENS.trader,
          'content-type': 'application/json',
          'idempotency-key': randomName(12),
        },
        body: JSON.stringify({ ...APPLE_BUY, quantity: String(100 + i) }),
      });
      known['id'] = [...known['id']!, ((await booked.json()) as { tradeId: string }).tradeId];
    }
  });

  afterAll(async () => {
    await Promise.all([...started.values()].map((s) => s.process.stop()));
  });

  /** The roles that get past the role check of `op` (anything but 403 to a bare request). */
  async function rolesAllowed(url: string, op: FuzzOperation): Promise<Role[]> {
    const target = op.path.replace(/\{[^}]+\}/g, 'x');
    const answers = await Promise.all(
      ROLES.map(async (role) => {
        const { status } = await rawHttp(url, {
          method: op.method,
          target,
          headers: [['Authorization', TOKENS[role]]],
        });
        return status === 403 ? undefined : role;
      }),
    );
    return answers.filter((r): r is Role => r !== undefined);
  }

  it.each(SERVICES)('%s: every operation of its OpenAPI document', async (name) => {
    const service = started.get(name)!;
    const doc = (await (await fetch(`${service.url}/api/docs-json`)).json()) as OpenApiDocument;
    const failures: string[] = [];
    const seen: string[] = [];
    const documented = operationsOf(doc);
    for (const op of [...documented, ...undocumented(documented)]) {
      const allowed = await rolesAllowed(service.url, op);
      const others = ROLES.filter((r) => !allowed.includes(r));
      const authorizations = fc.oneof(
        {
          arbitrary: fc.constantFrom(...(allowed.length > 0 ? allowed : ROLES).map((r) => TOKENS[r])),
          weight: 8,
        },
        {
          arbitrary: fc.constantFrom(...(others.length > 0 ? others : ROLES).map((r) => TOKENS[r])),
          weight: 1,
        },
        { arbitrary: fc.constantFrom(...JUNK_AUTHORIZATIONS), weight: 1 },
      );
      const statuses = new Map<number, number>();
      const result = await fc.check(
        fc.asyncProperty(requestFor(op, known, authorizations), async (request) => {
          const response = await rawHttp(service.url, request);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const why = fault(response);
          if (why) throw new Error(why);
        }),
        {
          // A method a path does not have is a 404 before anything reads the request: a few runs do.
          numRuns: op.name.endsWith('(undocumented)') ? Math.ceil(BUDGET[name].runs / 10) : BUDGET[name].runs,
          interruptAfterTimeLimit: BUDGET[name].ms,
          markInterruptAsFailure: false,
          ...(SEED === undefined ? {} : { seed: SEED }),
        },
      );
      if (result.failed) failures.push(describeFailure(op, result));
      const counts = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
      seen.push(`${op.name} (${allowed.join(',') || 'public'}): ${counts.join(' ')}`);
    }
    console.log(`${name}: answers by operation\n${seen.join('\n')}`);
    expect(failures).toEqual([]);
  });
});

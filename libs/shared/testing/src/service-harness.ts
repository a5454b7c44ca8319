import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, startProcess, type RunningProcess } from './process-harness';
import { randomName, testInfra } from './test-infra';

export const SERVICES = ['trade-capture', 'risk-compliance', 'clearing', 'settlement', 'ledger'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface StartedService {
  name: ServiceName;
  url: string;
  schema: string;
  process: RunningProcess;
}

/**
 * Starts a service from dist/ as its own process, in a schema and consumer group of its own, on a free
 * port, and waits until it listens. `env` overrides anything (a private broker, a bad variable).
 */
export async function startService(
  name: ServiceName,
  env: Record<string, string> = {},
  { waitUntilListening = true } = {},
): Promise<StartedService> {
  const infra = testInfra();
  const port = await freePort();
  const schema = `t_${name.replace(/-/g, '_')}_${randomName(6)}`;
  const process = startProcess(name, `apps/${name}/src/main.ts`, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: infra.databaseUrl,
    DATABASE_SCHEMA: schema,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: `${name}-${randomName(6)}`,
    JWT_PUBLIC_KEY: join(REPO_ROOT, 'infra/dev-keys/jwt-public.pem'),
    LOG_LEVEL: 'info',
    ...env,
  });
  const service = { name, url: `http://127.0.0.1:${port}`, schema, process };
  if (waitUntilListening) await process.waitForOutput(/listening on http/);
  return service;
}

const run = promisify(execFile);

/**
 * A broker of the test's own (other ports, other data folder), started with the same script as the
 * shared one, so a test can stop and restart it without disturbing anyone else.
 */
export class PrivateBroker {
  readonly brokers: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly port: number,
    controllerPort: number,
    runDir: string,
  ) {
    this.brokers = `127.0.0.1:${port}`;
    const { KAFKA_BROKERS: _ignored, ...rest } = process.env;
    this.env = {
      ...rest,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_RUN_DIR: runDir,
      KAFKA_HEAP: '512m',
    };
  }

  static async create(runDir: string): Promise<PrivateBroker> {
    return new PrivateBroker(await freePort(), await freePort(), runDir);
  }

  async up(): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'infra/kafka/kafka.sh'), 'up'], { env: this.env });
  }

  async down(): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'infra/kafka/kafka.sh'), 'down'], { env: this.env });
  }
}

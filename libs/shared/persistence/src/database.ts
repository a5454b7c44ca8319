import { Client } from 'pg';
import { DataSource, MigrationExecutor, type DataSourceOptions, type MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The schema the service owns; its tables and its migrations table live there. */
  schema: string;
  entities?: MixedList<string | (new () => unknown)>;
  migrations?: MixedList<string | (new () => unknown)>;
  poolSize?: number;
  /**
   * Milliseconds a statement may run, lock waits included, before PostgreSQL cancels it (SQLSTATE
   * 57014, nothing written): a request against a locked or stalled table is answered instead of
   * hanging. Migrations are exempt. Unset or 0: no limit.
   */
  statementTimeoutMs?: number;
  applicationName?: string;
  /** Milliseconds to wait for a connection before failing (boot checks, readiness). */
  connectTimeoutMs?: number;
}

/** How much longer than the statement timeout the client waits for an answer before it gives up. */
const CLIENT_TIMEOUT_MARGIN_MS = 5000;

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const config: DataSourceOptions = {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    applicationName: options.applicationName ?? options.schema,
    connectTimeoutMS: options.connectTimeoutMs ?? 5000,
    extra: {
      max: options.poolSize ?? 10,
      // Unqualified names resolve to the service's schema, so one set of migrations serves any schema.
      options: `-c search_path=${options.schema} -c statement_timeout=${options.statementTimeoutMs ?? 0}`,
      idleTimeoutMillis: 30000,
      // A database that stops answering without closing the connection (host lost, network cut) would
      // hold a request forever: PostgreSQL's statement_timeout cannot fire where PostgreSQL cannot be
      // reached, so the client gives up a little after it, and TCP keep-alives find dead idle sockets.
      query_timeout: options.statementTimeoutMs
        ? options.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS
        : undefined,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10000,
    },
  };
  return new DataSource(config);
}

/** Creates the database named in the URL if it does not exist (connecting to `postgres` to do so). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile by another process
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Runs the pending migrations of a schema, one process at a time, and returns their names. They run on
 * one connection without the statement timeout: a backfill may take longer than any request should, and
 * waiting for another instance's migrations is waiting for the advisory lock.
 */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  // pg's own client, whose read timeout must not cut a long migration short either.
  const client = (await runner.connect()) as { connectionParameters?: { query_timeout?: number } };
  const readTimeout = client.connectionParameters?.query_timeout;
  if (client.connectionParameters) client.connectionParameters.query_timeout = undefined;
  try {
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`])
      .catch(() => undefined);
    // Back to the connection's own settings before it serves requests.
    await runner.query('RESET statement_timeout').catch(() => undefined);
    if (client.connectionParameters) client.connectionParameters.query_timeout = readTimeout;
    await runner.release();
  }
}

export async function dropSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

import { randomBytes } from 'node:crypto';
import { createServiceDataSource, migrate, quoteIdent } from '@tradeflow/shared/persistence';
import type { DataSource, MixedList } from 'typeorm';

/** The broker and database the global setup chose (environment, containers, or the local ones). */
export function testInfra(): { databaseUrl: string; kafkaBrokers: string[] } {
  return {
    databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tradeflow_test',
    kafkaBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  };
}

/** Lower-case letters only, so the result fits schema, group and topic name rules alike. */
export function randomName(length = 8): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export interface TestSchema {
  schema: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh schema for one suite, migrated like a service's, dropped at the end. */
export async function createTestSchema(
  prefix: string,
  migrations: MixedList<new () => unknown> = [],
): Promise<TestSchema> {
  const schema = `t_${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomName(6)}`;
  const dataSource = createServiceDataSource({
    url: testInfra().databaseUrl,
    schema,
    migrations,
    poolSize: 6,
  });
  await dataSource.initialize();
  await migrate(dataSource, schema);
  return {
    schema,
    dataSource,
    async drop() {
      await dataSource.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await dataSource.destroy();
    },
  };
}

/** Polls until `check` returns a value other than undefined/false, or fails with what it last saw. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 30000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

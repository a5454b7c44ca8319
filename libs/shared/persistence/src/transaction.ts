import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** A database transaction as seen by repositories, the outbox and the inbox: they all share it. */
export interface Tx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionRunner {
  run<T>(work: (tx: Tx) => Promise<T>, isolation?: IsolationLevel): Promise<T>;
  /** A statement outside any explicit transaction (reads, DDL, health checks). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

// Every statement is prepared once per connection under a name derived from its text: PostgreSQL then
// parses and plans the hot paths' few statements once instead of on every execution.
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[]): QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** A transaction on one pooled pg connection: statements go straight to the driver. */
class PgTx implements Tx {
  constructor(private readonly client: PoolClient) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    const result = await this.client.query(prepared(sql, params));
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  }
}

/**
 * Transactions on the data source's own pg pool (so its search_path and limits apply), without
 * TypeORM's query runner: BEGIN carries the isolation level, so a transaction costs two round trips
 * more than its statements and no more (the hot paths are a few statements long).
 */
export class TypeOrmTransactionRunner implements TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    const client = await this.pool().connect();
    let broken: Error | undefined;
    try {
      await client.query(isolation === 'READ COMMITTED' ? 'BEGIN' : `BEGIN ISOLATION LEVEL ${isolation}`);
      try {
        const result = await work(new PgTx(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      }
    } finally {
      client.release(broken); // a connection that failed to roll back is discarded, not reused
    }
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    const result = await this.pool().query(prepared(sql, params));
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  }

  private pool(): Pool {
    // TypeORM's Postgres driver keeps its pg Pool as `master`.
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}

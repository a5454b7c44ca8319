import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** A database transaction as seen by repositories, the outbox and the inbox: they all share it. */
export interface Tx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  readonly manager: EntityManager;
}

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionRunner {
  run<T>(work: (tx: Tx) => Promise<T>, isolation?: IsolationLevel): Promise<T>;
  /** A statement outside any explicit transaction (reads, DDL, health checks). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

class QueryRunnerTx implements Tx {
  constructor(private readonly runner: QueryRunner) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    const result = await this.runner.query(sql, params, true);
    return { rows: (result.records ?? []) as T[], rowCount: result.affected ?? 0 };
  }
}

export class TypeOrmTransactionRunner implements TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction(isolation);
      try {
        const result = await work(new QueryRunnerTx(runner));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await new QueryRunnerTx(runner).query<T>(sql, params);
    } finally {
      await runner.release();
    }
  }
}

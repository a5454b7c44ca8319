import { randomBytes } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource, migrate, quoteIdent } from './database';

/** A migration that takes longer than any request may: a backfill. */
class SlowBackfill1764000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT pg_sleep(0.6)');
    await q.query('CREATE TABLE backfilled (id int)');
  }
  async down(): Promise<void> {}
}

describe('the statement timeout of a service data source', () => {
  const schema = `t_persistence_timeout_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createServiceDataSource({
      url: process.env['DATABASE_URL']!, // set by the global setup
      schema,
      migrations: [SlowBackfill1764000000000],
      poolSize: 2,
      statementTimeoutMs: 300,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.query(`SET statement_timeout = 0; DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await dataSource.destroy();
  });

  it('lets a migration run past it, then cancels a statement past it on every pooled connection', async () => {
    expect(await migrate(dataSource, schema)).toEqual(['SlowBackfill1764000000000']);
    expect(await dataSource.query(`SELECT to_regclass('backfilled') IS NOT NULL AS made`)).toEqual([
      { made: true },
    ]);

    // Two at once take both connections of the pool, the one the migrations ran on included.
    const slow = () =>
      dataSource.query('SELECT pg_sleep(0.6)').then(
        () => 'finished',
        (error: { code?: string }) => error.code,
      );
    expect(await Promise.all([slow(), slow()])).toEqual(['57014', '57014']);
    expect(await dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '300ms' }]);
  });
});

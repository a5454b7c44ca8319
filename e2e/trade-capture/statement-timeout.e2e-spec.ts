import { quoteIdent } from '@tradeflow/shared/persistence';
import { randomName, startService, testInfra, type StartedService } from '@tradeflow/shared/testing';
import { Client } from 'pg';
import { APPLE_BUY, bearer } from './trade-capture.fixtures';

// A table held by a lock (maintenance, a transaction left open) must not hold a trader's request for
// as long as the lock lasts: the service's statement timeout cancels the wait, the trader is told to
// retry, nothing is written, and the same request retried later books the trade once.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);

describe('a statement past the database statement timeout', () => {
  const schema = `t_trade_capture_timeout_${randomName(6)}`;
  let service: StartedService;
  let db: Client;
  const table = (name: string) => `${quoteIdent(schema)}.${name}`;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);
  const post = (key: string) =>
    fetch(`${service.url}/api/trades`, {
      method: 'POST',
      headers: { authorization: alice, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ ...APPLE_BUY, externalRef: key }),
    });

  beforeAll(async () => {
    service = await startService('trade-capture', {
      DATABASE_SCHEMA: schema,
      DATABASE_STATEMENT_TIMEOUT_MS: '1000',
    });
    db = new Client({ connectionString: testInfra().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await service?.process.stop();
    await db?.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await db?.end();
  });

  it('answers a capture and a read waiting on a locked table 503 with Retry-After, writes nothing, and books once on retry', async () => {
    const key = `locked-${randomName(8)}`;
    const locker = new Client({ connectionString: testInfra().databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${table('trade')} IN ACCESS EXCLUSIVE MODE`);

      const refused = await post(key);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toMatchObject({
        status: 503,
        detail: 'the database is out of reach, overloaded or did not answer in time; retry shortly',
      });
      const list = await fetch(`${service.url}/api/trades`, { headers: { authorization: alice } });
      expect(list.status).toBe(503);
      expect(list.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }

    // The cancelled statement took its key claim, trade and first version with it.
    const written = async () => [
      await count(`SELECT count(*) AS n FROM ${table('idempotency_key')} WHERE key = $1`, [key]),
      await count(`SELECT count(*) AS n FROM ${table('trade')} WHERE external_ref = $1`, [key]),
      await count(
        `SELECT count(*) AS n FROM ${table('trade_version')} JOIN ${table('trade')} USING (trade_id)
         WHERE external_ref = $1`,
        [key],
      ),
    ];
    expect(await written()).toEqual([0, 0, 0]);

    const retried = await post(key);
    expect(retried.status).toBe(201);
    expect(await retried.json()).toMatchObject({ status: 'CAPTURED', externalRef: key, version: 1 });
    expect(await written()).toEqual([1, 1, 1]);
  });
});

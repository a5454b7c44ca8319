import { createServiceDataSource } from '@tradeflow/shared/persistence';
import { randomName, startService, testInfra, waitFor, type StartedService } from '@tradeflow/shared/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer } from './trade-capture.fixtures';

// Bounded tables on a running trade-capture: its pruner deletes idempotency keys unused for a day and
// inbox rows older than the inbox retention, in the background, keeps the rest, and reports in /metrics.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);

describe('retention of idempotency keys and inbox rows', () => {
  let service: StartedService;
  let db: DataSource;

  const post = (key: string) =>
    fetch(`${service.url}/api/trades`, {
      method: 'POST',
      headers: { authorization: alice, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(APPLE_BUY),
    });
  const keys = async () =>
    (await db.query<{ key: string }[]>(`SELECT key FROM idempotency_key ORDER BY key`)).map((r) => r.key);
  // The service reads the shared broker's topics from the start: its inbox holds their events too.
  const planted: string[] = [];
  const inbox = async () =>
    (
      await db.query<{ topic: string }[]>(
        `SELECT topic FROM inbox WHERE event_id = ANY($1::uuid[]) ORDER BY topic`,
        [planted],
      )
    ).map((r) => r.topic);
  const metric = async (line: RegExp) => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    return text.split('\n').find((l) => line.test(l));
  };

  beforeAll(async () => {
    service = await startService('trade-capture', { PRUNE_INTERVAL_MS: '1000' });
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
    await db.initialize();
  });

  afterAll(async () => {
    await service.process.stop();
    await db.destroy();
  });

  it('marks a key used when a retry replays its answer', async () => {
    const key = `replayed-${randomName(6)}`;
    expect((await post(key)).status).toBe(201);
    await db.query(`UPDATE idempotency_key SET last_used_at = now() - interval '2 hours' WHERE key = $1`, [
      key,
    ]);
    const retry = await post(key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const [{ age }] = await db.query<{ age: number }[]>(
      `SELECT extract(epoch FROM now() - last_used_at)::float AS age FROM idempotency_key WHERE key = $1`,
      [key],
    );
    expect(age).toBeLessThan(60);
  });

  it('prunes what is past its retention in the background, keeps the rest, and counts it in /metrics', async () => {
    await db.query(`DELETE FROM idempotency_key`);
    expect((await post('booked-now')).status).toBe(201);
    await db.query(
      `INSERT INTO idempotency_key (principal, key, request_hash, created_at, last_used_at)
       VALUES ('alice', 'unused-for-25-hours', 'h', now() - interval '3 days', now() - interval '25 hours'),
              ('alice', 'used-23-hours-ago', 'h', now() - interval '3 days', now() - interval '23 hours')`,
    );
    const applied = (topic: string, daysAgo: number) =>
      db.query(
        `INSERT INTO inbox (consumer, event_id, topic, partition, "offset", applied_at)
         VALUES ('trade-capture', $1, $2, 0, 1, now() - make_interval(days => $3))`,
        [planted[planted.push(randomUUID()) - 1], topic, daysAgo],
      );
    // 15 days by default: a day more than Kafka may redeliver an event of a 7-day topic.
    await applied('mo.trade.approved.v1', 16);
    await applied('bo.trade.cleared.v1', 14);
    // A compacted topic's record may come again for as long as it is its key's latest: kept.
    await applied('ref.book.upserted.v1', 400);

    await waitFor(async () => (await keys()).length === 2 && (await inbox()).length === 2, {
      what: 'the pruner to delete the stale key and inbox row',
      timeoutMs: 15000,
    });
    expect(await keys()).toEqual(['booked-now', 'used-23-hours-ago']);
    expect(await inbox()).toEqual(['bo.trade.cleared.v1', 'ref.book.upserted.v1']);
    expect(await metric(/^tradeflow_rows_pruned_total\{table="idempotency_key"\}/)).toBe(
      'tradeflow_rows_pruned_total{table="idempotency_key"} 1',
    );
    expect(await metric(/^tradeflow_rows_pruned_total\{table="inbox"\}/)).toBe(
      'tradeflow_rows_pruned_total{table="inbox"} 1',
    );
    const lastRun = await metric(/^tradeflow_prune_last_run_timestamp_seconds\{table="inbox"\}/);
    expect(Number(lastRun!.split(' ')[1]) * 1000).toBeGreaterThan(Date.now() - 60000);
  });
});

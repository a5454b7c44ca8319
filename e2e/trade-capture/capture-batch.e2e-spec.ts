import { createServiceDataSource } from '@tradeflow/shared/persistence';
import {
  KafkaTestClient,
  randomName,
  startService,
  testInfra,
  type StartedService,
} from '@tradeflow/shared/testing';
import type { DataSource } from 'typeorm';
import { APPLE_BUY, bearer } from './trade-capture.fixtures';
import { openStream } from './trade-stream.fixtures';

// Captures that arrive together share a transaction (group commit). Each must still be answered on
// its own, booked once, published once, and survive a kill -9 of the service in the middle of a burst.
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);

interface Trade {
  tradeId: string;
  quantity: string;
  externalRef?: string;
}

describe('captures sharing transactions', () => {
  let db: DataSource;
  let kafka: KafkaTestClient;
  const schema = `t_trade_capture_batch_${randomName(6)}`;
  // Restarted on the same schema: the same service, as after a crash. A fresh consumer group each time,
  // so a restart need not wait out the killed member's Kafka session (this test is about captures).
  const start = () =>
    startService('trade-capture', {
      DATABASE_SCHEMA: schema,
      KAFKA_CONSUMER_GROUP: `trade-capture-${randomName(6)}`,
    });

  const post = (service: StartedService, body: unknown, key: string) =>
    fetch(`${service.url}/api/trades`, {
      method: 'POST',
      headers: { authorization: alice, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
  /** A distinct trade per key: its quantity and reference say which request it was. */
  const bodyFor = (i: number) => ({ ...APPLE_BUY, quantity: String(1000 + i), externalRef: `burst-${i}` });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }[]>(sql, params))[0]!.n);
  const batches = async (service: StartedService) => {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    return Number(/^tradeflow_capture_batch_size_count (\d+)/m.exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema });
    kafka = await new KafkaTestClient().connect();
  });

  afterAll(async () => {
    if (db.isInitialized) await db.destroy();
    await kafka.close();
  });

  it('answers 200 captures sent together each with its own trade, in fewer transactions, one event each', async () => {
    const service = await start();
    try {
      await db.initialize();
      const mark = await kafka.mark('fo.trade.captured.v1');
      const transactionsBefore = await batches(service);
      const stream = await openStream(service.url, alice);
      const keys = Array.from({ length: 200 }, (_, i) => `together-${randomName(8)}-${i}`);
      // One key of the burst was used before with another request: only that one is refused.
      expect((await post(service, bodyFor(999), keys[7]!)).status).toBe(201);
      const responses = await Promise.all(keys.map((key, i) => post(service, bodyFor(i), key)));

      expect(responses.map((r) => r.status)).toEqual(keys.map((_, i) => (i === 7 ? 409 : 201)));
      const booked = await Promise.all(responses.map((r) => r.json() as Promise<Trade>));
      const answered = booked.filter((_, i) => i !== 7);
      answered.forEach((trade, j) => {
        const i = j < 7 ? j : j + 1;
        expect(trade).toMatchObject({ quantity: String(1000 + i), externalRef: `burst-${i}` });
      });
      const ids = answered.map((t) => t.tradeId);
      expect(new Set(ids).size).toBe(199);
      expect(await count('SELECT count(*) AS n FROM trade WHERE external_ref LIKE $1', ['burst-%'])).toBe(
        200,
      ); // 199 of the burst and the earlier use of key 7
      // Group commit at work: 200 requests at once did not take 200 transactions.
      expect((await batches(service)) - transactionsBefore).toBeLessThan(150);

      let events: string[] = [];
      for (let i = 0; i < 100 && events.length < 200; i++) {
        events = (await kafka.readAll('fo.trade.captured.v1', mark)).map((m) => m.key!);
        if (events.length < 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(events).toHaveLength(200);
      expect(new Set(events).size).toBe(200);
      expect(events).toEqual(expect.arrayContaining(ids));

      // The live stream told of every booking once, though the writes committed side by side.
      const streamed = await stream.until((seen) =>
        ids.every((id) => seen.some((e) => e.data['tradeId'] === id)),
      );
      stream.close();
      const captured = streamed.filter((e) => e.data['status'] === 'CAPTURED').map((e) => e.data['tradeId']);
      expect(captured).toHaveLength(200);
      expect(new Set(captured).size).toBe(200);
    } finally {
      await service.process.stop();
    }
  });

  it('loses no answered trade and books none twice when killed with -9 in the middle of a burst', async () => {
    const doomed = await start();
    const mark = await kafka.mark('fo.trade.captured.v1');
    const before = await count('SELECT count(*) AS n FROM trade');
    const keys = Array.from({ length: 300 }, (_, i) => `crash-${randomName(8)}-${i}`);
    const answers = new Map<string, string>();
    let killed = false;
    const inFlight = keys.map(async (key, i) => {
      try {
        const response = await post(doomed, bodyFor(i), key);
        if (response.status !== 201) throw new Error(`unexpected ${response.status} before the kill`);
        answers.set(key, ((await response.json()) as Trade).tradeId);
        // Kill while most of the burst is still being written.
        if (answers.size === 40 && !killed) {
          killed = true;
          doomed.process.child.kill('SIGKILL');
        }
      } catch (error) {
        if (!killed) throw error; // only the kill may cut a request off
      }
    });
    await Promise.all(inFlight);
    expect((await doomed.process.exited).signal).toBe('SIGKILL');
    expect(answers.size).toBeGreaterThanOrEqual(40);
    expect(answers.size).toBeLessThan(300);

    // Every trade answered 201 is stored, under the id it was answered with.
    const answeredIds = [...answers.values()];
    expect(await count('SELECT count(*) AS n FROM trade WHERE trade_id = ANY($1)', [answeredIds])).toBe(
      answeredIds.length,
    );

    // The client retries every request with its key after the restart: each is booked exactly once.
    const survivor = await start();
    try {
      const retried = await Promise.all(keys.map((key, i) => post(survivor, bodyFor(i), key)));
      expect(retried.map((r) => r.status)).toEqual(keys.map(() => 201));
      const retriedIds = await Promise.all(retried.map(async (r) => ((await r.json()) as Trade).tradeId));
      keys.forEach((key, i) => {
        if (answers.has(key)) {
          expect(retriedIds[i]).toBe(answers.get(key));
          expect(retried[i]!.headers.get('idempotent-replayed')).toBe('true');
        }
      });
      expect(new Set(retriedIds).size).toBe(300);
      expect(await count('SELECT count(*) AS n FROM trade')).toBe(before + 300);

      // And each is published: the outbox left by the killed process drains after the restart.
      let published = new Set<string>();
      for (let i = 0; i < 100 && published.size < 300; i++) {
        published = new Set((await kafka.readAll('fo.trade.captured.v1', mark)).map((m) => m.key!));
        if (published.size < 300) await new Promise((r) => setTimeout(r, 100));
      }
      expect([...published].sort()).toEqual([...retriedIds].sort());
    } finally {
      await survivor.process.stop();
    }
  });
});

import { createEnvelope, EventValidator, TOPICS, TopicRegistry } from '@tradeflow/shared/contracts';
import { Outbox } from '@tradeflow/shared/messaging';
import { createServiceDataSource, TypeOrmTransactionRunner } from '@tradeflow/shared/persistence';
import {
  KafkaTestClient,
  PrivateBroker,
  startService,
  testInfra,
  waitFor,
  type StartedService,
} from '@tradeflow/shared/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

// A broker that goes away: readiness fails, nothing written to the outbox is lost, and it all resumes.
describe('broker outage', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'tradeflow-broker-'));
  let broker: PrivateBroker;
  let service: StartedService;
  let db: DataSource;

  const readiness = async () => {
    const response = await fetch(`${service.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
  };

  beforeAll(async () => {
    broker = await PrivateBroker.create(runDir);
    await broker.up();
    service = await startService('ledger', { KAFKA_BROKERS: broker.brokers });
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
    await db.initialize();
  });

  afterAll(async () => {
    await service?.process.stop();
    await db?.destroy();
    await broker?.down();
    rmSync(runDir, { recursive: true, force: true });
  });

  it('fails readiness while the broker is down, keeps outbox events, and publishes them when it returns', async () => {
    expect((await readiness()).status).toBe(200);

    await broker.down();
    const down = await waitFor(
      async () => {
        const r = await readiness();
        return r.status === 503 ? r : undefined;
      },
      { what: 'readiness to fail' },
    );
    expect(down.body.checks['database']).toBe('up');
    expect(down.body.checks['broker']).toMatch(/^down: /);

    // A state change commits while the broker is away: its event waits in the outbox.
    const topic = TOPICS.ledgerPosted;
    const envelope = createEnvelope({
      topic,
      producer: 'ledger',
      key: 'firm:EQ-US-FLOW:cash:USD',
      actor: { id: 'ledger', role: 'service' },
      occurredAt: new Date('2026-11-20T16:00:00.000Z'),
      payload: { account: 'firm:EQ-US-FLOW:cash:USD' },
    });
    await new TypeOrmTransactionRunner(db).run((tx) =>
      new Outbox(new EventValidator(new TopicRegistry())).append(tx, [{ topic, envelope }]),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = await db.query<{ n: string }[]>('SELECT count(*) AS n FROM outbox');
    expect(waiting[0]!.n).toBe('1');

    await broker.up();
    await waitFor(async () => (await readiness()).status === 200, {
      timeoutMs: 60000,
      what: 'readiness to recover',
    });
    await waitFor(
      async () => (await db.query<{ n: string }[]>('SELECT count(*) AS n FROM outbox'))[0]!.n === '0',
      {
        timeoutMs: 60000,
        what: 'the outbox to drain',
      },
    );
    const kafka = await new KafkaTestClient([broker.brokers]).connect();
    const published = await kafka.readAll(topic.name);
    await kafka.close();
    expect(published.map((m) => JSON.parse(m.value!).eventId)).toEqual([envelope.eventId]);
  });
});

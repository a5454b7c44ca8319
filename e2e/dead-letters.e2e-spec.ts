import { defineTopic } from '@tradeflow/shared/contracts';
import { ensureTopics } from '@tradeflow/shared/messaging';
import { createServiceDataSource } from '@tradeflow/shared/persistence';
import {
  counterPayloadSchema,
  KafkaTestClient,
  randomName,
  startService,
  testInfra,
  waitFor,
  type StartedService,
} from '@tradeflow/shared/testing';
import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { bearer } from './trade-capture/trade-capture.fixtures';

// The dead-letter API every service has, on a real trade-capture: an outbox record for a topic the
// broker does not have is parked (with its key's later record), listed, and published in order once the
// topic exists and an operator replays it.
const olga = bearer('olga', 'ops');
const audrey = bearer('audrey', 'auditor');
const alice = bearer('alice', 'trader', ['EQ-US-FLOW']);

interface DeadLetter {
  id: string;
  source: string;
  topic: string;
  key: string | null;
  eventId: string | null;
  eventType: string | null;
  reason: string;
  parkedAt: string;
  attempts: number;
}
interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe('the dead-letter API', () => {
  let service: StartedService;
  let db: DataSource;
  let kafka: KafkaTestClient;
  let admin: Admin;
  // A topic trade-capture's relay will be asked to publish to, which the broker does not have yet.
  const missing = defineTopic(
    `test.parked-${randomName(6)}.happened.v1`,
    'test',
    'account',
    counterPayloadSchema,
    {
      partitions: 1,
    },
  );
  const events = ['1', '2'].map((n) => ({ eventId: randomUUID(), value: JSON.stringify({ n }) }));

  const get = (path: string, auth = olga) =>
    fetch(`${service.url}${path}`, { headers: { authorization: auth } });
  const replay = (id: string, headers: Record<string, string> = {}, auth = olga) =>
    fetch(`${service.url}/api/dead-letters/${id}/replay`, {
      method: 'POST',
      headers: { authorization: auth, ...headers },
    });
  const list = async (query = '') => {
    const response = await get(`/api/dead-letters${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { items: DeadLetter[]; nextCursor: string | null };
  };
  const problem = async (response: Response, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as Problem;
  };

  beforeAll(async () => {
    kafka = await new KafkaTestClient().connect();
    admin = kafka.kafka.admin();
    await admin.connect();
    service = await startService('trade-capture');
    db = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
    await db.initialize();
    // Two records of one key, written as any change writes them: the relay wakes on the commit.
    await db.query(
      `INSERT INTO outbox (event_id, event_type, event_version, topic, message_key, value)
       VALUES ($1, 'parked.happened', 1, $3, 'K', $2), ($4, 'parked.happened', 1, $3, 'K', $5)`,
      [events[0]!.eventId, events[0]!.value, missing.name, events[1]!.eventId, events[1]!.value],
    );
  });

  afterAll(async () => {
    await service?.process.stop();
    await db?.destroy();
    await kafka.deleteTopics([missing]);
    await admin.disconnect();
    await kafka.close();
  });

  it('lists the parked records to ops and auditors, oldest first, paged, and counts them in /metrics', async () => {
    const page = await waitFor(
      async () => {
        const found = await list();
        return found.items.length === 2 ? found : undefined;
      },
      { what: 'the two records to be parked' },
    );
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual(
      events.map((e) => ({
        id: expect.stringMatching(/^[1-9]\d*$/),
        source: 'outbox',
        topic: missing.name,
        key: 'K',
        eventId: e.eventId,
        eventType: 'parked.happened',
        reason: expect.stringMatching(new RegExp(`^topic ${missing.name}: UNKNOWN_TOPIC_OR_PARTITION: `)),
        parkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        attempts: 2,
        consumer: null,
        partition: null,
        offset: null,
        dlqPublished: false,
      })),
    );
    expect(Number(page.items[0]!.id)).toBeLessThan(Number(page.items[1]!.id));

    const first = await list('?limit=1');
    expect(first.items.map((i) => i.id)).toEqual([page.items[0]!.id]);
    const second = await list(`?limit=1&cursor=${first.nextCursor!}`);
    expect(second).toEqual({ items: [page.items[1]], nextCursor: null });
    expect((await get('/api/dead-letters', audrey)).status).toBe(200);

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain(`tradeflow_outbox_parked{topic="${missing.name}"} 2`);
    expect(metrics).toContain(`tradeflow_outbox_parkings_total{topic="${missing.name}"} 2`);
  });

  it('refuses other roles, unknown parameters, bad cursors, bad ids and unknown ids with problems', async () => {
    expect((await get('/api/dead-letters', alice)).status).toBe(403);
    expect((await fetch(`${service.url}/api/dead-letters`)).status).toBe(401);
    expect((await replay('1', {}, audrey)).status).toBe(403);
    expect((await problem(await get('/api/dead-letters?cursor=azoA'), 400)).errors).toEqual([
      { field: 'cursor', message: 'is not a cursor from a previous page of this list' },
    ]);
    expect((await problem(await get('/api/dead-letters?topic=x&limit=0'), 400)).errors).toEqual([
      { field: 'topic', message: 'is not a known parameter' },
      { field: 'limit', message: 'must be a whole number from 1 to 1000' },
    ]);
    expect((await problem(await replay('abc'), 400)).errors).toEqual([
      { field: 'id', message: 'must be a dead letter id (a positive whole number)' },
    ]);
    expect((await problem(await replay('7', { 'idempotency-key': 'has space' }), 400)).errors).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 128 visible ASCII characters' },
    ]);
    expect((await problem(await replay('999999999'), 404)).detail).toBe(
      'there is no dead letter 999999999 (replayed already?)',
    );
  });

  it('replays the parked key once the topic exists: both records are published in order, the replay is kept and answered again for its key', async () => {
    const [head] = (await list()).items;
    await ensureTopics(admin, [missing]);

    const response = await replay(head!.id, { 'idempotency-key': 'replay-parked-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      deadLetterId: head!.id,
      source: 'outbox',
      topic: missing.name,
      key: 'K',
      eventId: events[0]!.eventId,
      records: 2,
      outcome: 'released',
      replayedBy: 'olga',
      replayedByRole: 'ops',
      replayedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });

    const published = await waitFor(
      async () => {
        const all = await kafka.readAll(missing.name);
        return all.length === 2 ? all : undefined;
      },
      { what: 'the replayed records to be published' },
    );
    expect(published.map((m) => [m.key, m.value, m.headers['event-id']])).toEqual(
      events.map((e) => ['K', e.value, e.eventId]),
    );
    expect((await list()).items).toEqual([]);

    const again = await replay(head!.id, { 'idempotency-key': 'replay-parked-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    expect(
      (await problem(await replay('999999999', { 'idempotency-key': 'replay-parked-1' }), 409)).errors,
    ).toEqual([{ field: 'Idempotency-Key', message: 'was used with another request' }]);
    expect((await problem(await replay(head!.id), 404)).detail).toMatch(/replayed already/);
    const kept = await db.query<{ replayed_by: string; replayed_by_role: string; records: number }[]>(
      'SELECT replayed_by, replayed_by_role, records FROM dead_letter_replay WHERE dead_letter_id = $1',
      [head!.id],
    );
    expect(kept).toEqual([{ replayed_by: 'olga', replayed_by_role: 'ops', records: 2 }]);
  });
});

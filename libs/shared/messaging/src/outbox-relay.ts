import { Client } from 'pg';
import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';
import { backoffDelay, sleep } from './backoff';
import { messagingMetrics } from './messaging.metrics';

export interface OutboxRelayOptions {
  kafka: Kafka;
  databaseUrl: string;
  schema: string;
  /** Rows published per Kafka request. */
  batchSize?: number;
  /** Poll interval when no NOTIFY arrives (a safety net; NOTIFY wakes the relay on commit). */
  idlePollMs?: number;
  log?: (message: string) => void;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Publishes the outbox to Kafka in id order, then deletes what the broker acknowledged. One relay per
 * schema is active at a time (a session advisory lock on its own connection), so per-key order holds
 * across instances; a crash between publish and delete republishes, and consumers' inboxes absorb that.
 */
export class OutboxRelay {
  private client: Client | undefined;
  private producer: Producer | undefined;
  private running = false;
  private leader = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly stopSignal = new AbortController();
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly log: (message: string) => void;
  private lastError: string | undefined;
  published = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 2000;
    this.idlePollMs = options.idlePollMs ?? 1000;
    this.log = options.log ?? (() => undefined);
  }

  get isLeader(): boolean {
    return this.leader;
  }

  get error(): string | undefined {
    return this.lastError;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the relay now (in-process writers can call this right after their commit). */
  kick(): void {
    this.wake?.();
  }

  /** Publishes everything already in the outbox, then returns (used on shutdown and by tests). */
  async flush(timeoutMs = 10000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const remaining = await this.backlog().catch(() => -1);
      if (remaining === 0) return 0;
      this.kick();
      await sleep(20);
    }
    return this.backlog().catch(() => -1);
  }

  async backlog(): Promise<number> {
    const client = await this.connectOnce();
    try {
      const result = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM outbox');
      return Number(result.rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopSignal.abort();
    this.kick();
    await this.loop;
    await this.teardown();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.ensureConnected();
        if (!this.leader) {
          await sleep(2000, this.stopSignal.signal);
          continue;
        }
        const sent = await this.publishBatch();
        failures = 0;
        this.lastError = undefined;
        if (sent < this.batchSize) await this.waitForWork();
      } catch (error) {
        failures += 1;
        this.lastError = (error as Error).message;
        this.log(`outbox relay: ${this.lastError}; retrying`);
        await this.teardown();
        await sleep(backoffDelay(failures, 200, 5000), this.stopSignal.signal);
      }
    }
  }

  private async publishBatch(): Promise<number> {
    const client = this.client!;
    const { rows } = await client.query<OutboxRow>(
      // ORDER BY o.id, not the text alias `id`: text order would put event 10 before event 2.
      'SELECT o.id::text AS id, o.topic, o.message_key, o.value, o.headers FROM outbox o ORDER BY o.id LIMIT $1',
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.message_key, value: row.value, headers: row.headers });
      byTopic.set(row.topic, messages);
    }
    await this.producer!.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    await client.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
    this.published += rows.length;
    messagingMetrics.outboxPublished.inc(rows.length);
    return rows.length;
  }

  private waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.idlePollMs);
      const wake = () => done();
      this.wake = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private async ensureConnected(): Promise<void> {
    if (!this.client) {
      const client = await this.connectOnce();
      client.on('error', (error) => {
        this.lastError = error.message;
        this.leader = false;
      });
      client.on('notification', () => this.kick());
      this.client = client;
      await client.query(`LISTEN "outbox_${this.options.schema}"`);
    }
    if (!this.leader) {
      const result = await this.client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
        [`outbox-relay:${this.options.schema}`],
      );
      this.leader = result.rows[0]?.ok === true;
      if (this.leader) this.log(`outbox relay: leading for schema ${this.options.schema}`);
    }
    if (!this.producer) {
      // Idempotent producer with one request in flight: retries never duplicate or reorder a partition.
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producer = producer;
    }
  }

  private async connectOnce(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      options: `-c search_path=${this.options.schema}`,
      application_name: `outbox-relay:${this.options.schema}`,
      connectionTimeoutMillis: 5000,
    });
    await client.connect();
    return client;
  }

  private async teardown(): Promise<void> {
    this.leader = false;
    const client = this.client;
    const producer = this.producer;
    this.client = undefined;
    this.producer = undefined;
    await client?.end().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }
}

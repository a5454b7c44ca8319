import { ENVELOPE_HEADERS } from '@tradeflow/shared/contracts';
import { Client } from 'pg';
import type { Kafka } from 'kafkajs';
import {
  KafkajsPublisher,
  type OutgoingRecord,
  type PublisherFactory,
  type RecordPublisher,
} from './record-publisher';
import { backoffDelay, sleep } from './backoff';
import { messagingMetrics } from './messaging.metrics';
import { anyParked, parkedByTopic, parkFollowers, parkRecords } from './outbox-parking';
import { classifyPublishFailure, type PermanentPublishFailure } from './publish-failure';

export interface OutboxRelayOptions {
  kafka: Kafka;
  /** The client that publishes; kafkajs (through `kafka`) unless given. */
  publisher?: PublisherFactory;
  databaseUrl: string;
  schema: string;
  /** Rows published per Kafka request. */
  batchSize?: number;
  /**
   * The least time between two publishing passes. Each pass is a Kafka request and two statements
   * whatever its size, so under a steady stream of small commits a few milliseconds here cut the
   * broker's and the database's work several times over, at that cost in event latency. 0: publish
   * as soon as each commit is heard of.
   */
  lingerMs?: number;
  /** Poll interval when no NOTIFY arrives (a safety net; NOTIFY wakes the relay on commit). */
  idlePollMs?: number;
  /**
   * The longest a leader that has gone silent (host lost, network cut without a close) keeps the others
   * from publishing: PostgreSQL ends a relay session that sends nothing for this long, which frees its
   * lock, and a relay gives up on a statement unanswered for this long. A live relay pings at a third of it.
   */
  takeoverMs?: number;
  /**
   * How long the broker must go on not knowing a topic before its records are parked (10 s): a broker
   * restarting, or a topic just created, may not know it for a moment.
   */
  unknownTopicGraceMs?: number;
  log?: (message: string) => void;
}

interface OutboxRow {
  id: string;
  event_id: string;
  event_type: string;
  event_version: number;
  topic: string;
  message_key: string;
  value: string;
}

/** A publish the broker refused; the relay keeps its database session and leadership, and retries. */
class PublishError extends Error {
  constructor(readonly error: unknown) {
    super((error as Error).message);
  }
}

/**
 * Publishes the outbox to Kafka in id order, then deletes what the broker acknowledged. One relay per
 * schema is active at a time (a session advisory lock on its own connection), so per-key order holds
 * across instances; a crash between publish and delete republishes, and consumers' inboxes absorb that.
 * A record refused for good (its topic gone, an ACL, too large) is parked in `dead_letter` with every
 * later record of its topic and key, and the others go on (outbox-parking.ts).
 */
export class OutboxRelay {
  private client: Client | undefined;
  private producer: RecordPublisher | undefined;
  private running = false;
  private leader = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A NOTIFY that arrived while publishing: look again before sleeping. */
  private kicked = false;
  private readonly stopSignal = new AbortController();
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly lingerMs: number;
  private readonly takeoverMs: number;
  private readonly unknownTopicGraceMs: number;
  /** Topics the broker did not know, since when: parked once it has lasted unknownTopicGraceMs. */
  private readonly unknownSince = new Map<string, number>();
  private readonly log: (message: string) => void;
  private lastError: string | undefined;
  /** Some record is parked: records written since for its topic and key must be parked too. */
  private parked = false;
  published = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 2000;
    this.idlePollMs = options.idlePollMs ?? 1000;
    this.lingerMs = options.lingerMs ?? 0;
    this.takeoverMs = options.takeoverMs ?? 15000;
    this.unknownTopicGraceMs = options.unknownTopicGraceMs ?? 10000;
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
    this.kicked = true;
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
    return this.query(async (client) =>
      Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM outbox')).rows[0]?.n ?? 0),
    );
  }

  /** Parked records per topic (the `tradeflow_outbox_parked` gauge). */
  async parkedByTopic(): Promise<Map<string, number>> {
    return this.query(parkedByTopic);
  }

  /**
   * Runs `read` on the relay's own connection when it has one (pg queues it behind the loop's), or on a
   * short-lived one otherwise, e.g. on an instance that is not the leader.
   */
  private async query<T>(read: (client: Client) => Promise<T>): Promise<T> {
    if (this.client) return read(this.client);
    const client = await this.connectOnce();
    try {
      return await read(client);
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
    let passStarted = 0;
    while (this.running) {
      try {
        await this.ensureConnected();
        if (!this.leader) {
          await sleep(Math.min(2000, this.takeoverMs / 3), this.stopSignal.signal);
          continue;
        }
        const lingered = passStarted + this.lingerMs - performance.now();
        if (lingered > 0) await sleep(lingered, this.stopSignal.signal);
        passStarted = performance.now();
        await this.publishBatch();
        failures = 0;
        this.lastError = undefined;
        await this.waitForWork();
      } catch (error) {
        failures += 1;
        this.lastError = (error as Error).message;
        this.log(`outbox relay: ${this.lastError}; retrying`);
        if (error instanceof PublishError) {
          // The broker, not the database: a fresh producer, the same session (woken before it idles out).
          await this.closeProducer();
          await sleep(
            backoffDelay(failures, 200, Math.min(5000, this.takeoverMs / 3)),
            this.stopSignal.signal,
          );
        } else {
          await this.teardown();
          await sleep(backoffDelay(failures, 200, 5000), this.stopSignal.signal);
        }
      }
    }
  }

  /**
   * Publishes until the outbox is drained, deleting by id only what the broker acknowledged. Every
   * read starts again from the lowest id left: a row that committed late, with a lower id than rows
   * already read, goes out before anything newer. Reading on from the last id read (or ahead of it
   * while a batch is in flight) would let a key's newer event overtake it. Returns how many were
   * published.
   */
  private async publishBatch(): Promise<number> {
    let total = 0;
    while (this.running) {
      if (this.parked) await this.parkFollowers();
      const rows = await this.select();
      if (rows.length === 0) break;
      const refused = await this.trySend(rows);
      total += refused ? await this.isolate(rows, refused) : rows.length;
      if (rows.length < this.batchSize) break;
    }
    return total;
  }

  /**
   * A batch refused for good: the records at fault are found and parked, the others published. Each
   * topic's records are sent on their own (a topic refused is parked whole); in a topic refused for one
   * record's sake, record by record in id order. Parking takes every later record of the topic and key
   * with it, so a key's order holds. The refused batch may have been written in part (Kafka answers per
   * partition): sending those records again repeats them in their order, and the inboxes absorb that.
   * Returns how many were published.
   */
  private async isolate(rows: OutboxRow[], refused: PermanentPublishFailure): Promise<number> {
    this.log(
      `outbox relay: a batch of ${rows.length} refused (${refused.reason}); finding the records at fault`,
    );
    let published = 0;
    let unknownYet: string | undefined;
    for (const group of byTopic(rows)) {
      const topic = group[0]!.topic;
      const failure = await this.trySend(group);
      if (!failure) {
        published += group.length;
      } else if (failure.scope === 'topic') {
        if (failure.unknownTopic && !this.unknownLongEnough(topic)) {
          unknownYet = `topic ${topic} unknown to the broker (${failure.reason}); parked if it lasts`;
          continue;
        }
        this.unknownSince.delete(topic);
        await this.park(group, `topic ${topic}: ${failure.reason}`, 2);
      } else {
        const parkedKeys = new Set<string>();
        for (const row of group) {
          if (parkedKeys.has(row.message_key)) continue; // parked with the record it follows
          const single = await this.trySend([row]);
          if (!single) {
            published += 1;
            continue;
          }
          await this.park([row], single.reason, 3);
          parkedKeys.add(row.message_key);
        }
      }
    }
    // The others went; this topic's records stay in the outbox, retried after a backoff.
    if (unknownYet) throw new PublishError(new Error(unknownYet));
    return published;
  }

  private unknownLongEnough(topic: string): boolean {
    const since = this.unknownSince.get(topic);
    if (since === undefined) this.unknownSince.set(topic, Date.now());
    return Date.now() - (since ?? Date.now()) >= this.unknownTopicGraceMs;
  }

  /**
   * Sends the rows and deletes them once acknowledged. A permanent refusal is returned (nothing deleted);
   * a transient failure is thrown, and the relay retries from the lowest id.
   */
  private async trySend(rows: OutboxRow[]): Promise<PermanentPublishFailure | undefined> {
    try {
      await this.send(rows);
    } catch (error) {
      const failure = classifyPublishFailure(error);
      if (!failure.permanent) throw new PublishError(error);
      return failure;
    }
    if (this.unknownSince.size > 0) for (const row of rows) this.unknownSince.delete(row.topic);
    await this.client!.query({
      name: 'outbox_relay_delete',
      text: 'DELETE FROM outbox WHERE id = ANY($1::bigint[])',
      values: [rows.map((r) => r.id)],
    });
    this.published += rows.length;
    messagingMetrics.outboxPublished.inc(rows.length);
    return undefined;
  }

  private async park(rows: OutboxRow[], reason: string, attempts: number): Promise<void> {
    const parked = await parkRecords(
      this.client!,
      rows.map((r) => r.id),
      reason,
      attempts,
    );
    this.parked = true;
    this.countParkings(parked);
    const total = [...parked.values()].reduce((a, b) => a + b, 0);
    this.log(`outbox relay: parked ${total} record(s) of ${[...parked.keys()].join(', ')}: ${reason}`);
  }

  private async parkFollowers(): Promise<void> {
    const { parked, anyParked } = await parkFollowers(this.client!);
    this.parked = anyParked;
    this.countParkings(parked);
  }

  private countParkings(parked: Map<string, number>): void {
    for (const [topic, n] of parked) messagingMetrics.outboxParkings.inc({ topic }, n);
  }

  private async select(): Promise<OutboxRow[]> {
    // ORDER BY o.id, not the text alias `id`: text order would put event 10 before event 2. Named, so
    // PostgreSQL plans it once per connection rather than on every pass.
    // A parked topic and key waits whole (its records written since are parked on the next pass).
    const { rows } = await this.client!.query<OutboxRow>({
      name: 'outbox_relay_select_next',
      text: `SELECT o.id::text AS id, o.event_id::text AS event_id, o.event_type, o.event_version, o.topic, o.message_key, o.value
       FROM outbox o
       WHERE NOT EXISTS (SELECT 1 FROM dead_letter d
                         WHERE d.source = 'outbox' AND d.topic = o.topic AND d.message_key = o.message_key)
       ORDER BY o.id LIMIT $1`,
      values: [this.batchSize],
    });
    return rows;
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const records: OutgoingRecord[] = rows.map((row) => ({
      topic: row.topic,
      key: row.message_key,
      value: row.value,
      headers: {
        [ENVELOPE_HEADERS.type]: row.event_type,
        [ENVELOPE_HEADERS.version]: String(row.event_version),
        [ENVELOPE_HEADERS.eventId]: row.event_id,
      },
    }));
    // A slow broker must not look like a silent relay to PostgreSQL (idle_session_timeout): ping while
    // the send lasts. An unanswered ping fails, and the loop starts over on a new connection.
    const client = this.client!;
    const ping = setInterval(() => {
      client.query('SELECT 1').catch((error: Error) => {
        this.lastError = error.message;
        this.leader = false;
      });
    }, this.takeoverMs / 3);
    try {
      await this.producer!.send(records);
    } finally {
      clearInterval(ping);
    }
  }

  private waitForWork(): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.kicked = false;
        this.wake = undefined;
        resolve();
      };
      // Never idle as long as the takeover time, or PostgreSQL would end a healthy session.
      const timer = setTimeout(done, Math.min(this.idlePollMs, this.takeoverMs / 3));
      this.wake = done;
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
      if (this.leader) {
        this.log(`outbox relay: leading for schema ${this.options.schema}`);
        this.parked = await anyParked(this.client);
      }
    }
    this.producer ??= this.options.publisher?.() ?? new KafkajsPublisher(this.options.kafka);
  }

  private async connectOnce(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      // Its only writes are deletes of published rows: one lost in a crash is published again and the
      // consumers' inboxes absorb it, so they need not wait for the WAL flush that captures wait for.
      // idle_session_timeout: a session that falls silent is ended by PostgreSQL itself, so the leader's
      // advisory lock is freed within takeoverMs even when the connection is half-open and no TCP reset
      // ever arrives; statement_timeout and query_timeout bound a statement on either side.
      options: [
        `-c search_path=${this.options.schema}`,
        '-c synchronous_commit=off',
        `-c idle_session_timeout=${this.takeoverMs}`,
        `-c statement_timeout=${this.takeoverMs}`,
      ].join(' '),
      application_name: `outbox-relay:${this.options.schema}`,
      connectionTimeoutMillis: 5000,
      query_timeout: this.takeoverMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5000,
    });
    await client.connect();
    return client;
  }

  private async teardown(): Promise<void> {
    this.leader = false;
    const client = this.client;
    this.client = undefined;
    if (client) await closeWithin(client, 2000);
    await this.closeProducer();
  }

  private async closeProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close().catch(() => undefined);
  }
}

/** Rows grouped by topic, each group in id order, the groups in the order of their first row. */
function byTopic(rows: OutboxRow[]): OutboxRow[][] {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const group = groups.get(row.topic) ?? [];
    group.push(row);
    groups.set(row.topic, group);
  }
  return [...groups.values()];
}

/** Ends a connection politely if the server answers in time; a half-open one is cut instead of awaited. */
async function closeWithin(client: Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      resolve();
    }, ms);
  });
  await Promise.race([client.end().catch(() => undefined), cut]);
  clearTimeout(timer);
}

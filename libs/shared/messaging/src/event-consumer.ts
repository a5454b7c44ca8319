import { describeErrors, type EventValidator, type EventEnvelope } from '@tradeflow/shared/contracts';
import type { TransactionRunner, Tx } from '@tradeflow/shared/persistence';
import type { Batch, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { backoffDelay, sleep } from './backoff';
import { BatchHeartbeat, PartitionLostError } from './batch-heartbeat';
import { ConsumerDeadLetters } from './consumer-dead-letters';
import type { DeadLetterRepository } from './dead-letter.repository';
import { DlqPublisher, type DlqPublishOptions } from './dlq-publisher';
import type { InboxRepository } from './inbox.repository';
import { messagingMetrics } from './messaging.metrics';
import { isTransient } from './transient-error';

export interface ConsumedEvent {
  envelope: EventEnvelope;
  topic: string;
  partition: number;
  offset: string;
}

export interface EventContext {
  /** The transaction the inbox row is written in: write the handler's effects (and outbox events) here. */
  tx: Tx;
  event: ConsumedEvent;
}

export type EventHandler = (envelope: EventEnvelope, ctx: EventContext) => Promise<void>;
export type BatchEventHandler = (events: ConsumedEvent[], tx: Tx) => Promise<void>;
export type HandlerSpec =
  { kind: 'single'; handle: EventHandler } | { kind: 'batch'; handle: BatchEventHandler };

export interface BatchInfo {
  consumer: string;
  topic: string;
  partition: number;
  applied: number;
}

/** Points where fault tests stop the process: inside the transaction, and between DB and offset commit. */
export interface ConsumerHooks {
  beforeDbCommit?: (info: BatchInfo) => Promise<void> | void;
  afterDbCommit?: (info: BatchInfo) => Promise<void> | void;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  runner: TransactionRunner;
  validator: EventValidator;
  handlers: ReadonlyMap<string, HandlerSpec>;
  /** A new group reads its topics from the start, so an empty database can be rebuilt by replay. */
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  /** How long the group waits for a silent member before giving its partitions away. */
  sessionTimeoutMs?: number;
  /** Attempts for an event whose handler fails with a non-transient error before it is dead-lettered. */
  maxAttempts?: number;
  hooks?: ConsumerHooks;
  /** Where applied events are claimed (SqlInboxRepository; services get it as INBOX_REPOSITORY). */
  inbox: InboxRepository;
  /** Where dead letters are recorded (SqlDeadLetterRepository; services get it as DEAD_LETTER_REPOSITORY). */
  deadLetters: DeadLetterRepository;
  /** Bounded sends to a `.dlq` topic (5 tries, from 500 ms apart, unless given). */
  deadLetterPublish?: DlqPublishOptions;
  log?: (message: string) => void;
}

/** A dead letter as the consumer recorded it, given back to `EventConsumer.replay`. */
export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
}

/** This consumer cannot apply the dead letter (it still breaks its contract, or no handler reads its topic). */
export class ReplayRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ReplayRefusedError';
  }
}

interface Parsed {
  message: KafkaMessage;
  event?: ConsumedEvent;
  reason?: string;
}

/**
 * Consumes in batches: every good event of a partition batch is claimed in the inbox and applied in one
 * transaction, and only then is the offset committed. A crash anywhere redelivers; the inbox makes the
 * redelivery a no-op. Unreadable or invalid messages, and events whose handler keeps failing, go to the
 * topic's `.dlq` with the reason and to the `dead_letter` table; transient failures are retried with
 * backoff for as long as they last. The member heartbeats all the while a batch takes.
 */
export class EventConsumer {
  private consumer: Consumer | undefined;
  private readonly dlq: DlqPublisher;
  private readonly deadLetters: ConsumerDeadLetters;
  private assignedFlag = false;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly inbox: InboxRepository;
  // Partitions waiting out a transient failure (a sick database, a lost broker), with the failure.
  private readonly stalledPartitions = new Map<string, string>();
  private readonly maxAttempts: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: EventConsumerOptions) {
    this.inbox = options.inbox;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.log = options.log ?? (() => undefined);
    this.dlq = new DlqPublisher(
      options.kafka,
      options.deadLetterPublish ?? { attempts: 5, backoffMs: 500 },
      (m) => this.log(`${options.groupId}: ${m}`),
    );
    this.deadLetters = new ConsumerDeadLetters(
      options.groupId,
      options.runner,
      options.deadLetters,
      this.dlq,
      this.log,
    );
  }

  get topics(): string[] {
    return [...this.options.handlers.keys()];
  }

  /** True once the group has given this member its partitions, false while rebalancing or disconnected. */
  get assigned(): boolean {
    return this.assignedFlag || this.topics.length === 0;
  }

  /**
   * Why consumption is paused, while a transient failure (database or broker) holds a partition back;
   * undefined when every partition moves. Readiness reports it, so a sick database turns a service 503.
   */
  get stalled(): string | undefined {
    return this.stalledPartitions.values().next().value;
  }

  async start(): Promise<void> {
    if (this.topics.length === 0) return;
    this.stopping = false;
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30000;
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout,
      heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)),
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.assignedFlag = true;
    });
    for (const event of [consumer.events.REBALANCING, consumer.events.DISCONNECT, consumer.events.STOP]) {
      consumer.on(event, () => {
        this.assignedFlag = false;
      });
    }
    consumer.on(consumer.events.CRASH, (crash) => {
      this.assignedFlag = false;
      this.log(`consumer ${this.options.groupId} crashed: ${crash.payload.error.message}`);
      // kafkajs restarts by itself after retriable errors; after the others, restart here.
      if (!crash.payload.restart && !this.stopping) this.scheduleRestart();
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    // disconnect() waits for the batch in flight to finish and commit before leaving the group.
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlq.close();
    this.consumer = undefined;
    this.assignedFlag = false;
    this.stalledPartitions.clear();
  }

  private scheduleRestart(attempt = 1): void {
    this.restartTimer = setTimeout(
      () => {
        void (async () => {
          try {
            await this.consumer?.disconnect().catch(() => undefined);
            await this.start();
          } catch (error) {
            this.log(`consumer ${this.options.groupId} restart failed: ${(error as Error).message}`);
            if (!this.stopping) this.scheduleRestart(attempt + 1);
          }
        })();
      },
      backoffDelay(attempt, 500, 10000),
    );
  }

  /**
   * Applies a recorded dead letter again, in the caller's transaction, as it would have been applied: its
   * event id claimed in the inbox (a duplicate is skipped) and its handler run. Throws ReplayRefusedError
   * when it still cannot be read as an event of its topic, and the handler's error when that fails.
   */
  async replay(tx: Tx, message: RecordedMessage): Promise<'applied' | 'duplicate'> {
    if (!this.options.handlers.has(message.topic)) {
      throw new ReplayRefusedError(`no consumer of this service reads ${message.topic}`);
    }
    const result = this.options.validator.parse(message.topic, message.value);
    if (!result.ok) throw new ReplayRefusedError(`still not a valid event: ${describeErrors(result.errors)}`);
    if (message.key !== result.envelope.key) {
      throw new ReplayRefusedError(
        `message key "${message.key ?? ''}" differs from envelope key "${result.envelope.key}"`,
      );
    }
    const event = {
      envelope: result.envelope,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    };
    const applied = await this.apply(tx, message.topic, message.partition, [event]);
    messagingMetrics.eventsHandled.inc({ consumer: this.options.groupId, topic: message.topic }, applied);
    return applied === 1 ? 'applied' : 'duplicate';
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    if (payload.batch.messages.length === 0) return;
    // Heartbeats while the batch is applied, dead-lettered or retried, however long it takes: a member
    // silent for the session timeout would lose its partitions and the batch would be applied again.
    const heartbeat = new BatchHeartbeat(payload, HEARTBEAT_EVERY_MS, (m) =>
      this.log(`${this.options.groupId}: ${m}`),
    );
    try {
      await this.consumeBatch(payload, heartbeat);
    } finally {
      heartbeat.stop();
    }
  }

  private async consumeBatch(payload: EachBatchPayload, heartbeat: BatchHeartbeat): Promise<void> {
    const { batch } = payload;
    const parsed = batch.messages.map((m) => this.parse(batch, m));
    const bad = parsed.filter((p) => p.reason !== undefined);
    const good = dedupe(parsed.flatMap((p) => (p.event ? [p.event] : [])));

    for (const p of bad) {
      if (!(await this.deadLetter(batch, p.message, p.reason!, 1, payload))) return;
    }
    if (good.length > 0) {
      const outcome = await this.applyWhole(batch, good, payload, heartbeat);
      if (outcome === 'interrupted') return;
      if (outcome === 'poisoned') {
        const done = await this.applyOneByOne(batch, good, payload, heartbeat);
        if (!done) return;
      }
    }
    const last = batch.messages[batch.messages.length - 1]!.offset;
    payload.resolveOffset(last);
    await this.commit(batch.topic, batch.partition, last);
    this.stalledPartitions.delete(partitionKey(batch));
    messagingMetrics.consumerLag.set(
      { consumer: this.options.groupId, topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    await payload.heartbeat();
  }

  private parse(batch: Batch, message: KafkaMessage): Parsed {
    const result = this.options.validator.parse(batch.topic, message.value);
    if (!result.ok) return { message, reason: describeErrors(result.errors) };
    const key = message.key?.toString('utf8');
    if (key !== result.envelope.key) {
      return {
        message,
        reason: `message key "${key ?? ''}" differs from envelope key "${result.envelope.key}"`,
      };
    }
    return {
      message,
      event: {
        envelope: result.envelope,
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
      },
    };
  }

  /** The fast path: the whole batch in one transaction. */
  private async applyWhole(
    batch: Batch,
    events: ConsumedEvent[],
    payload: EachBatchPayload,
    heartbeat: BatchHeartbeat,
  ): Promise<'done' | 'poisoned' | 'interrupted'> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.transaction(batch, events, heartbeat);
        return 'done';
      } catch (error) {
        if (error instanceof PartitionLostError) return this.lost(batch, error);
        if (!isTransient(error)) {
          this.log(
            `${this.options.groupId}: batch of ${events.length} failed (${(error as Error).message}); isolating`,
          );
          return 'poisoned';
        }
        if (!(await this.pauseBeforeRetry(attempt, error, payload))) return 'interrupted';
      }
    }
  }

  /** The slow path after a non-transient failure: one event per transaction, so one bad event is isolated. */
  private async applyOneByOne(
    batch: Batch,
    events: ConsumedEvent[],
    payload: EachBatchPayload,
    heartbeat: BatchHeartbeat,
  ): Promise<boolean> {
    for (const event of events) {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.transaction(batch, [event], heartbeat);
          break;
        } catch (error) {
          if (error instanceof PartitionLostError) {
            this.lost(batch, error);
            return false;
          }
          if (isTransient(error)) {
            if (!(await this.pauseBeforeRetry(attempt, error, payload))) return false;
            continue;
          }
          if (attempt < this.maxAttempts) {
            await sleep(backoffDelay(attempt, 50, 1000));
            continue;
          }
          const message = batch.messages.find((m) => m.offset === event.offset)!;
          const lettered = await this.deadLetter(
            batch,
            message,
            `handler failed ${attempt} times: ${(error as Error).message}`,
            attempt,
            payload,
            event.envelope,
          );
          if (!lettered) return false;
          break;
        }
      }
      payload.resolveOffset(event.offset);
    }
    return true;
  }

  private async transaction(batch: Batch, events: ConsumedEvent[], heartbeat: BatchHeartbeat): Promise<void> {
    const consumer = this.options.groupId;
    const info: BatchInfo = { consumer, topic: batch.topic, partition: batch.partition, applied: 0 };
    await this.options.runner.run(async (tx) => {
      info.applied = await this.apply(tx, batch.topic, batch.partition, events, heartbeat);
      // Taken away meanwhile: roll back, and let the new owner apply the batch once.
      heartbeat.throwIfLost();
      await this.options.hooks?.beforeDbCommit?.(info);
    });
    messagingMetrics.eventsHandled.inc({ consumer, topic: batch.topic }, info.applied);
    await this.options.hooks?.afterDbCommit?.(info);
  }

  /** Claims the events in the inbox and runs the handler on those not applied before; returns how many. */
  private async apply(
    tx: Tx,
    topic: string,
    partition: number,
    events: ConsumedEvent[],
    heartbeat?: BatchHeartbeat,
  ): Promise<number> {
    const consumer = this.options.groupId;
    const fresh = await this.inbox.claim(
      tx,
      consumer,
      topic,
      partition,
      events.map((e) => ({ eventId: e.envelope.eventId, offset: e.offset })),
    );
    const toApply = events.filter((e) => fresh.has(e.envelope.eventId));
    const handler = this.options.handlers.get(topic)!;
    if (handler.kind === 'batch') {
      if (toApply.length > 0) await handler.handle(toApply, tx);
    } else {
      for (const event of toApply) {
        heartbeat?.throwIfLost();
        await handler.handle(event.envelope, { tx, event });
      }
    }
    if (events.length > toApply.length) {
      messagingMetrics.eventsDuplicate.inc({ consumer, topic }, events.length - toApply.length);
    }
    return toApply.length;
  }

  private lost(batch: Batch, error: PartitionLostError): 'interrupted' {
    this.log(`${this.options.groupId}: ${batch.topic}[${batch.partition}] rolled back: ${error.message}`);
    return 'interrupted';
  }

  /** Waits before a retry; false when the partition was taken away meanwhile (its new owner carries on). */
  private async pauseBeforeRetry(
    attempt: number,
    error: unknown,
    payload: EachBatchPayload,
  ): Promise<boolean> {
    messagingMetrics.retries.inc({ consumer: this.options.groupId });
    // A blip (one deadlock, retried at once) does not flip readiness; a failure that lasts does.
    if (attempt >= STALLED_AFTER_ATTEMPTS) {
      this.stalledPartitions.set(
        partitionKey(payload.batch),
        `${payload.batch.topic}[${payload.batch.partition}]: ${(error as Error).message}`,
      );
    }
    this.log(`${this.options.groupId}: transient failure (${(error as Error).message}); retry ${attempt}`);
    await sleep(backoffDelay(attempt, 100, 5000));
    if (!payload.isRunning() || payload.isStale()) return false;
    await payload.heartbeat().catch(() => undefined);
    return true;
  }

  /** False when the partition was taken away meanwhile (its new owner dead-letters the message). */
  private deadLetter(
    batch: Batch,
    message: KafkaMessage,
    reason: string,
    attempts: number,
    payload: EachBatchPayload,
    envelope?: EventEnvelope,
  ): Promise<boolean> {
    return this.deadLetters.send(
      { batch, message, reason, attempts, envelope },
      {
        stillOwned: () => payload.isRunning() && !payload.isStale(),
        pause: (attempt, error) => this.pauseBeforeRetry(attempt, error, payload),
      },
    );
  }

  private async commit(topic: string, partition: number, lastOffset: string): Promise<void> {
    await this.consumer!.commitOffsets([{ topic, partition, offset: (BigInt(lastOffset) + 1n).toString() }]);
  }
}

/** Transient retries of one partition before readiness says consumption is stalled (after about half a second). */
const STALLED_AFTER_ATTEMPTS = 3;

/** How often a batch in progress heartbeats; kafkajs sends one at most every heartbeatInterval. */
const HEARTBEAT_EVERY_MS = 1000;

function partitionKey(batch: Batch): string {
  return `${batch.topic}:${batch.partition}`;
}

/** The same event twice in one batch (a producer retry) is applied once: keep the first. */
function dedupe(events: ConsumedEvent[]): ConsumedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(e.envelope.eventId) ? false : (seen.add(e.envelope.eventId), true)));
}

import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { createEnvelope, TOPICS, type TopicDefinition } from '@tradeflow/shared/contracts';
import { backoffDelay, Outbox, sleep } from '@tradeflow/shared/messaging';
import { ChannelListener, type TransactionRunner, type Tx } from '@tradeflow/shared/persistence';
import {
  Clock,
  ProblemException,
  problemFor,
  SERVICE_CONFIG,
  TRANSACTION_RUNNER,
} from '@tradeflow/shared/platform';
import type { Book, Counterparty, Instrument } from '@tradeflow/shared/reference';
import {
  IdempotencyRepository,
  ReferenceRepository,
  type ReferenceKind,
  type StoredReference,
} from '@tradeflow/trade-capture/data-access';
import {
  bookToReference,
  counterpartyToReference,
  instrumentToReference,
  shippedReferenceRecords,
  validateBookUpsert,
  validateCounterpartyUpsert,
  validateInstrumentUpsert,
  type BookRecord,
  type CounterpartyRecord,
  type InstrumentRecord,
  type ReferenceLookup,
  type UpsertContext,
  type UpsertValidation,
} from '@tradeflow/trade-capture/domain';
import { checkIdempotencyKey, claimOrReplay, readIfMatch, requestHash } from '../http/request-preconditions';

type AnyRecord = InstrumentRecord | CounterpartyRecord | BookRecord;

interface KindRules {
  topic: TopicDefinition;
  keyOf: (record: AnyRecord) => string;
  validate: (body: unknown, ctx: UpsertContext<AnyRecord>) => UpsertValidation<AnyRecord>;
}

const KINDS: Record<ReferenceKind, KindRules> = {
  instrument: {
    topic: TOPICS.instrumentUpserted,
    keyOf: (r) => (r as InstrumentRecord).instrumentId,
    validate: (body, ctx) => validateInstrumentUpsert(body, ctx as UpsertContext<InstrumentRecord>),
  },
  counterparty: {
    topic: TOPICS.counterpartyUpserted,
    keyOf: (r) => (r as CounterpartyRecord).lei,
    validate: (body, ctx) => validateCounterpartyUpsert(body, ctx as UpsertContext<CounterpartyRecord>),
  },
  book: {
    topic: TOPICS.bookUpserted,
    keyOf: (r) => (r as BookRecord).book,
    validate: (body, ctx) => validateBookUpsert(body, ctx as UpsertContext<BookRecord>),
  },
};

const SYSTEM = { id: 'trade-capture', role: 'service' };

export interface WriteResult {
  status: number;
  body: StoredReference<AnyRecord>;
  replayed: boolean;
}

/** How often every instance reloads the whole set anyway (a few hundred rows). */
const RESYNC_MS = 60_000;

/**
 * Owner of the static data: loads the shipped set at first start, takes admins' creates and updates
 * (validated, versioned, audited, published as ref.*.upserted.v1 in the same transaction), and answers
 * trade validation from memory. Every instance keeps its memory fresh through NOTIFY on commit, and
 * reloads it all when a refresh fails and once a minute anyway.
 */
@Injectable()
export class ReferenceDataService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReferenceData');
  private readonly repository = new ReferenceRepository();
  private resync: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  private readonly keys = new IdempotencyRepository();
  private readonly records = new Map<string, StoredReference<AnyRecord>>();
  private readonly instruments = new Map<string, Instrument>();
  private readonly counterparties = new Map<string, Counterparty>();
  private readonly books = new Map<string, Book>();
  private readonly channel: string;
  /** Another instance's write: reload that record once it has committed. */
  private readonly listener: ChannelListener;

  /** What trade validation reads; an inactive counterparty cannot be traded with. */
  readonly lookup: ReferenceLookup = {
    instrument: (id) => this.instruments.get(id),
    counterparty: (lei) => this.counterparties.get(lei),
    book: (code) => this.books.get(code),
  };

  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {
    this.channel = `reference_${config.schema}`;
    this.listener = new ChannelListener({
      databaseUrl: config.databaseUrl,
      channel: this.channel,
      applicationName: `${config.name}:reference`,
      onNotify: (payload) => void this.refresh(payload),
      // Writes made while disconnected were not heard: reload everything.
      onReconnect: async () => this.reloadAll(),
      log: (m) => this.logger.warn(m),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    const loaded = await this.loadShipped();
    if (loaded > 0) this.logger.log(`loaded the shipped reference data: ${loaded} records`);
    await this.reloadAll();
    // A safety net for what NOTIFY cannot tell: a connection that went quiet without an error.
    this.resync = setInterval(() => this.reloadUntilDone(), RESYNC_MS);
    this.resync.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.resync);
    this.stopping.abort();
    await this.reloading;
    await this.listener.stop();
  }

  list(kind: ReferenceKind, after: string | undefined, limit: number): Promise<StoredReference[]> {
    return this.repository.page(this.runner, kind, after, limit);
  }

  async get(kind: ReferenceKind, key: string): Promise<StoredReference> {
    const found = await this.repository.find(this.runner, kind, key);
    if (!found) throw new ProblemException(404, `no ${kind} ${key}`);
    return found;
  }

  async create(
    kind: ReferenceKind,
    body: unknown,
    idempotencyKey: string | undefined,
    principal: Principal,
  ): Promise<WriteResult> {
    if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey);
    const rules = KINDS[kind];
    const record = valid(rules.validate(body, { mode: 'create' }));
    const key = rules.keyOf(record);
    const now = this.clock.now();
    const hash = requestHash({ create: kind, body });
    const result = await this.runner.run(async (tx): Promise<WriteResult> => {
      const replay =
        idempotencyKey === undefined
          ? undefined
          : await claimOrReplay(this.keys, tx, principal.id, idempotencyKey, hash, now);
      if (replay) return { status: 201, body: replay.response as StoredReference<AnyRecord>, replayed: true };
      if (!(await this.repository.insert(tx, kind, key, record, now.toISOString(), principal.id))) {
        throw new ProblemException(409, `${kind} ${key} exists already: update it with PUT`, [
          { field: fieldOfKey(kind), message: 'exists already' },
        ]);
      }
      await this.publish(tx, kind, key, 1, 'CREATE', undefined, record, principal, now);
      const stored = { kind, key, record, version: 1, updatedAt: now.toISOString(), updatedBy: principal.id };
      if (idempotencyKey !== undefined)
        await this.keys.complete(tx, principal.id, idempotencyKey, 201, stored);
      return { status: 201, body: stored, replayed: false };
    });
    this.remember(result.body);
    return result;
  }

  async update(
    kind: ReferenceKind,
    key: string,
    body: unknown,
    ifMatch: string | undefined,
    principal: Principal,
  ): Promise<StoredReference<AnyRecord>> {
    const expected = readIfMatch(ifMatch, false);
    const now = this.clock.now();
    const stored = await this.runner.run(async (tx) => {
      const current = (await this.repository.find(tx, kind, key, true)) as
        StoredReference<AnyRecord> | undefined;
      if (!current) throw new ProblemException(404, `no ${kind} ${key}: create it with POST`);
      if (expected !== undefined && expected !== current.version) {
        throw new ProblemException(
          412,
          `the ${kind} is at version ${current.version}, not ${expected}: read it again`,
          [{ field: 'If-Match', message: `is "${expected}", the current version is "${current.version}"` }],
        );
      }
      const record = valid(KINDS[kind].validate(body, { mode: 'update', key, existing: current.record }));
      const version = current.version + 1;
      await this.repository.update(tx, kind, key, record, version, now.toISOString(), principal.id);
      await this.publish(tx, kind, key, version, 'UPDATE', current.record, record, principal, now);
      return { kind, key, record, version, updatedAt: now.toISOString(), updatedBy: principal.id };
    });
    this.remember(stored);
    return stored;
  }

  auditTrail(filter: { kind?: ReferenceKind; key?: string }, after: string | undefined, limit: number) {
    return this.repository.auditTrail(this.runner, filter, after, limit);
  }

  /** The shipped set, into an empty table; concurrent first starts load it once (advisory lock). */
  private async loadShipped(): Promise<number> {
    const shipped = shippedReferenceRecords();
    const all: [ReferenceKind, AnyRecord][] = [
      ...shipped.instruments.map((r) => ['instrument', r] as [ReferenceKind, AnyRecord]),
      ...shipped.counterparties.map((r) => ['counterparty', r] as [ReferenceKind, AnyRecord]),
      ...shipped.books.map((r) => ['book', r] as [ReferenceKind, AnyRecord]),
    ];
    return this.runner.run(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reference-load:${this.config.schema}`]);
      const { rows } = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM reference_record');
      if (rows[0]?.n !== '0') return 0;
      const now = this.clock.now();
      for (const [kind, record] of all) {
        const key = KINDS[kind].keyOf(record);
        await this.repository.insert(tx, kind, key, record, now.toISOString(), SYSTEM.id);
        await this.publish(tx, kind, key, 1, 'LOAD', undefined, record, SYSTEM, now);
      }
      return all.length;
    });
  }

  private async publish(
    tx: Tx,
    kind: ReferenceKind,
    key: string,
    version: number,
    action: 'LOAD' | 'CREATE' | 'UPDATE',
    before: AnyRecord | undefined,
    after: AnyRecord,
    actor: { id: string; role: string },
    now: Date,
  ): Promise<void> {
    const topic = KINDS[kind].topic;
    const envelope = createEnvelope({
      topic,
      producer: 'trade-capture',
      key,
      actor: { id: actor.id, role: actor.role },
      occurredAt: now,
      payload: after,
    });
    await this.outbox.append(tx, [{ topic, envelope }]);
    await this.repository.audit(tx, {
      kind,
      key,
      version,
      action,
      before,
      after,
      actor: { id: actor.id, role: actor.role },
      eventId: envelope.eventId,
      at: now.toISOString(),
    });
    await tx.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify({ kind, key })]);
  }

  private async refresh(payload: string): Promise<void> {
    const { kind, key } = JSON.parse(payload) as { kind: ReferenceKind; key: string };
    try {
      const stored = await this.repository.find(this.runner, kind, key);
      if (stored) this.remember(stored as StoredReference<AnyRecord>);
    } catch (error) {
      // The change is not in this instance's copy: trades must not go on being checked against the
      // old record (a counterparty deactivated meanwhile), so reload everything until it works.
      this.logger.warn(
        `reference refresh of ${kind} ${key} failed (${(error as Error).message}); reloading all reference data`,
      );
      this.reloadUntilDone();
    }
  }

  private async reloadAll(): Promise<void> {
    for (const stored of await this.repository.all(this.runner))
      this.remember(stored as StoredReference<AnyRecord>);
  }

  /** Reloads every record, retrying with back-off until it succeeds; one such loop at a time. */
  private reloadUntilDone(): void {
    this.reloading ??= (async () => {
      for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
        try {
          await this.reloadAll();
          return;
        } catch (error) {
          this.logger.warn(`reloading reference data failed (${(error as Error).message}); retrying`);
          await sleep(backoffDelay(attempt, 200, 10_000), this.stopping.signal);
        }
      }
    })().finally(() => (this.reloading = undefined));
  }

  private remember(stored: StoredReference<AnyRecord>): void {
    const previous = this.records.get(`${stored.kind}:${stored.key}`);
    if (previous && previous.version > stored.version) return; // a late notification of an older write
    this.records.set(`${stored.kind}:${stored.key}`, stored);
    switch (stored.kind) {
      case 'instrument':
        this.instruments.set(stored.key, instrumentToReference(stored.record as InstrumentRecord));
        break;
      case 'counterparty': {
        const record = stored.record as CounterpartyRecord;
        if (record.active) this.counterparties.set(stored.key, counterpartyToReference(record));
        else this.counterparties.delete(stored.key);
        break;
      }
      case 'book':
        this.books.set(stored.key, bookToReference(stored.record as BookRecord));
        break;
    }
  }
}

function valid<T>(result: UpsertValidation<T>): T {
  if (result.ok) return result.record;
  throw problemFor(
    result.failure,
    result.failure.kind === 'malformed' ? 'the record is malformed' : 'the record breaks a rule; see errors',
  );
}

function fieldOfKey(kind: ReferenceKind): string {
  return kind === 'instrument' ? 'instrumentId' : kind === 'counterparty' ? 'lei' : 'book';
}

import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@tradeflow/shared/auth';
import type { TransactionRunner } from '@tradeflow/shared/persistence';
import { Clock, ProblemException, problemFor, TRANSACTION_RUNNER } from '@tradeflow/shared/platform';
import {
  IdempotencyRepository,
  ReferenceRepository,
  type ReferenceKind,
  type StoredReference,
} from '@tradeflow/trade-capture/data-access';
import type { UpsertValidation } from '@tradeflow/trade-capture/domain';
import { checkIdempotencyKey, claimOrReplay, readIfMatch, requestHash } from '../http/request-preconditions';
import { fieldOfKey, KINDS, type AnyRecord } from './reference-kinds';
import { ReferenceDataService } from './reference-data.service';
import { ReferencePublisher } from './reference-publisher.service';

export interface WriteResult {
  status: number;
  body: StoredReference<AnyRecord>;
  replayed: boolean;
}

/**
 * Admins' creates and updates: validated, stored with the next version, audited and published as
 * ref.*.upserted.v1 in the same transaction, then taken into this instance's copy at once.
 */
@Injectable()
export class ReferenceWriteService {
  constructor(
    @Inject(TRANSACTION_RUNNER) private readonly runner: TransactionRunner,
    private readonly repository: ReferenceRepository,
    private readonly keys: IdempotencyRepository,
    private readonly publisher: ReferencePublisher,
    private readonly reference: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

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
      await this.publisher.publish(tx, {
        kind,
        key,
        version: 1,
        action: 'CREATE',
        before: undefined,
        after: record,
        actor: principal,
        now,
      });
      const stored = { kind, key, record, version: 1, updatedAt: now.toISOString(), updatedBy: principal.id };
      if (idempotencyKey !== undefined)
        await this.keys.complete(tx, principal.id, idempotencyKey, 201, stored);
      return { status: 201, body: stored, replayed: false };
    });
    this.reference.remember(result.body);
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
      await this.publisher.publish(tx, {
        kind,
        key,
        version,
        action: 'UPDATE',
        before: current.record,
        after: record,
        actor: principal,
        now,
      });
      return { kind, key, record, version, updatedAt: now.toISOString(), updatedBy: principal.id };
    });
    this.reference.remember(stored);
    return stored;
  }
}

function valid<T>(result: UpsertValidation<T>): T {
  if (result.ok) return result.record;
  throw problemFor(
    result.failure,
    result.failure.kind === 'malformed' ? 'the record is malformed' : 'the record breaks a rule; see errors',
  );
}

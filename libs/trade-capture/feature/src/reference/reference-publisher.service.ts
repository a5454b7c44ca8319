import { Inject, Injectable } from '@nestjs/common';
import type { ServiceConfig } from '@tradeflow/shared/config';
import { createEnvelope } from '@tradeflow/shared/contracts';
import { Outbox } from '@tradeflow/shared/messaging';
import type { Tx } from '@tradeflow/shared/persistence';
import { SERVICE_CONFIG } from '@tradeflow/shared/platform';
import { ReferenceRepository, type ReferenceKind } from '@tradeflow/trade-capture/data-access';
import { KINDS, referenceChannel, type AnyRecord } from './reference-kinds';

/** One stored change of a reference record: the shipped load, an admin's create or update. */
export interface ReferenceChange {
  kind: ReferenceKind;
  key: string;
  version: number;
  action: 'LOAD' | 'CREATE' | 'UPDATE';
  before: AnyRecord | undefined;
  after: AnyRecord;
  actor: { id: string; role: string };
  now: Date;
}

/**
 * What follows every stored change, inside the caller's transaction: the ref.*.upserted.v1 event in the
 * outbox, the audit row naming that event, and a NOTIFY that tells every instance to reload the record.
 */
@Injectable()
export class ReferencePublisher {
  private readonly channel: string;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly repository: ReferenceRepository,
    private readonly outbox: Outbox,
  ) {
    this.channel = referenceChannel(config.schema);
  }

  async publish(tx: Tx, change: ReferenceChange): Promise<void> {
    const { kind, key, version, action, before, after, now } = change;
    const actor = { id: change.actor.id, role: change.actor.role };
    const topic = KINDS[kind].topic;
    const envelope = createEnvelope({
      topic,
      producer: 'trade-capture',
      key,
      actor,
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
      actor,
      eventId: envelope.eventId,
      at: now.toISOString(),
    });
    await tx.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify({ kind, key })]);
  }
}

import type { Tx } from '@tradeflow/shared/persistence';

export interface OutboxRecord {
  eventId: string;
  topic: string;
  key: string;
  /** The exact bytes to publish (serialized once, at write time). */
  value: string;
  headers: Record<string, string>;
}

export interface PendingOutboxRecord extends OutboxRecord {
  id: string;
}

/** Where the outbox lives; the relay and writers see only this. */
export interface OutboxRepository {
  append(tx: Tx, records: readonly OutboxRecord[]): Promise<void>;
}

export class SqlOutboxRepository implements OutboxRepository {
  async append(tx: Tx, records: readonly OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One statement for any number of events: arrays in, rows out, in the caller's transaction.
    await tx.query(
      `INSERT INTO outbox (event_id, topic, message_key, value, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
      [
        records.map((r) => r.eventId),
        records.map((r) => r.topic),
        records.map((r) => r.key),
        records.map((r) => r.value),
        records.map((r) => JSON.stringify(r.headers)),
      ],
    );
  }
}

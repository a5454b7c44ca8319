import type { Tx } from '@tradeflow/shared/persistence';

export interface OutboxRecord {
  eventId: string;
  type: string;
  version: number;
  topic: string;
  key: string;
  /** The exact bytes to publish (serialized once, at write time). */
  value: string;
}

export interface PendingOutboxRecord extends OutboxRecord {
  id: string;
}

/** Where the outbox lives; the relay and writers see only this. */
export interface OutboxRepository {
  append(tx: Tx, records: readonly OutboxRecord[]): Promise<void>;
}

/**
 * An INSERT of outbox records for a data-modifying CTE, when the events must be written in the same
 * statement as the change that caused them. `recordsJson` is an SQL expression of a JSON array of
 * `outboxJson` objects; `where` filters them (by `message_key`, say). They are inserted in the array's
 * order, which the relay publishes them in, whatever plan the filter gets. The statement trigger still
 * fires.
 */
export function outboxInsertSql(recordsJson: string, where = 'true'): string {
  return `INSERT INTO outbox (event_id, event_type, event_version, topic, message_key, value)
    SELECT event_id, event_type, event_version, topic, message_key, value
    FROM ROWS FROM (jsonb_to_recordset(${recordsJson})
        AS (event_id uuid, event_type text, event_version smallint, topic text, message_key text, value text))
      WITH ORDINALITY AS r(event_id, event_type, event_version, topic, message_key, value, ordinality)
    WHERE ${where}
    ORDER BY ordinality`;
}

/** A record as outboxInsertSql reads it. */
export function outboxJson(record: OutboxRecord): Record<string, unknown> {
  return {
    event_id: record.eventId,
    event_type: record.type,
    event_version: record.version,
    topic: record.topic,
    message_key: record.key,
    value: record.value,
  };
}

// PostgreSQL allows 65535 parameters per statement; six per row.
const ROWS_PER_STATEMENT = 1000;

export class SqlOutboxRepository implements OutboxRepository {
  async append(tx: Tx, records: readonly OutboxRecord[]): Promise<void> {
    // Multi-row VALUES with parameters: no array literal to escape (pg escapes text[] element by
    // element in JavaScript, which costs more than the insert itself for large JSON values).
    for (let from = 0; from < records.length; from += ROWS_PER_STATEMENT) {
      const chunk = records.slice(from, from + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const rows = chunk.map((r) => {
        const n = params.push(r.eventId, r.type, r.version, r.topic, r.key, r.value);
        return `($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      await tx.query(
        `INSERT INTO outbox (event_id, event_type, event_version, topic, message_key, value) VALUES ${rows.join(', ')}`,
        params,
      );
    }
  }
}

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
 * The per-key lock every outbox write takes before its rows get their ids, as a condition true once it
 * holds: a transaction-level advisory lock on each distinct message key of `keysSql` (a query of one
 * text column, `key`), taken in hash order so two writers of overlapping keys never deadlock on each
 * other. An uncorrelated sub-select, so PostgreSQL evaluates it once, before the first row is inserted
 * (the ids come from the rows' defaults). A second writer of a key waits for the first to commit before
 * its own rows get ids: per key, id order is commit order, which the relay's id order publishes
 * (docs/events.md, "Keys, partitions and order"). Locks are per schema, so services sharing a database
 * never wait on each other.
 */
export function outboxKeyLockSql(keysSql: string): string {
  return `(SELECT count(*) FROM (
      SELECT pg_advisory_xact_lock(hashtext('outbox-key:' || current_schema()), h)
      FROM (SELECT DISTINCT hashtext(key) AS h FROM (${keysSql}) AS written ORDER BY h) AS hashes
    ) AS locked) >= 0`;
}

/**
 * An INSERT of outbox records for a data-modifying CTE, when the events must be written in the same
 * statement as the change that caused them. `recordsJson` is an SQL expression of a JSON array of
 * `outboxJson` objects; `where` filters them (by `message_key`, say). They are inserted in the array's
 * order, which the relay publishes them in, whatever plan the filter gets, after the lock on their keys
 * (outboxKeyLockSql). The statement trigger still fires.
 */
export function outboxInsertSql(recordsJson: string, where = 'true'): string {
  const keys = `SELECT message_key AS key FROM jsonb_to_recordset(${recordsJson}) AS k(message_key text)`;
  return `INSERT INTO outbox (event_id, event_type, event_version, topic, message_key, value)
    SELECT event_id, event_type, event_version, topic, message_key, value
    FROM ROWS FROM (jsonb_to_recordset(${recordsJson})
        AS (event_id uuid, event_type text, event_version smallint, topic text, message_key text, value text))
      WITH ORDINALITY AS r(event_id, event_type, event_version, topic, message_key, value, ordinality)
    WHERE ${where} AND ${outboxKeyLockSql(keys)}
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

// PostgreSQL allows 65535 parameters per statement; six per row, and the keys.
const ROWS_PER_STATEMENT = 1000;

export class SqlOutboxRepository implements OutboxRepository {
  async append(tx: Tx, records: readonly OutboxRecord[]): Promise<void> {
    // Multi-row VALUES with parameters: no array literal to escape (pg escapes text[] element by
    // element in JavaScript, which costs more than the insert itself for large JSON values). The keys
    // travel once more, as one array, for the lock (outboxKeyLockSql).
    for (let from = 0; from < records.length; from += ROWS_PER_STATEMENT) {
      const chunk = records.slice(from, from + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      const rows = chunk.map((r) => {
        const n = params.push(r.eventId, r.type, r.version, r.topic, r.key, r.value);
        return `($${n - 5}::uuid, $${n - 4}, $${n - 3}::smallint, $${n - 2}, $${n - 1}, $${n})`;
      });
      const keys = `$${params.push([...new Set(chunk.map((r) => r.key))])}::text[]`;
      await tx.query(
        `INSERT INTO outbox (event_id, event_type, event_version, topic, message_key, value)
         SELECT * FROM (VALUES ${rows.join(', ')}) AS r(event_id, event_type, event_version, topic, message_key, value)
         WHERE ${outboxKeyLockSql(`SELECT unnest(${keys}) AS key`)}`,
        params,
      );
    }
  }
}

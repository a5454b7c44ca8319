import type { Tx } from '@tradeflow/shared/persistence';
import { PARKING_LOCK_SQL } from './outbox-parking';

/** An event a consumer gave up on, as it is recorded (DeadLetterTables1765000000000). */
export interface ConsumerDeadLetter {
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  eventId: string | null;
  eventType: string | null;
  reason: string;
  attempts: number;
  /** Whether the topic's `.dlq` took it too. */
  dlqPublished: boolean;
}

/** A dead letter as listed: a parked outbox record or a consumer's dead letter. */
export interface StoredDeadLetter {
  id: string;
  source: 'outbox' | 'consumer';
  topic: string;
  key: string | null;
  eventId: string | null;
  eventType: string | null;
  reason: string;
  /** When it was parked or dead-lettered, UTC ISO-8601 with milliseconds. */
  parkedAt: string;
  attempts: number;
  consumer: string | null;
  partition: number | null;
  offset: string | null;
  dlqPublished: boolean;
}

/** What a consumer's replay needs: the message as it was read. */
export interface ReplayableDeadLetter extends StoredDeadLetter {
  value: Buffer | null;
}

export interface DeadLetterReplayRecord {
  deadLetterId: string;
  source: 'outbox' | 'consumer';
  topic: string;
  key: string | null;
  eventId: string | null;
  /** How many records it put back (outbox: the record and its key's followers) or applied (1 or 0). */
  records: number;
  outcome: 'released' | 'applied' | 'duplicate';
  replayedBy: string;
  replayedByRole: string;
  replayedAt: string;
}

/** The dead_letter table: written by consumers, listed and replayed by the dead-letter API. */
export interface DeadLetterRepository {
  /** Records a consumer's dead letter once (a redelivery of the same offset changes nothing). */
  record(tx: Tx, letter: ConsumerDeadLetter): Promise<void>;
  /** Up to `limit + 1` dead letters after the id `after`, oldest first. */
  page(tx: Tx, after: string | undefined, limit: number): Promise<StoredDeadLetter[]>;
  /** The dead letter, locked until the transaction ends; undefined when there is none of that id. */
  lock(tx: Tx, id: string): Promise<ReplayableDeadLetter | undefined>;
  /** Puts a parked topic and key back into the outbox, in its records' places; returns how many. */
  releaseOutboxKey(tx: Tx, topic: string, key: string): Promise<number>;
  remove(tx: Tx, id: string): Promise<void>;
  /** A replay that failed again: the new reason, one attempt more. */
  failedAgain(tx: Tx, id: string, reason: string): Promise<void>;
  logReplay(tx: Tx, replay: DeadLetterReplayRecord, idempotencyKey: string | undefined): Promise<void>;
  /** The replay a caller made with this Idempotency-Key, if any (same-key requests queue on a lock). */
  replayByKey(
    tx: Tx,
    replayedBy: string,
    idempotencyKey: string,
  ): Promise<DeadLetterReplayRecord | undefined>;
}

const LISTED = `id::text AS id, source, topic, message_key AS key, event_id::text AS "eventId",
  event_type AS "eventType", reason, to_char(parked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "parkedAt",
  attempts, consumer, partition, "offset"::text AS "offset", dlq_published AS "dlqPublished"`;

const REPLAYS = `dead_letter_id::text AS "deadLetterId", source, topic, message_key AS key, event_id::text AS "eventId",
  records, outcome, replayed_by AS "replayedBy", replayed_by_role AS "replayedByRole",
  to_char(replayed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "replayedAt"`;

export class SqlDeadLetterRepository implements DeadLetterRepository {
  async record(tx: Tx, l: ConsumerDeadLetter): Promise<void> {
    await tx.query(
      `INSERT INTO dead_letter (source, consumer, topic, partition, "offset", message_key, value, headers,
         event_id, event_type, reason, attempts, dlq_published)
       VALUES ('consumer', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (consumer, topic, partition, "offset") WHERE source = 'consumer' DO NOTHING`,
      [
        l.consumer,
        l.topic,
        l.partition,
        l.offset,
        l.key === null ? null : storable(l.key),
        l.value,
        JSON.stringify(
          Object.fromEntries(Object.entries(l.headers).map(([k, v]) => [storable(k), storable(v)])),
        ),
        l.eventId,
        l.eventType === null ? null : storable(l.eventType),
        storable(l.reason),
        l.attempts,
        l.dlqPublished,
      ],
    );
  }

  async page(tx: Tx, after: string | undefined, limit: number): Promise<StoredDeadLetter[]> {
    const { rows } = await tx.query<StoredDeadLetter>(
      `SELECT ${LISTED} FROM dead_letter WHERE id > $1::bigint ORDER BY id LIMIT $2`,
      [after ?? '0', limit + 1],
    );
    return rows;
  }

  async lock(tx: Tx, id: string): Promise<ReplayableDeadLetter | undefined> {
    const { rows } = await tx.query<ReplayableDeadLetter>(
      `SELECT ${LISTED}, value FROM dead_letter WHERE id = $1::bigint FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  async releaseOutboxKey(tx: Tx, topic: string, key: string): Promise<number> {
    // The relay parks under the same lock: it cannot read the key as parked after this commits.
    await tx.query(PARKING_LOCK_SQL);
    const { rowCount } = await tx.query(
      `WITH released AS (
         DELETE FROM dead_letter WHERE source = 'outbox' AND topic = $1 AND message_key = $2
         RETURNING outbox_id, outbox_created_at, event_id, event_type, event_version, topic, message_key, value
       )
       INSERT INTO outbox (id, event_id, event_type, event_version, topic, message_key, value, created_at)
       SELECT outbox_id, event_id, event_type, event_version, topic, message_key, convert_from(value, 'UTF8'),
              outbox_created_at
       FROM released ORDER BY outbox_id`,
      [topic, key],
    );
    return rowCount;
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.query('DELETE FROM dead_letter WHERE id = $1::bigint', [id]);
  }

  async failedAgain(tx: Tx, id: string, reason: string): Promise<void> {
    await tx.query('UPDATE dead_letter SET reason = $2, attempts = attempts + 1 WHERE id = $1::bigint', [
      id,
      storable(reason),
    ]);
  }

  async logReplay(tx: Tx, r: DeadLetterReplayRecord, idempotencyKey: string | undefined): Promise<void> {
    await tx.query(
      `INSERT INTO dead_letter_replay (dead_letter_id, source, topic, message_key, event_id, records, outcome,
         replayed_by, replayed_by_role, replayed_at, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        r.deadLetterId,
        r.source,
        r.topic,
        r.key,
        r.eventId,
        r.records,
        r.outcome,
        r.replayedBy,
        r.replayedByRole,
        r.replayedAt,
        idempotencyKey ?? null,
      ],
    );
  }

  async replayByKey(
    tx: Tx,
    replayedBy: string,
    idempotencyKey: string,
  ): Promise<DeadLetterReplayRecord | undefined> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('dead-letter-replay:' || $1 || ':' || $2))`, [
      replayedBy,
      idempotencyKey,
    ]);
    const { rows } = await tx.query<DeadLetterReplayRecord>(
      `SELECT ${REPLAYS} FROM dead_letter_replay WHERE replayed_by = $1 AND idempotency_key = $2`,
      [replayedBy, idempotencyKey],
    );
    return rows[0];
  }
}

/** Text PostgreSQL stores: no NUL (22021 in text, 22P05 in JSONB) and no lone surrogate. */
function storable(text: string): string {
  return text
    .replaceAll('\0', '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

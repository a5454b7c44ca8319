import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead letters kept in the service's own schema, listed and replayed through `/api/dead-letters`
 * (docs/events.md, "Dead letters"). One table for both kinds:
 *
 * - `outbox`: a record the relay could not publish for good (a deleted topic, a refused ACL, a record
 *   too large), moved here from the outbox with every later record of its topic and key, so a key's
 *   order holds. Its outbox id and time are kept: a replay puts the records back where they were.
 * - `consumer`: an event a consumer gave up on (unreadable, against its contract, or its handler kept
 *   failing). It is recorded here whether or not the `.dlq` topic took it too, so a dead letter is never
 *   lost when that topic refuses it.
 *
 * Replays are kept in `dead_letter_replay`: who replayed what and when, and the answer an
 * `Idempotency-Key` gets again.
 */
export class DeadLetterTables1765000000000 implements MigrationInterface {
  name = 'DeadLetterTables1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dead_letter (
        id                BIGSERIAL PRIMARY KEY,
        source            TEXT NOT NULL CHECK (source IN ('outbox', 'consumer')),
        topic             TEXT NOT NULL,
        message_key       TEXT,
        event_id          UUID,
        event_type        TEXT,
        event_version     SMALLINT,
        value             BYTEA,
        headers           JSONB NOT NULL DEFAULT '{}',
        reason            TEXT NOT NULL,
        attempts          INTEGER NOT NULL,
        parked_at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
        outbox_id         BIGINT,
        outbox_created_at TIMESTAMPTZ,
        consumer          TEXT,
        partition         INTEGER,
        "offset"          BIGINT,
        dlq_published     BOOLEAN NOT NULL DEFAULT false,
        CHECK (source <> 'outbox' OR (outbox_id IS NOT NULL AND message_key IS NOT NULL)),
        CHECK (source <> 'consumer' OR (consumer IS NOT NULL AND partition IS NOT NULL AND "offset" IS NOT NULL))
      )`);
    // The relay skips the records of a parked topic and key: an index probe, on an almost always empty index.
    await q.query(
      `CREATE INDEX dead_letter_parked_key ON dead_letter (topic, message_key) WHERE source = 'outbox'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX dead_letter_outbox_id ON dead_letter (outbox_id) WHERE source = 'outbox'`,
    );
    // A redelivered message is dead-lettered once.
    await q.query(
      `CREATE UNIQUE INDEX dead_letter_consumed ON dead_letter (consumer, topic, partition, "offset") WHERE source = 'consumer'`,
    );
    await q.query(`
      CREATE TABLE dead_letter_replay (
        id               BIGSERIAL PRIMARY KEY,
        dead_letter_id   BIGINT NOT NULL,
        source           TEXT NOT NULL,
        topic            TEXT NOT NULL,
        message_key      TEXT,
        event_id         UUID,
        records          INTEGER NOT NULL,
        outcome          TEXT NOT NULL,
        replayed_by      TEXT NOT NULL,
        replayed_by_role TEXT NOT NULL,
        replayed_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
        idempotency_key  TEXT,
        UNIQUE (replayed_by, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Parked records go back to the outbox, in their places, rather than be dropped with the table.
    // Consumers' dead letters go with it: those the `.dlq` topic never took (dlq_published false) are
    // nowhere else, so list them first (GET /api/dead-letters).
    await q.query(`
      INSERT INTO outbox (id, event_id, event_type, event_version, topic, message_key, value, created_at)
      SELECT outbox_id, event_id, event_type, event_version, topic, message_key, convert_from(value, 'UTF8'),
             outbox_created_at
      FROM dead_letter WHERE source = 'outbox' ORDER BY outbox_id`);
    await q.query('DROP TABLE dead_letter_replay');
    await q.query('DROP TABLE dead_letter');
  }
}

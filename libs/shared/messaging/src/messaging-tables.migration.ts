import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox every service keeps in its own schema (unqualified names: the connection's
 * search_path is the service's schema). A statement trigger NOTIFYs the relay when a transaction that
 * wrote to the outbox commits, so publishing starts within milliseconds without busy polling. The outbox is a queue, not a record:
 * rows are deleted once the broker has them, and it carries only the primary key index (it is on the
 * hot path of every state change).
 */
export class MessagingTables1763800000000 implements MigrationInterface {
  name = 'MessagingTables1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id            BIGSERIAL PRIMARY KEY,
        event_id      UUID NOT NULL,
        event_type    TEXT NOT NULL,
        event_version SMALLINT NOT NULL,
        topic         TEXT NOT NULL,
        message_key   TEXT NOT NULL,
        value         TEXT NOT NULL,
        created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_' || TG_TABLE_SCHEMA, '');
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
    await q.query(`
      CREATE TABLE inbox (
        consumer    TEXT NOT NULL,
        event_id    UUID NOT NULL,
        topic       TEXT NOT NULL,
        partition   INTEGER NOT NULL,
        "offset"    BIGINT NOT NULL,
        applied_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox');
    await q.query('DROP TRIGGER outbox_notify ON outbox');
    await q.query('DROP FUNCTION outbox_notify()');
    await q.query('DROP TABLE outbox');
  }
}

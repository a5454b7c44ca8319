import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data trade-capture owns (instruments, counterparties, books) as whole records keyed by their
 * natural key, each with a version for If-Match, and an audit row for every load, create and update with
 * the record before and after and who did it.
 */
export class TradeCaptureReference1764000000001 implements MigrationInterface {
  name = 'TradeCaptureReference1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reference_record (
        kind        TEXT NOT NULL CHECK (kind IN ('instrument', 'counterparty', 'book')),
        key         TEXT NOT NULL,
        record      JSONB NOT NULL,
        version     INTEGER NOT NULL CHECK (version >= 1),
        updated_at  TIMESTAMPTZ NOT NULL,
        updated_by  TEXT NOT NULL,
        PRIMARY KEY (kind, key)
      )`);
    await q.query(`
      CREATE TABLE reference_audit (
        id          BIGSERIAL PRIMARY KEY,
        kind        TEXT NOT NULL,
        key         TEXT NOT NULL,
        version     INTEGER NOT NULL,
        action      TEXT NOT NULL CHECK (action IN ('LOAD', 'CREATE', 'UPDATE')),
        before      JSONB,
        after       JSONB NOT NULL,
        actor_id    TEXT NOT NULL,
        actor_role  TEXT NOT NULL,
        event_id    UUID NOT NULL,
        at          TIMESTAMPTZ NOT NULL
      )`);
    await q.query('CREATE INDEX reference_audit_key ON reference_audit (kind, key, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reference_audit');
    await q.query('DROP TABLE reference_record');
  }
}

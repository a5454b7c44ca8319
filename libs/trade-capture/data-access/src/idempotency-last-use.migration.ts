import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each idempotency key was last used (claimed, or its answer replayed), indexed, so the retention
 * pruner deletes keys a while after their last use (idempotencyKeyRetention) reading only those. Keys
 * stored before count as used now: the column's default is taken once, without rewriting the table, and
 * stays for any writer that does not name the column (an older instance during a rolling deploy).
 */
export class TradeCaptureIdempotencyLastUse1764100000001 implements MigrationInterface {
  name = 'TradeCaptureIdempotencyLastUse1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_key ADD COLUMN last_used_at TIMESTAMPTZ NOT NULL DEFAULT now()');
    await q.query('CREATE INDEX idempotency_key_last_used ON idempotency_key (last_used_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idempotency_key_last_used');
    await q.query('ALTER TABLE idempotency_key DROP COLUMN last_used_at');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on when each inbox row was applied, so the retention pruner reads only the rows it deletes
 * (inboxRetentionRule). The inbox is written a batch per statement, so one more index costs consumers
 * little; the outbox, on every state change's path, stays with its primary key alone.
 */
export class MessagingInboxRetention1764100000000 implements MigrationInterface {
  name = 'MessagingInboxRetention1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX inbox_applied_at ON inbox (applied_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX inbox_applied_at');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A NETTED step's obligation kind, securities or cash: a CCP trade goes into one of each, and is settled
 * only once both are known and settled. Steps recorded before keep it in their facts.
 */
export class TradeCaptureObligationKind1764000000003 implements MigrationInterface {
  name = 'TradeCaptureObligationKind1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE trade_timeline ADD COLUMN obligation_kind TEXT CHECK (obligation_kind IN ('SECURITIES', 'CASH'))`,
    );
    await q.query(`UPDATE trade_timeline SET obligation_kind = facts->>'kind' WHERE kind = 'NETTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE trade_timeline DROP COLUMN obligation_kind');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A stream position for each timeline row: the id of the transaction that wrote it, then its seq.
 * `seq` alone cannot be resumed from: two transactions take seqs in one order and may commit in the
 * other, so a reader past seq 11 would never see seq 10 committed after it. Read up to the oldest
 * transaction still running (pg_snapshot_xmin), positions only ever grow: nothing can commit below one
 * already handed out.
 */
export class TradeCaptureStreamPosition1764000000002 implements MigrationInterface {
  name = 'TradeCaptureStreamPosition1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE trade_timeline ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id()');
    await q.query('DROP INDEX trade_timeline_changes');
    await q.query(
      'CREATE INDEX trade_timeline_stream ON trade_timeline (tx, seq) WHERE status_after IS DISTINCT FROM status_before',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX trade_timeline_stream');
    await q.query(
      'CREATE INDEX trade_timeline_changes ON trade_timeline (book, seq) WHERE status_after IS DISTINCT FROM status_before',
    );
    await q.query('ALTER TABLE trade_timeline DROP COLUMN tx');
  }
}

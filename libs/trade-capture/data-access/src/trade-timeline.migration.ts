import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline: one row per lifecycle step of a trade, from any office's event (an event about several
 * trades, such as a netted obligation, makes one row per trade). `seq` orders the live stream and is the
 * SSE event id a client resumes from. The derivation inputs (version, obligation, instruction, final) are
 * columns so the status can be recomputed from the rows alone.
 */
export class TradeCaptureTimeline1764000000000 implements MigrationInterface {
  name = 'TradeCaptureTimeline1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trade_timeline (
        seq             BIGSERIAL PRIMARY KEY,
        trade_id        TEXT NOT NULL,
        book            TEXT,
        event_id        UUID NOT NULL,
        event_type      TEXT NOT NULL,
        producer        TEXT NOT NULL,
        kind            TEXT NOT NULL,
        version         INTEGER,
        obligation_id   TEXT,
        instruction_id  TEXT,
        final           BOOLEAN,
        occurred_at     TIMESTAMPTZ NOT NULL,
        recorded_at     TIMESTAMPTZ NOT NULL,
        actor_id        TEXT NOT NULL,
        actor_role      TEXT NOT NULL,
        summary         TEXT NOT NULL,
        facts           JSONB NOT NULL,
        status_before   TEXT,
        status_after    TEXT,
        UNIQUE (event_id, trade_id)
      )`);
    await q.query('CREATE INDEX trade_timeline_trade ON trade_timeline (trade_id, seq)');
    await q.query(
      'CREATE INDEX trade_timeline_changes ON trade_timeline (book, seq) WHERE status_after IS DISTINCT FROM status_before',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE trade_timeline');
  }
}

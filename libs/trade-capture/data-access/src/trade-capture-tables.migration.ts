import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * trade-capture's own tables: the current trade, every version as published, the idempotency keys of
 * capture requests, and a sequence for trade ids (unique across instances, gap-tolerant).
 * Amounts are NUMERIC, never floats; the database refuses a non-positive quantity or price itself.
 */
export class TradeCaptureTables1763900000000 implements MigrationInterface {
  name = 'TradeCaptureTables1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SEQUENCE trade_id_seq AS BIGINT START 1');
    await q.query(`
      CREATE TABLE trade (
        trade_id          TEXT PRIMARY KEY,
        version           INTEGER NOT NULL CHECK (version >= 1),
        status            TEXT NOT NULL,
        book              TEXT NOT NULL,
        trader            TEXT NOT NULL,
        side              TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
        instrument_id     TEXT NOT NULL,
        instrument_type   TEXT NOT NULL CHECK (instrument_type IN ('EQUITY', 'BOND', 'FX_SPOT')),
        quantity          NUMERIC NOT NULL CHECK (quantity > 0),
        price             NUMERIC NOT NULL CHECK (price > 0),
        currency          CHAR(3) NOT NULL,
        counterparty_lei  CHAR(20) NOT NULL,
        trade_date        DATE NOT NULL,
        settlement_date   DATE NOT NULL CHECK (settlement_date > trade_date),
        venue_mic         TEXT,
        commission        NUMERIC NOT NULL DEFAULT 0 CHECK (commission >= 0),
        external_ref      TEXT,
        gross_amount      NUMERIC NOT NULL,
        accrued_interest  NUMERIC,
        net_amount        NUMERIC NOT NULL,
        counter_amount    NUMERIC,
        counter_currency  CHAR(3),
        created_at        TIMESTAMPTZ NOT NULL,
        created_by        TEXT NOT NULL,
        updated_at        TIMESTAMPTZ NOT NULL,
        updated_by        TEXT NOT NULL
      )`);
    await q.query('CREATE INDEX trade_book_trade_date ON trade (book, trade_date, trade_id)');
    await q.query('CREATE INDEX trade_counterparty ON trade (counterparty_lei, trade_id)');
    await q.query('CREATE INDEX trade_instrument ON trade (instrument_id, trade_id)');
    await q.query(`
      CREATE TABLE trade_version (
        trade_id     TEXT NOT NULL REFERENCES trade (trade_id),
        version      INTEGER NOT NULL,
        payload      JSONB NOT NULL,
        event_id     UUID NOT NULL,
        recorded_at  TIMESTAMPTZ NOT NULL,
        recorded_by  TEXT NOT NULL,
        PRIMARY KEY (trade_id, version)
      )`);
    await q.query(`
      CREATE TABLE idempotency_key (
        principal     TEXT NOT NULL,
        key           TEXT NOT NULL,
        request_hash  TEXT NOT NULL,
        status_code   INTEGER,
        response      JSONB,
        created_at    TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (principal, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key');
    await q.query('DROP TABLE trade_version');
    await q.query('DROP TABLE trade');
    await q.query('DROP SEQUENCE trade_id_seq');
  }
}

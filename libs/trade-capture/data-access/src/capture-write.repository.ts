import { outboxInsertSql, outboxJson, type OutboxRecord } from '@tradeflow/shared/messaging';
import type { Tx } from '@tradeflow/shared/persistence';
import { TIMELINE_COLUMNS, timelineJson, type NewTimelineRow } from './timeline.repository';
import { TRADE_COLUMNS, tradeJson, type TradeRow } from './trade.repository';

/** Everything one new capture writes. */
export interface CaptureWrite {
  /** The caller and their Idempotency-Key, with the hash of the request it came with. */
  principal: string;
  key: string;
  requestHash: string;
  at: Date;
  trade: TradeRow;
  /** The trade as answered (201) and as its first version is published. */
  payload: unknown;
  event: OutboxRecord;
  /** The first timeline step, and the channel of the streams to wake when it commits. */
  step: { row: NewTimelineRow; wake?: string };
}

// One statement: it claims the keys and, for the keys it claimed, stores each trade, its first version,
// its event in the outbox and its first timeline step, then wakes the streams. A single
// statement is atomic without BEGIN and COMMIT, so a batch costs one round trip whatever its size. Rows
// travel as JSON arrays read by jsonb_populate_recordset, which takes the columns' types from the table:
// amounts are JSON strings, so NUMERIC receives them exactly. The first version is the answer stored
// under the key, with the event's id, so the payload travels once. A key claimed before (or by a
// transaction in flight, which the INSERT waits for) leaves that capture out: the caller answers it
// from the key.
const WRITE_CAPTURES = `
  WITH claimed AS (
    INSERT INTO idempotency_key (principal, key, request_hash, created_at, status_code, response)
    SELECT principal, key, request_hash, created_at, 201, response
    FROM jsonb_populate_recordset(NULL::idempotency_key, $1::jsonb)
    ON CONFLICT (principal, key) DO NOTHING
    RETURNING response->>'tradeId' AS trade_id, response, created_at, principal),
  trades AS (
    INSERT INTO trade (${TRADE_COLUMNS})
    SELECT ${TRADE_COLUMNS} FROM jsonb_populate_recordset(NULL::trade, $2::jsonb)
    WHERE trade_id IN (SELECT trade_id FROM claimed)),
  versions AS (
    INSERT INTO trade_version (trade_id, version, payload, event_id, recorded_at, recorded_by)
    SELECT claimed.trade_id, 1, claimed.response, e.event_id, claimed.created_at, claimed.principal
    FROM claimed JOIN jsonb_to_recordset($3::jsonb) AS e(message_key text, event_id uuid)
      ON e.message_key = claimed.trade_id),
  events AS (${outboxInsertSql('$3::jsonb', 'message_key IN (SELECT trade_id FROM claimed)')}),
  steps AS (
    INSERT INTO trade_timeline (${TIMELINE_COLUMNS})
    SELECT ${TIMELINE_COLUMNS} FROM jsonb_populate_recordset(NULL::trade_timeline, $4::jsonb) WITH ORDINALITY
    WHERE trade_id IN (SELECT trade_id FROM claimed)
    ORDER BY ordinality
    ON CONFLICT (event_id, trade_id) DO NOTHING
    RETURNING seq, trade_id),
  woken AS (
    -- Streams are woken once per channel; they read the new steps from the table.
    SELECT pg_notify(channel, '') AS sent
    FROM (SELECT DISTINCT w.channel
          FROM steps JOIN jsonb_to_recordset($5::jsonb) AS w(trade_id text, channel text) USING (trade_id)) AS c)
  SELECT 'claimed' AS kind, trade_id FROM claimed
  UNION ALL SELECT 'woken', NULL FROM woken`;

/** New captures, written together (see WRITE_CAPTURES). */
export class CaptureWriteRepository {
  /**
   * Writes the captures whose keys are new and returns their trade ids. Pass them sorted by
   * (principal, key), so two batches on two instances take the keys' locks in one order.
   */
  async write(q: Pick<Tx, 'query'>, writes: readonly CaptureWrite[]): Promise<Set<string>> {
    const { rows } = await q.query<{ kind: string; trade_id: string | null }>(WRITE_CAPTURES, [
      JSON.stringify(
        writes.map((w) => ({
          principal: w.principal,
          key: w.key,
          request_hash: w.requestHash,
          created_at: w.at.toISOString(),
          response: w.payload,
        })),
      ),
      JSON.stringify(writes.map((w) => tradeJson(w.trade))),
      JSON.stringify(writes.map((w) => outboxJson(w.event))),
      JSON.stringify(writes.map((w) => timelineJson(w.step.row))),
      JSON.stringify(
        writes.flatMap(({ trade, step: { wake } }) =>
          wake ? [{ trade_id: trade.tradeId, channel: wake }] : [],
        ),
      ),
    ]);
    return new Set(rows.filter((r) => r.kind === 'claimed').map((r) => r.trade_id!));
  }
}

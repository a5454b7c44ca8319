import { outboxInsertSql, outboxJson, type OutboxRecord } from '@tradeflow/shared/messaging';
import type { Tx } from '@tradeflow/shared/persistence';
import { TIMELINE_COLUMNS, timelineJson, type NewTimelineRow } from './timeline.repository';
import { TRADE_COLUMNS, tradeJson, type TradeRow } from './trade.repository';

/** One change of a trade as rows: everything TradeChangeRepository.write stores for it. */
export interface TradeChangeRows {
  /** The trade as it stands after the change. */
  trade: TradeRow;
  /** A new trade is inserted; an existing one is replaced, keeping who created it and when. */
  isNew: boolean;
  /** The version the change publishes, as published (a cancel moves the status and makes none). */
  version?: { payload: unknown; recordedAt: Date; recordedBy: string };
  /** Its event, keyed by the trade id. */
  event: OutboxRecord;
  /** Its timeline steps, each with the channel of the streams to wake when it commits. */
  steps: readonly { row: NewTimelineRow; wake?: string }[];
  /**
   * An Idempotency-Key claimed in the same statement (a capture): the change is written only if the
   * key is new, and the key stores the version's payload as its answer, with `statusCode`.
   */
  claim?: { principal: string; key: string; requestHash: string; statusCode: number };
}

// The columns an existing trade's row replaces: not its id, nor who created it and when.
const REPLACED = TRADE_COLUMNS.split(', ').filter(
  (c) => c !== 'trade_id' && c !== 'created_at' && c !== 'created_by',
);

// One statement: it claims the keys and, for the changes it keeps (those without a key, and those whose
// key it claimed), stores each trade (inserted or replaced), its version, its event in the outbox
// (whose statement trigger wakes the relay) and its timeline steps, then wakes the streams. The outbox
// insert first locks each trade's key until commit (outboxInsertSql), so a second writer of a trade waits
// for the first to commit before its event gets an id: the relay publishes a trade's events in commit
// order, whether or not the caller locked the trade's row. A single
// statement is atomic without BEGIN and COMMIT, so a batch of captures costs one round trip whatever
// its size; in the caller's transaction it commits or rolls back with the rest. Rows travel as JSON
// arrays read by jsonb_populate_recordset, which takes the columns' types from the table: amounts are
// JSON strings, so NUMERIC receives them exactly. A key's answer is its change's version, so the
// payload travels once. A key claimed before (or by a transaction in flight, which the INSERT waits
// for) leaves that change out: the caller answers it from the key.
//
// The statement holds only the parts a batch needs (a batch of captures replaces no row, an amendment
// claims no key): each shape is its own prepared statement, planned for what it does, so captures keep
// the plan they had before amendments and cancels shared the statement.
function statementFor(changes: readonly TradeChangeRows[]): { sql: string; params: string[] } {
  const params: string[] = [];
  const json = (rows: unknown[]) => `$${params.push(JSON.stringify(rows))}::jsonb`;
  const ctes: string[] = [];
  const claims = changes.filter((c) => c.claim);
  const unclaimed = changes.filter((c) => !c.claim).map((c) => c.trade.tradeId);
  const versions = changes.filter((c) => c.version);
  const versionsJson = versions.length > 0 ? json(versions.map(versionJson)) : '';
  if (claims.length > 0) {
    ctes.push(`claimed AS (
      INSERT INTO idempotency_key (principal, key, request_hash, created_at, last_used_at, status_code, response)
      SELECT c.principal, c.key, c.request_hash, v.recorded_at, v.recorded_at, c.status_code, v.payload
      FROM ROWS FROM (jsonb_to_recordset(${json(claims.map(claimJson))})
          AS (trade_id text, principal text, key text, request_hash text, status_code int))
        WITH ORDINALITY AS c(trade_id, principal, key, request_hash, status_code, ordinality)
      JOIN jsonb_populate_recordset(NULL::trade_version, ${versionsJson}) AS v USING (trade_id)
      ORDER BY c.ordinality
      ON CONFLICT (principal, key) DO NOTHING
      RETURNING response->>'tradeId' AS trade_id)`);
  }
  // The trade ids written, as a query, when not all are: those whose key was claimed, and those without one.
  let keptIds: string | undefined;
  if (claims.length > 0 && unclaimed.length > 0) {
    ctes.push(`kept AS (
      SELECT jsonb_array_elements_text(${json(unclaimed)}) AS trade_id UNION ALL SELECT trade_id FROM claimed)`);
    keptIds = 'SELECT trade_id FROM kept';
  } else if (claims.length > 0) keptIds = 'SELECT trade_id FROM claimed';
  const keeps = (column: string) => (keptIds ? `${column} IN (${keptIds})` : 'true');
  const created = changes.filter((c) => c.isNew);
  if (created.length > 0) {
    ctes.push(`created AS (
      INSERT INTO trade (${TRADE_COLUMNS})
      SELECT ${TRADE_COLUMNS} FROM jsonb_populate_recordset(NULL::trade, ${json(created.map((c) => tradeJson(c.trade)))})
      WHERE ${keeps('trade_id')})`);
  }
  const replaced = changes.filter((c) => !c.isNew);
  if (replaced.length > 0) {
    ctes.push(`replaced AS (
      UPDATE trade t SET (${REPLACED.join(', ')}) = (${REPLACED.map((c) => `r.${c}`).join(', ')})
      FROM jsonb_populate_recordset(NULL::trade, ${json(replaced.map((c) => tradeJson(c.trade)))}) AS r
      WHERE t.trade_id = r.trade_id AND ${keeps('r.trade_id')})`);
  }
  if (versions.length > 0) {
    ctes.push(`versions AS (
      INSERT INTO trade_version (trade_id, version, payload, event_id, recorded_at, recorded_by)
      SELECT trade_id, version, payload, event_id, recorded_at, recorded_by
      FROM jsonb_populate_recordset(NULL::trade_version, ${versionsJson})
      WHERE ${keeps('trade_id')})`);
  }
  ctes.push(
    `events AS (${outboxInsertSql(json(changes.map((c) => outboxJson(c.event))), keeps('message_key'))})`,
  );
  const steps = changes.flatMap((c) => c.steps);
  const wakes = steps.flatMap(({ row, wake }) =>
    wake ? [{ event_id: row.eventId, trade_id: row.tradeId, channel: wake }] : [],
  );
  if (steps.length > 0) {
    ctes.push(`steps AS (
      INSERT INTO trade_timeline (${TIMELINE_COLUMNS})
      SELECT ${TIMELINE_COLUMNS}
      FROM jsonb_populate_recordset(NULL::trade_timeline, ${json(steps.map((s) => timelineJson(s.row)))}) WITH ORDINALITY
      WHERE ${keeps('trade_id')}
      ORDER BY ordinality
      ON CONFLICT (event_id, trade_id) DO NOTHING
      RETURNING event_id, trade_id)`);
  }
  const results = claims.length > 0 ? [`SELECT trade_id FROM claimed`] : [];
  if (steps.length > 0 && wakes.length > 0) {
    // Streams are woken once per channel, for steps written; they read the new steps from the table.
    ctes.push(`woken AS (
      SELECT pg_notify(channel, '') AS sent
      FROM (SELECT DISTINCT w.channel
            FROM steps JOIN jsonb_to_recordset(${json(wakes)}) AS w(event_id uuid, trade_id text, channel text)
              USING (event_id, trade_id)) AS c)`);
    results.push('SELECT NULL FROM woken');
  }
  // A statement must end in a query; data-modifying CTEs run whether it reads them or not.
  if (results.length === 0) results.push('SELECT NULL');
  return { sql: `WITH ${ctes.join(',\n')}\n${results.join(' UNION ALL ')}`, params };
}

/** Changes of trades, each written whole with its version, event and timeline steps (see statementFor). */
export class TradeChangeRepository {
  /**
   * Writes the changes (in the caller's transaction, or alone: one statement is atomic) and returns
   * the ids of the trades written: all but those whose key was claimed before. Pass claims sorted by
   * (principal, key), so two batches on two instances take the keys' locks in one order.
   */
  async write(q: Pick<Tx, 'query'>, changes: readonly TradeChangeRows[]): Promise<Set<string>> {
    if (changes.length === 0) return new Set();
    const answerless = changes.find((c) => c.claim && !c.version);
    if (answerless)
      throw new Error(`trade ${answerless.trade.tradeId} claims a key but has no version to answer`);
    const { sql, params } = statementFor(changes);
    const { rows } = await q.query<{ trade_id: string | null }>(sql, params);
    const written = new Set(changes.filter((c) => !c.claim).map((c) => c.trade.tradeId));
    for (const { trade_id } of rows) if (trade_id !== null) written.add(trade_id);
    return written;
  }
}

function claimJson(c: TradeChangeRows): Record<string, unknown> {
  return {
    trade_id: c.trade.tradeId,
    principal: c.claim!.principal,
    key: c.claim!.key,
    request_hash: c.claim!.requestHash,
    status_code: c.claim!.statusCode,
  };
}

function versionJson({ trade, version, event }: TradeChangeRows): Record<string, unknown> {
  return {
    trade_id: trade.tradeId,
    version: trade.version,
    payload: version!.payload,
    event_id: event.eventId,
    recorded_at: version!.recordedAt.toISOString(),
    recorded_by: version!.recordedBy,
  };
}

import type { Tx } from '@tradeflow/shared/persistence';
import type { TimelineStep, TimelineStepKind } from '@tradeflow/trade-capture/domain';
import type { TradeStatus } from '@tradeflow/shared/trading';

type Query = Pick<Tx, 'query'>;

export interface TradeHeadRow {
  tradeId: string;
  version: number;
  status: TradeStatus;
  book: string;
}

export interface NewTimelineRow {
  tradeId: string;
  book: string | null;
  eventId: string;
  eventType: string;
  producer: string;
  step: TimelineStep;
  recordedAt: string;
  actor: { id: string; role: string };
  summary: string;
  facts: Record<string, unknown>;
  statusBefore: TradeStatus | null;
  statusAfter: TradeStatus | null;
}

/** One step as the API shows it. */
export interface TimelineEntry {
  seq: string;
  tradeId: string;
  book: string | null;
  step: TimelineStepKind;
  event: string;
  eventId: string;
  producer: string;
  version?: number;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  summary: string;
  facts: Record<string, unknown>;
  statusBefore?: TradeStatus;
  statusAfter?: TradeStatus;
}

/**
 * Where a status change stands in the live stream: the id of the transaction that wrote it, then its
 * seq. Positions only grow in the order streams hand them out (see `changesAfter`).
 */
export interface StreamPosition {
  tx: string;
  seq: string;
}

export const STREAM_START: StreamPosition = { tx: '0', seq: '0' };

/** A status change and its stream position. */
export interface StreamedChange {
  position: StreamPosition;
  entry: TimelineEntry;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const ENTRY_COLUMNS = `seq::text AS seq, trade_id, book, kind, event_type, event_id, producer, version,
  ${ISO('occurred_at')} AS occurred_at, ${ISO('recorded_at')} AS recorded_at, actor_id, actor_role,
  summary, facts, status_before, status_after, obligation_id, instruction_id, final, obligation_kind`;

interface EntryRecord {
  seq: string;
  trade_id: string;
  book: string | null;
  kind: TimelineStepKind;
  event_type: string;
  event_id: string;
  producer: string;
  version: number | null;
  occurred_at: string;
  recorded_at: string;
  actor_id: string;
  actor_role: string;
  summary: string;
  facts: Record<string, unknown>;
  status_before: TradeStatus | null;
  status_after: TradeStatus | null;
  obligation_id: string | null;
  instruction_id: string | null;
  final: boolean | null;
  obligation_kind: 'SECURITIES' | 'CASH' | null;
}

/** The row as jsonb_populate_recordset(NULL::trade_timeline, ...) reads it. */
export function timelineJson(row: NewTimelineRow): Record<string, unknown> {
  return {
    trade_id: row.tradeId,
    book: row.book,
    event_id: row.eventId,
    event_type: row.eventType,
    producer: row.producer,
    kind: row.step.kind,
    version: row.step.version ?? null,
    obligation_id: row.step.obligationId ?? null,
    instruction_id: row.step.instructionId ?? null,
    final: row.step.final ?? null,
    obligation_kind: row.step.obligationKind ?? null,
    occurred_at: row.step.occurredAt,
    recorded_at: row.recordedAt,
    actor_id: row.actor.id,
    actor_role: row.actor.role,
    summary: row.summary,
    facts: row.facts,
    status_before: row.statusBefore,
    status_after: row.statusAfter,
  };
}

/** The columns of a new step, for INSERTs that name them (seq comes from its sequence). */
export const TIMELINE_COLUMNS = `trade_id, book, event_id, event_type, producer, kind, version, obligation_id,
  instruction_id, final, obligation_kind, occurred_at, recorded_at, actor_id, actor_role, summary, facts,
  status_before, status_after`;

/** The timeline table, and the trade head the timeline consumer moves. */
export class TimelineRepository {
  /** Locks the trades in id order (the same order amend and cancel take), so batches do not deadlock. */
  async lockHeads(tx: Tx, tradeIds: readonly string[]): Promise<Map<string, TradeHeadRow>> {
    const { rows } = await tx.query<{ trade_id: string; version: number; status: TradeStatus; book: string }>(
      'SELECT trade_id, version, status, book FROM trade WHERE trade_id = ANY($1) ORDER BY trade_id FOR UPDATE',
      [[...tradeIds]],
    );
    return new Map(
      rows.map((r) => [
        r.trade_id,
        { tradeId: r.trade_id, version: r.version, status: r.status, book: r.book },
      ]),
    );
  }

  /** The trade's steps so far, and the status its last recorded step left it in (what streams last said). */
  async steps(
    tx: Query,
    tradeId: string,
  ): Promise<{ steps: TimelineStep[]; lastStatus: TradeStatus | null }> {
    const { rows } = await tx.query<{
      kind: TimelineStepKind;
      version: number | null;
      occurred_at: string;
      obligation_id: string | null;
      instruction_id: string | null;
      final: boolean | null;
      obligation_kind: 'SECURITIES' | 'CASH' | null;
      status_after: TradeStatus | null;
    }>(
      `SELECT kind, version, ${ISO('occurred_at')} AS occurred_at, obligation_id, instruction_id, final,
         obligation_kind, status_after
       FROM trade_timeline WHERE trade_id = $1 ORDER BY seq`,
      [tradeId],
    );
    return {
      steps: rows.map(toStep),
      lastStatus: rows[rows.length - 1]?.status_after ?? null,
    };
  }

  /**
   * The new row's seq, or undefined when this event's step for this trade is already recorded. With
   * `wake`, streams listening on that channel are woken when the transaction commits (NOTIFY is
   * delivered on commit, and one per transaction: the payload is empty, so PostgreSQL folds repeats);
   * they read what changed from the table.
   */
  async insert(tx: Tx, row: NewTimelineRow, wake?: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ seq: string }>(
      `WITH inserted AS (
         INSERT INTO trade_timeline (${TIMELINE_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         ON CONFLICT (event_id, trade_id) DO NOTHING RETURNING seq)
       SELECT seq::text AS seq, CASE WHEN $20::text IS NULL THEN NULL ELSE pg_notify($20, '') END AS woken
       FROM inserted`,
      [
        row.tradeId,
        row.book,
        row.eventId,
        row.eventType,
        row.producer,
        row.step.kind,
        row.step.version ?? null,
        row.step.obligationId ?? null,
        row.step.instructionId ?? null,
        row.step.final ?? null,
        row.step.obligationKind ?? null,
        row.step.occurredAt,
        row.recordedAt,
        row.actor.id,
        row.actor.role,
        row.summary,
        JSON.stringify(row.facts),
        row.statusBefore,
        row.statusAfter,
        wake ?? null,
      ],
    );
    return rows[0]?.seq;
  }

  async setStatus(tx: Tx, tradeId: string, status: TradeStatus): Promise<void> {
    await tx.query('UPDATE trade SET status = $2 WHERE trade_id = $1', [tradeId, status]);
  }

  /** A trade's steps in story order (when they happened), each with what status derivation needs. */
  async forTrade(q: Query, tradeId: string): Promise<{ entry: TimelineEntry; step: TimelineStep }[]> {
    const { rows } = await q.query<EntryRecord>(
      `SELECT ${ENTRY_COLUMNS} FROM trade_timeline WHERE trade_id = $1 ORDER BY occurred_at, seq`,
      [tradeId],
    );
    return rows.map((r) => ({ entry: toEntry(r), step: toStep(r) }));
  }

  /**
   * Status changes after `after` (every book, or only `books`), in stream order, among those no
   * transaction still running can precede: rows of transactions older than the oldest one running.
   * A change committed later therefore never lands before a position already handed out.
   */
  async changesAfter(
    q: Query,
    after: StreamPosition,
    books: readonly string[] | undefined,
    limit: number,
  ): Promise<StreamedChange[]> {
    const { rows } = await q.query<EntryRecord & { tx: string }>(
      // ORDER BY t.tx, t.seq, not the text aliases: text order would put seq 10 before seq 9.
      `SELECT ${ENTRY_COLUMNS}, tx::text AS tx FROM trade_timeline t
       WHERE status_after IS DISTINCT FROM status_before
         AND (t.tx, t.seq) > ($1::xid8, $2::bigint)
         AND t.tx < pg_snapshot_xmin(pg_current_snapshot())
         AND ($3::text[] IS NULL OR book = ANY($3))
       ORDER BY t.tx, t.seq LIMIT $4`,
      [after.tx, after.seq, books ? [...books] : null, limit],
    );
    return rows.map((r) => ({ position: { tx: r.tx, seq: r.seq }, entry: toEntry(r) }));
  }

  /**
   * What a stream resuming after `after` would replay, in every book: `ahead` when no change stands at
   * or after it (a position never handed out), how many changes came after it (counted up to
   * `limit` + 1) and whether any of those was recorded before `since`. Reads at most `limit` + 1 rows.
   */
  async resumeCheck(
    q: Query,
    after: StreamPosition,
    limit: number,
    since: Date,
  ): Promise<{ ahead: boolean; missed: number; stale: boolean }> {
    const { rows } = await q.query<{ ahead: boolean; missed: number; stale: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM trade_timeline t WHERE status_after IS DISTINCT FROM status_before
                AND (t.tx, t.seq) >= ($1::xid8, $2::bigint)) AS ahead,
              count(*)::int AS missed, coalesce(bool_or(m.recorded_at < $4::timestamptz), false) AS stale
       FROM (SELECT t.recorded_at FROM trade_timeline t
             WHERE status_after IS DISTINCT FROM status_before AND (t.tx, t.seq) > ($1::xid8, $2::bigint)
             ORDER BY t.tx, t.seq LIMIT $3) m`,
      [after.tx, after.seq, limit + 1, since.toISOString()],
    );
    return rows[0]!;
  }

  /** The last position `changesAfter` can hand out now: live streams start after it. */
  async streamHead(q: Query): Promise<StreamPosition> {
    const { rows } = await q.query<StreamPosition>(
      `SELECT t.tx::text AS tx, t.seq::text AS seq FROM trade_timeline t
       WHERE status_after IS DISTINCT FROM status_before AND t.tx < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY t.tx DESC, t.seq DESC LIMIT 1`,
    );
    return rows[0] ?? STREAM_START;
  }
}

function toEntry(r: EntryRecord): TimelineEntry {
  return {
    seq: r.seq,
    tradeId: r.trade_id,
    book: r.book,
    step: r.kind,
    event: r.event_type,
    eventId: r.event_id,
    producer: r.producer,
    ...(r.version !== null ? { version: r.version } : {}),
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    actor: { id: r.actor_id, role: r.actor_role },
    summary: r.summary,
    facts: r.facts,
    ...(r.status_before ? { statusBefore: r.status_before } : {}),
    ...(r.status_after ? { statusAfter: r.status_after } : {}),
  };
}

function toStep(r: {
  kind: TimelineStepKind;
  version: number | null;
  occurred_at: string;
  obligation_id: string | null;
  instruction_id: string | null;
  final: boolean | null;
  obligation_kind: 'SECURITIES' | 'CASH' | null;
}): TimelineStep {
  return {
    kind: r.kind,
    occurredAt: r.occurred_at,
    ...(r.version !== null ? { version: r.version } : {}),
    ...(r.obligation_id !== null ? { obligationId: r.obligation_id } : {}),
    ...(r.instruction_id !== null ? { instructionId: r.instruction_id } : {}),
    ...(r.final !== null ? { final: r.final } : {}),
    ...(r.obligation_kind !== null ? { obligationKind: r.obligation_kind } : {}),
  };
}

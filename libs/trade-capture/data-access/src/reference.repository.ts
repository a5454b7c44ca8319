import type { Tx } from '@tradeflow/shared/persistence';

type Query = Pick<Tx, 'query'>;

export const REFERENCE_KINDS = ['instrument', 'counterparty', 'book'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface StoredReference<R = unknown> {
  kind: ReferenceKind;
  key: string;
  record: R;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ReferenceAuditEntry {
  id: string;
  kind: ReferenceKind;
  key: string;
  version: number;
  action: 'LOAD' | 'CREATE' | 'UPDATE';
  before: unknown;
  after: unknown;
  actor: { id: string; role: string };
  eventId: string;
  at: string;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `kind, key, record, version, ${ISO('updated_at')} AS updated_at, updated_by`;

interface Row {
  kind: ReferenceKind;
  key: string;
  record: unknown;
  version: number;
  updated_at: string;
  updated_by: string;
}

const toStored = (r: Row): StoredReference => ({
  kind: r.kind,
  key: r.key,
  record: r.record,
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/** Reference records and their audit trail. */
export class ReferenceRepository {
  async all(q: Query): Promise<StoredReference[]> {
    const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM reference_record ORDER BY kind, key`);
    return rows.map(toStored);
  }

  async find(q: Query, kind: ReferenceKind, key: string, lock = false): Promise<StoredReference | undefined> {
    const { rows } = await q.query<Row>(
      `SELECT ${COLUMNS} FROM reference_record WHERE kind = $1 AND key = $2${lock ? ' FOR UPDATE' : ''}`,
      [kind, key],
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  /** Keys in order after `after`; one more than `limit` tells the caller there is a next page. */
  async page(
    q: Query,
    kind: ReferenceKind,
    after: string | undefined,
    limit: number,
  ): Promise<StoredReference[]> {
    const { rows } = await q.query<Row>(
      `SELECT ${COLUMNS} FROM reference_record WHERE kind = $1 AND ($2::text IS NULL OR key > $2)
       ORDER BY key LIMIT $3`,
      [kind, after ?? null, limit + 1],
    );
    return rows.map(toStored);
  }

  /** False when the key exists already (a concurrent create or an earlier load). */
  async insert(
    tx: Tx,
    kind: ReferenceKind,
    key: string,
    record: unknown,
    at: string,
    by: string,
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      `INSERT INTO reference_record (kind, key, record, version, updated_at, updated_by)
       VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT (kind, key) DO NOTHING`,
      [kind, key, JSON.stringify(record), at, by],
    );
    return rowCount === 1;
  }

  async update(
    tx: Tx,
    kind: ReferenceKind,
    key: string,
    record: unknown,
    version: number,
    at: string,
    by: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE reference_record SET record = $3, version = $4, updated_at = $5, updated_by = $6
       WHERE kind = $1 AND key = $2`,
      [kind, key, JSON.stringify(record), version, at, by],
    );
  }

  async audit(tx: Tx, entry: Omit<ReferenceAuditEntry, 'id'>): Promise<void> {
    await tx.query(
      `INSERT INTO reference_audit (kind, key, version, action, before, after, actor_id, actor_role, event_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        entry.kind,
        entry.key,
        entry.version,
        entry.action,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        JSON.stringify(entry.after),
        entry.actor.id,
        entry.actor.role,
        entry.eventId,
        entry.at,
      ],
    );
  }

  async auditTrail(
    q: Query,
    filter: { kind?: ReferenceKind; key?: string },
    afterId: string | undefined,
    limit: number,
  ): Promise<ReferenceAuditEntry[]> {
    const { rows } = await q.query<{
      id: string;
      kind: ReferenceKind;
      key: string;
      version: number;
      action: ReferenceAuditEntry['action'];
      before: unknown;
      after: unknown;
      actor_id: string;
      actor_role: string;
      event_id: string;
      at: string;
    }>(
      // Ordered by the bigint column: a bare `id` would be the text alias (1, 10, 2…), and pages would skip.
      `SELECT id::text AS id, kind, key, version, action, before, after, actor_id, actor_role, event_id,
              ${ISO('at')} AS at
       FROM reference_audit
       WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR key = $2) AND ($3::bigint IS NULL OR id > $3)
       ORDER BY reference_audit.id LIMIT $4`,
      [filter.kind ?? null, filter.key ?? null, afterId ?? null, limit + 1],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      key: r.key,
      version: r.version,
      action: r.action,
      before: r.before,
      after: r.after,
      actor: { id: r.actor_id, role: r.actor_role },
      eventId: r.event_id,
      at: r.at,
    }));
  }
}

import type { Tx } from '@tradeflow/shared/persistence';

export interface StoredResponse {
  requestHash: string;
  statusCode: number | null;
  response: unknown;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: StoredResponse };

/**
 * Idempotency keys of capture requests, per caller. The claim is an INSERT in the request's own
 * transaction: a concurrent duplicate blocks on the unique key until the first commits, then finds its
 * stored response; if the first rolls back, the duplicate claims the key and runs. Either way, once.
 */
export class IdempotencyRepository {
  async claim(
    tx: Tx,
    principal: string,
    key: string,
    requestHash: string,
    now: Date,
  ): Promise<IdempotencyClaim> {
    const inserted = await tx.query(
      `INSERT INTO idempotency_key (principal, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (principal, key) DO NOTHING RETURNING key`,
      [principal, key, requestHash, now.toISOString()],
    );
    if (inserted.rowCount === 1) return { claimed: true };
    const { rows } = await tx.query<{ request_hash: string; status_code: number | null; response: unknown }>(
      'SELECT request_hash, status_code, response FROM idempotency_key WHERE principal = $1 AND key = $2',
      [principal, key],
    );
    const row = rows[0]!;
    return {
      claimed: false,
      existing: { requestHash: row.request_hash, statusCode: row.status_code, response: row.response },
    };
  }

  async complete(
    tx: Tx,
    principal: string,
    key: string,
    statusCode: number,
    response: unknown,
  ): Promise<void> {
    await tx.query(
      'UPDATE idempotency_key SET status_code = $3, response = $4 WHERE principal = $1 AND key = $2',
      [principal, key, statusCode, JSON.stringify(response)],
    );
  }

  /** The stored answers of keys claimed before (committed: a claim in flight was waited for). */
  async findMany(
    tx: Pick<Tx, 'query'>,
    keys: readonly { principal: string; key: string }[],
  ): Promise<Map<string, StoredResponse>> {
    const { rows } = await tx.query<{
      principal: string;
      key: string;
      request_hash: string;
      status_code: number | null;
      response: unknown;
    }>(
      `SELECT principal, key, request_hash, status_code, response FROM idempotency_key
       WHERE (principal, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keys.map((k) => k.principal), keys.map((k) => k.key)],
    );
    return new Map(
      rows.map((r) => [
        keyId(r.principal, r.key),
        { requestHash: r.request_hash, statusCode: r.status_code, response: r.response },
      ]),
    );
  }
}

/** One string for a (principal, key) pair; PostgreSQL text never holds NUL, so the separator cannot occur in either. */
export function keyId(principal: string, key: string): string {
  return `${principal}\u0000${key}`;
}

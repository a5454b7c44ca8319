import type { RetentionRule, Tx } from '@tradeflow/shared/persistence';

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
 * Every use of a key (its claim, each replay of its answer) stamps `last_used_at`, from which its
 * retention runs (idempotencyKeyRetention); a replay does so in the statement that reads the answer.
 */
export class IdempotencyRepository {
  async claim(
    tx: Tx,
    principal: string,
    key: string,
    requestHash: string,
    now: Date,
  ): Promise<IdempotencyClaim> {
    // Twice at most: a key pruned between the INSERT that found it and the UPDATE that reads it is new.
    for (let attempt = 1; ; attempt += 1) {
      const inserted = await tx.query(
        `INSERT INTO idempotency_key (principal, key, request_hash, created_at, last_used_at)
         VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (principal, key) DO NOTHING RETURNING key`,
        [principal, key, requestHash, now.toISOString()],
      );
      if (inserted.rowCount === 1) return { claimed: true };
      const existing = (await this.replay(tx, [{ principal, key }], now)).get(keyId(principal, key));
      if (existing) return { claimed: false, existing };
      if (attempt === 2) throw new Error(`idempotency key ${key} of ${principal} neither claimed nor found`);
    }
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

  /**
   * The stored answers of keys claimed before (committed: a claim in flight was waited for), each
   * marked used at `now` (a replay restarts the key's retention; a clock behind another instance's
   * never moves it back). Pass the keys sorted, so two replays lock shared keys in one order.
   */
  async replay(
    q: Pick<Tx, 'query'>,
    keys: readonly { principal: string; key: string }[],
    now: Date,
  ): Promise<Map<string, StoredResponse>> {
    const { rows } = await q.query<{
      principal: string;
      key: string;
      request_hash: string;
      status_code: number | null;
      response: unknown;
    }>(
      `UPDATE idempotency_key AS i SET last_used_at = GREATEST(i.last_used_at, $3)
       FROM unnest($1::text[], $2::text[]) AS k(principal, key)
       WHERE i.principal = k.principal AND i.key = k.key
       RETURNING i.principal, i.key, i.request_hash, i.status_code, i.response`,
      [keys.map((k) => k.principal), keys.map((k) => k.key), now.toISOString()],
    );
    return new Map(
      rows.map((r) => [
        keyId(r.principal, r.key),
        { requestHash: r.request_hash, statusCode: r.status_code, response: r.response },
      ]),
    );
  }
}

/**
 * The idempotency keys' retention rule: a key goes `retentionMs` after its last use, after which the
 * same key is a new request.
 */
export function idempotencyKeyRetention(retentionMs: number): RetentionRule {
  return { table: 'idempotency_key', column: 'last_used_at', retentionMs };
}

/** One string for a (principal, key) pair; PostgreSQL text never holds NUL, so the separator cannot occur in either. */
export function keyId(principal: string, key: string): string {
  return `${principal}\u0000${key}`;
}

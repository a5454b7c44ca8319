import type { Tx } from '@tradeflow/shared/persistence';
import { ProblemException } from '@tradeflow/shared/platform';
import type { IdempotencyRepository, StoredResponse } from '@tradeflow/trade-capture/data-access';
import { createHash } from 'node:crypto';

// What the write endpoints check before they act: the Idempotency-Key and the If-Match version.

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** 400 unless the Idempotency-Key is 1 to 128 visible ASCII characters (required where `required`). */
export function checkIdempotencyKey(key: string | undefined): asserts key is string {
  if (!key || !KEY_PATTERN.test(key)) {
    throw new ProblemException(400, 'Idempotency-Key is required: 1 to 128 visible ASCII characters', [
      {
        field: 'Idempotency-Key',
        message: key ? 'must be 1 to 128 visible ASCII characters' : 'is required',
      },
    ]);
  }
}

/**
 * Claims the key in the request's transaction: undefined when this request is the first (go on), the
 * stored answer when the same request came before, 409 when the key came with another request.
 */
export async function claimOrReplay(
  keys: IdempotencyRepository,
  tx: Tx,
  principal: string,
  key: string,
  hash: string,
  now: Date,
): Promise<StoredResponse | undefined> {
  const claim = await keys.claim(tx, principal, key, hash, now);
  if (claim.claimed) return undefined;
  if (claim.existing.requestHash !== hash) throw keyReused();
  return claim.existing;
}

/** 409: the key came before with another request. */
export function keyReused(): ProblemException {
  return new ProblemException(409, 'this Idempotency-Key was already used with a different request', [
    { field: 'Idempotency-Key', message: 'was used with another request' },
  ]);
}

/**
 * The version an If-Match names (`"3"`, `W/"3"` or `3`): 428 when it is required and missing, 400 when
 * it is not a version ETag, undefined when it is optional and absent.
 */
export function readIfMatch(ifMatch: string | undefined, required: true): number;
export function readIfMatch(ifMatch: string | undefined, required: false): number | undefined;
export function readIfMatch(ifMatch: string | undefined, required: boolean): number | undefined {
  if (ifMatch === undefined) {
    if (!required) return undefined;
    throw new ProblemException(428, 'If-Match is required: the version you read, as its ETag ("1")', [
      { field: 'If-Match', message: 'is required' },
    ]);
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) {
    throw new ProblemException(400, 'If-Match must be the ETag read, e.g. "1"', [
      { field: 'If-Match', message: 'is not a version ETag' },
    ]);
  }
  return Number(match[1]);
}

/** SHA-256 of the body in canonical JSON (keys sorted), so `{a,b}` and `{b,a}` are the same request. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

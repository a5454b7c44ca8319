import { ProblemException } from '@tradeflow/shared/platform';
import { createHash } from 'node:crypto';

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

/** A request field at fault, and what is wrong with it; `field` is '' for the request as a whole. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Why a domain rule refused, in the domain's words. Only the API layer turns a kind into an HTTP
 * status (platform's `problemFor`), so domain code never knows it is being called over HTTP.
 * - `malformed`: the input's shape is wrong (a missing field, a bad format, an unknown field);
 * - `forbidden`: the caller may not do this (a book they do not hold);
 * - `not-found`: no such thing, or one the caller may not see;
 * - `conflict`: the thing's state does not allow it now;
 * - `rule-broken`: well-formed, but a business rule says no.
 */
export type FailureKind = 'malformed' | 'forbidden' | 'not-found' | 'conflict' | 'rule-broken';

export interface DomainFailure {
  readonly kind: FailureKind;
  /** Every offending field, each named. */
  readonly errors: readonly FieldError[];
  /** One sentence for the whole failure; the API layer has a default per kind. */
  readonly detail?: string;
}

/** The refusal half of a domain result: `{ ok: true, … } | Failed`. */
export interface Failed {
  readonly ok: false;
  readonly failure: DomainFailure;
}

export function failed(kind: FailureKind, errors: readonly FieldError[], detail?: string): Failed {
  return { ok: false, failure: detail === undefined ? { kind, errors } : { kind, errors, detail } };
}

import type { DomainFailure, FailureKind } from '@tradeflow/shared/failure';
import { ProblemException } from './problem-details.filter';

// The one place a domain failure becomes an HTTP status (docs/http.md, "Errors").
const STATUS: Record<FailureKind, number> = {
  malformed: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rule-broken': 422,
};

const DEFAULT_DETAIL: Record<FailureKind, string> = {
  malformed: 'the request is malformed; see errors',
  forbidden: 'you may not do this',
  'not-found': 'not found',
  conflict: 'the current state does not allow this',
  'rule-broken': 'the request breaks a rule; see errors',
};

/** The problem+json answer for a domain failure; `detail` overrides the failure's own sentence. */
export function problemFor(failure: DomainFailure, detail?: string): ProblemException {
  const errors = failure.errors.map((e) => ({ field: e.field, message: e.message }));
  return new ProblemException(
    STATUS[failure.kind],
    detail ?? failure.detail ?? DEFAULT_DETAIL[failure.kind],
    errors.length > 0 ? errors : undefined,
  );
}

import { checkLei } from '@tradeflow/shared/reference';
import { parseCash } from '@tradeflow/shared/money';
import { type CounterpartyRecord } from './reference-record';
import {
  boolean,
  checkObject,
  decimal,
  newIssues,
  optional,
  pattern,
  pick,
  required,
  ruleKey,
  text,
  rejection,
  verdict,
  type ObjectSpec,
  type UpsertContext,
  type UpsertValidation,
} from './reference-upsert';

const COUNTERPARTY: ObjectSpec = {
  lei: required(
    pattern(/^[A-Z0-9]{18}[0-9]{2}$/, 'an LEI: 18 upper-case letters or digits and 2 check digits'),
  ),
  name: required(text()),
  shortName: optional(text()),
  country: required(pattern(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as GB')),
  // A branch's BIC may carry another country than the legal seat, so only its shape is checked.
  bic: optional(
    pattern(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'a BIC of 8 or 11 characters such as DEUTDEFF'),
  ),
  // USD amounts have 2 decimals; a zero limit is allowed (a counterparty on cash-up-front terms).
  creditLimitUsd: required(decimal((s) => parseCash(s, 'USD', { allowZero: true }))),
  active: required(boolean),
};

/** `POST /api/reference/counterparties` and `PUT /api/reference/counterparties/{lei}`. */
export function validateCounterpartyUpsert(
  body: unknown,
  ctx: UpsertContext<CounterpartyRecord>,
): UpsertValidation<CounterpartyRecord> {
  const issues = newIssues();
  checkObject(body, '', COUNTERPARTY, issues, 'a counterparty');
  if (issues.shape.length) return rejection(issues);

  const record = pick<CounterpartyRecord>(body as Record<string, unknown>, COUNTERPARTY);
  const lei = checkLei(record.lei);
  if (!lei.ok) issues.rules.push({ field: 'lei', message: `lei ${lei.reason}` });
  ruleKey(ctx, 'lei', record.lei, issues);
  return verdict(issues, () => record);
}

import { Dec, parseCash, parseQuantity } from '@tradeflow/shared/money';
import { ALL_INSTRUMENT_TYPES, type BookRecord } from './reference-record';
import {
  checkObject,
  currencyCode,
  decimal,
  nested,
  newIssues,
  oneOf,
  optional,
  pattern,
  required,
  ruleCurrency,
  ruleKey,
  text,
  uniqueArray,
  rejection,
  verdict,
  type ObjectSpec,
  type UpsertContext,
  type UpsertValidation,
} from './reference-upsert';

const LIMITS: ObjectSpec = {
  // In USD, so 2 decimals at most; zero is well formed but refused as a rule (it would block every trade).
  maxTradeNotionalUsd: required(decimal((s) => parseCash(s, 'USD', { allowZero: true }))),
  positionLimit: required(decimal((s) => parseQuantity(s))),
};

const BOOK: ObjectSpec = {
  book: required(pattern(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, 'a book code such as EQ-US-FLOW')),
  name: required(text()),
  // Trader ids are compared with the token's subject: whitespace in one is always a typo.
  traders: required(
    uniqueArray(pattern(/^[^\s\p{C}]{1,64}$/u, 'a trader id of 1 to 64 characters without spaces', 256)),
  ),
  baseCurrency: required(currencyCode),
  instrumentTypes: optional(
    uniqueArray(oneOf(ALL_INSTRUMENT_TYPES), 'leave the field out to allow every instrument type'),
  ),
  limits: required(nested(LIMITS, 'the limits')),
};

/** `POST /api/reference/books` and `PUT /api/reference/books/{book}`. */
export function validateBookUpsert(
  body: unknown,
  ctx: UpsertContext<BookRecord>,
): UpsertValidation<BookRecord> {
  const issues = newIssues();
  checkObject(body, '', BOOK, issues, 'a book');
  if (issues.shape.length) return rejection(issues);

  const r = body as unknown as BookRecord;
  ruleKey(ctx, 'book', r.book, issues);
  ruleCurrency(r.baseCurrency, 'baseCurrency', issues);
  if (new Dec(r.limits.maxTradeNotionalUsd).isZero()) {
    issues.rules.push({
      field: 'limits.maxTradeNotionalUsd',
      message: 'limits.maxTradeNotionalUsd must be greater than 0: a zero limit would refuse every trade',
    });
  }
  return verdict(issues, () => ({
    book: r.book,
    name: r.name,
    traders: [...r.traders],
    baseCurrency: r.baseCurrency,
    ...(r.instrumentTypes !== undefined ? { instrumentTypes: [...r.instrumentTypes] } : {}),
    limits: { maxTradeNotionalUsd: r.limits.maxTradeNotionalUsd, positionLimit: r.limits.positionLimit },
  }));
}

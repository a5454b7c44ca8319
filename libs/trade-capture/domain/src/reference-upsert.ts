import { failed, type Failed, type FieldError } from '@tradeflow/shared/failure';
import { checkCurrency, type ParseResult } from '@tradeflow/shared/money';
import { isRealDate } from './trade-id';

// Shared machinery of the reference-data upsert validators. Two kinds of failure, as for trade capture:
// `malformed` when a value is not well formed (the event schema or the money parsers refuse it),
// `rule-broken` when it is well formed but breaks a business rule. All errors of the failing kind are
// reported, each naming its field with dots and indexes (`limits.positionLimit`, `traders[1]`).

export type UpsertValidation<T> = { ok: true; record: T } | Failed;

export interface UpsertContext<T> {
  mode: 'create' | 'update';
  /** The path key on update. */
  key?: string;
  /** The stored record on update. */
  existing?: T;
}

export interface Issues {
  /** Shape: malformed. */
  readonly shape: FieldError[];
  /** Business rules: rule-broken. */
  readonly rules: FieldError[];
}

export const newIssues = (): Issues => ({ shape: [], rules: [] });

/** Checks a present value, pushing shape errors under its field name. */
export type Check = (value: unknown, field: string, issues: Issues) => void;

export interface FieldSpec {
  readonly required: boolean;
  readonly check: Check;
}

export type ObjectSpec = Readonly<Record<string, FieldSpec>>;

export const required = (check: Check): FieldSpec => ({ required: true, check });
export const optional = (check: Check): FieldSpec => ({ required: false, check });

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const has = (obj: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;

const path = (parent: string, key: string): string => (parent === '' ? key : `${parent}.${key}`);

/**
 * A JSON object with exactly the fields of `spec`: unknown ones and missing required ones are errors,
 * present ones go through their check. `what` names the object in messages ('an EQUITY instrument').
 */
export function checkObject(
  value: unknown,
  field: string,
  spec: ObjectSpec,
  issues: Issues,
  what = 'this object',
): void {
  if (!isPlainObject(value)) {
    const name = field === '' ? 'the request body' : field;
    issues.shape.push({ field, message: `${name} must be a JSON object, got ${describeValue(value)}` });
    return;
  }
  for (const key of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(spec, key)) {
      const name = path(field, clip(key));
      issues.shape.push({ field: name, message: `${name} is not a field of ${what}` });
    }
  }
  for (const [key, fieldSpec] of Object.entries(spec)) {
    const name = path(field, key);
    if (has(value, key)) fieldSpec.check(value[key], name, issues);
    else if (fieldSpec.required) issues.shape.push({ field: name, message: `${name} is required` });
  }
}

const bad = (issues: Issues, field: string, message: string): void => {
  issues.shape.push({ field, message });
};

/** A string, or an error saying what came instead; '' is refused too. */
function nonEmptyString(value: unknown, field: string, issues: Issues): value is string {
  if (typeof value !== 'string') {
    bad(issues, field, `${field} must be a string, got ${describeValue(value)}`);
    return false;
  }
  if (value === '') {
    bad(issues, field, `${field} must not be empty`);
    return false;
  }
  return true;
}

// Control, format and unassigned code points hide in logs, screens and exports.
const PRINTABLE = /^[^\p{C}]*$/u;

/** Free text such as a name: 1 to `max` characters, printable, not blank. */
export const text =
  (max = 500): Check =>
  (value, field, issues) => {
    if (!nonEmptyString(value, field, issues)) return;
    const length = [...value].length;
    if (length > max) bad(issues, field, `${field} is ${length} characters long; at most ${max} are allowed`);
    else if (value.trim() === '') bad(issues, field, `${field} must not be blank`);
    else if (!PRINTABLE.test(value)) bad(issues, field, `${field} must contain printable characters only`);
  };

/** A code with a fixed shape, e.g. an ISIN or a book code; `shape` says what is expected. */
export const pattern =
  (regex: RegExp, shape: string, maxLength = 64): Check =>
  (value, field, issues) => {
    if (!nonEmptyString(value, field, issues)) return;
    if (value.length > maxLength || !regex.test(value)) {
      bad(issues, field, `${field} must be ${shape}, got "${clip(value)}"`);
    }
  };

export const CURRENCY_SHAPE = /^[A-Z]{3}$/;
export const currencyCode: Check = pattern(CURRENCY_SHAPE, '3 upper-case letters (ISO 4217)');

/** A decimal string read by one of the parsers of `@tradeflow/shared/money`; never a JSON number. */
export const decimal =
  (parse: (input: string) => ParseResult, extra?: (input: string) => string | undefined): Check =>
  (value, field, issues) => {
    if (typeof value !== 'string') {
      const hint = typeof value === 'number' ? ' (decimals travel as strings)' : '';
      bad(issues, field, `${field} must be a string${hint}, got ${describeValue(value)}`);
      return;
    }
    const result = parse(value);
    if (!result.ok) {
      bad(issues, field, `${field} ${result.reason}`);
      return;
    }
    const problem = extra?.(value);
    if (problem) bad(issues, field, `${field} ${problem}`);
  };

export const oneOf =
  (values: readonly string[]): Check =>
  (value, field, issues) => {
    if (!nonEmptyString(value, field, issues)) return;
    if (!values.includes(value)) {
      bad(issues, field, `${field} must be one of ${values.join(', ')}, got "${clip(value)}"`);
    }
  };

export const date: Check = (value, field, issues) => {
  if (!nonEmptyString(value, field, issues)) return;
  if (!isRealDate(value)) bad(issues, field, `${field} must be a real date YYYY-MM-DD, got "${clip(value)}"`);
};

export const boolean: Check = (value, field, issues) => {
  if (typeof value !== 'boolean')
    bad(issues, field, `${field} must be true or false, got ${describeValue(value)}`);
};

/** A JSON array whose items pass `item`, without duplicates; `whenEmpty` refuses [] and says why. */
export const uniqueArray =
  (item: Check, whenEmpty?: string): Check =>
  (value, field, issues) => {
    if (!Array.isArray(value)) {
      bad(issues, field, `${field} must be a JSON array, got ${describeValue(value)}`);
      return;
    }
    if (value.length === 0 && whenEmpty) bad(issues, field, `${field} must not be empty: ${whenEmpty}`);
    const seen = new Map<unknown, number>();
    value.forEach((v: unknown, i) => {
      const name = `${field}[${i}]`;
      const before = issues.shape.length;
      item(v, name, issues);
      if (issues.shape.length > before) return;
      const first = seen.get(v);
      if (first !== undefined) bad(issues, name, `${name} repeats ${field}[${first}] ("${clip(String(v))}")`);
      else seen.set(v, i);
    });
  };

export const nested =
  (spec: ObjectSpec, what: string): Check =>
  (value, field, issues) => {
    checkObject(value, field, spec, issues, what);
  };

/** A broken rule on a well-formed currency code that is not a currency of ISO 4217 we settle. */
export function ruleCurrency(code: string, field: string, issues: Issues): boolean {
  const check = checkCurrency(code);
  if (!check.ok) issues.rules.push({ field, message: `${field} ${check.reason}` });
  return check.ok;
}

/** On update the body's key must be the path's: a PUT replaces a record, it does not rename it. */
export function ruleKey(ctx: UpsertContext<unknown>, field: string, value: string, issues: Issues): void {
  if (ctx.mode === 'update' && ctx.key !== undefined && ctx.key !== value) {
    issues.rules.push({
      field,
      message: `${field} ${clip(value)} does not match ${clip(ctx.key)} of the path; a record's key cannot change`,
    });
  }
}

/** A fresh object with the fields of `spec` that `obj` has, in the spec's order; for checked bodies only. */
export function pick<T>(obj: Record<string, unknown>, spec: ObjectSpec): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec)) if (has(obj, key)) out[key] = obj[key];
  return out as T;
}

/** The verdict: malformed if any shape error, else rule-broken if any rule broken, else the record. */
export function verdict<T>(issues: Issues, record: () => T): UpsertValidation<T> {
  return issues.shape.length || issues.rules.length ? rejection(issues) : { ok: true, record: record() };
}

/** The answer for a body with errors: the shape ones hide the rule ones. */
export function rejection<T>(issues: Issues): UpsertValidation<T> {
  return issues.shape.length ? failed('malformed', issues.shape) : failed('rule-broken', issues.rules);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

// Echoing a megabyte of attacker input back in an error body helps nobody.
export function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

import type { ProblemFieldError } from '../problem-details.filter';

// What the edge refuses in decoded input, before any door reads it. Everywhere: what PostgreSQL cannot
// store, a NUL (text refuses it, 22021; jsonb refuses \u0000, 22P05) and an unpaired UTF-16 surrogate
// (JSON.parse accepts "\ud800", but no UTF-8 text holds it). In the path, the query and the headers a
// door reads, any control character as well: they carry identifiers, keys and versions, never free
// text. Bodies keep their tabs and newlines; each field's own rule judges those.

const NUL = '\u0000';
const LONE_SURROGATE = /\p{Cs}/u; // with the u flag, only a half without its pair matches
const CONTROL = /\p{Cc}/u;

/** The most errors one refusal lists: a 1 MiB body could otherwise name a hundred thousand fields. */
export const MAX_TEXT_ERRORS = 100;

/** Why a body's text cannot be accepted, or `undefined` if it can. */
export function unstorableText(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain NUL (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired surrogate (U+D800 to U+DFFF alone)';
  return undefined;
}

/** Why a path, query or header value cannot be accepted, or `undefined` if it can. */
export function unacceptableParameter(text: string): string | undefined {
  if (CONTROL.test(text)) return 'must not contain control characters';
  return unstorableText(text);
}

/**
 * Every string and every object key of a parsed JSON body that cannot be stored, each named by its path
 * (`reason`, `legs[0].isin`; `''` for a body that is a bare string). Walked without recursion, so a body
 * nested thousands deep costs a loop, not the stack.
 */
export function bodyTextErrors(body: unknown): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  // Values to look at, and names already found at fault, in document order (popped from the end).
  const pending: ({ value: unknown; path: string } | { nameFault: string; path: string })[] = [
    { value: body, path: '' },
  ];
  while (pending.length > 0 && errors.length < MAX_TEXT_ERRORS) {
    const item = pending.pop()!;
    if ('nameFault' in item) {
      errors.push({ field: item.path, message: `the field name ${item.nameFault}` });
      continue;
    }
    const { value, path } = item;
    if (typeof value === 'string') {
      const fault = unstorableText(value);
      if (fault) errors.push({ field: path, message: fault });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path: `${path}[${i}]` });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const at = path === '' ? key : `${path}.${key}`;
        pending.push({ value: child, path: at });
        const fault = unstorableText(key);
        if (fault) pending.push({ nameFault: fault, path: at }); // the name before its value
      }
    }
  }
  return errors;
}

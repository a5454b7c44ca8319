/** How one list's sort key becomes cursor text and back. Key values travel as text, in sort order. */
export interface CursorSpec<K> {
  /** Names the list and its key layout (e.g. `trades.v1`): change it when the key changes, and cursors
   * given out before are refused instead of misread. */
  tag: string;
  /** How many values a key has. */
  arity: number;
  toParts(key: K): readonly string[];
  /** The key from its values, or `undefined` when one is out of range: the list's last check before its
   * values reach SQL (a `::timestamptz` or `::bigint` cast would fail on a crafted value). */
  fromParts(parts: readonly string[]): K | undefined;
}

/** Longer than any cursor this API gives out; bounds what is decoded and parsed. */
export const MAX_CURSOR_LENGTH = 512;

// PostgreSQL refuses a NUL in text; other control characters and lone surrogates match nothing stored.
const UNSAFE = /[\p{Cc}\p{Cs}]/u;

/**
 * An opaque keyset cursor: base64url of the JSON array `[tag, ...key values]` of a page's last row.
 * Decoding is strict: only the exact text `encode` would give for the decoded key is accepted.
 */
export class KeysetCursor<K> {
  constructor(private readonly spec: CursorSpec<K>) {}

  encode(key: K): string {
    return toText([this.spec.tag, ...this.spec.toParts(key)]);
  }

  /** The key, or `undefined` for anything this cursor's `encode` did not make; never throws. */
  decode(text: unknown): K | undefined {
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CURSOR_LENGTH) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      return undefined; // not base64url JSON
    }
    if (!Array.isArray(value) || value.length !== this.spec.arity + 1) return undefined;
    if (!value.every((part): part is string => typeof part === 'string' && !UNSAFE.test(part))) {
      return undefined;
    }
    const [tag, ...parts] = value;
    if (tag !== this.spec.tag) return undefined;
    const key = this.spec.fromParts(parts);
    // Base64url decoding skips stray characters and padding, JSON allows spaces: one spelling only.
    return key !== undefined && this.encode(key) === text ? key : undefined;
  }
}

/** A cursor on one text key (a reference key, an audit id), with an optional range check. */
export function textKeyCursor(
  tag: string,
  accept: (key: string) => boolean = () => true,
): KeysetCursor<string> {
  return new KeysetCursor<string>({
    tag,
    arity: 1,
    toParts: (key) => [key],
    fromParts: ([key]) => (key !== undefined && accept(key) ? key : undefined),
  });
}

function toText(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

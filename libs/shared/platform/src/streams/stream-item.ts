/**
 * What a live stream's source emits, in order. The status line (200) goes out with the first item, so a
 * source emits `open` as soon as it is live (nothing that happens afterwards can be missed) and any
 * failure before that is answered as a problem instead.
 */
export type StreamItem =
  | { kind: 'open' }
  /** An SSE event; `data` is sent as one line of JSON. */
  | { kind: 'event'; id?: string; event: string; data: unknown }
  /** A comment line (`: text`): clients ignore it, people reading the stream do not. */
  | { kind: 'comment'; text: string }
  /** Ends the stream with a last comment saying why and what the client should do. */
  | { kind: 'end'; reason: string };

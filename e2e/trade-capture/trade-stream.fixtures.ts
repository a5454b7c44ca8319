import { waitFor } from '@tradeflow/shared/testing';

export interface StreamedEvent {
  id?: string;
  event?: string;
  data: Record<string, unknown>;
}

export interface OpenStream {
  events: StreamedEvent[];
  /** The comment lines received (`: keep-alive`, `: connected`, a last word saying why it ended). */
  comments: string[];
  /** Settles when the server has ended the stream, or close() was called. */
  ended: Promise<void>;
  /** Waits until the events received so far satisfy `done`, and returns them. */
  until(done: (events: StreamedEvent[]) => boolean): Promise<StreamedEvent[]>;
  close(): void;
}

/** A Server-Sent Events client over fetch (EventSource cannot send an Authorization header). */
export async function openStream(baseUrl: string, auth: string, lastEventId?: string): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/stream/trades`, {
    headers: { authorization: auth, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new Error(`stream answered ${response.status} ${await response.text()}`);
  }
  const events: StreamedEvent[] = [];
  const comments: string[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            if (line.startsWith(':') || !line.includes(':')) continue;
            const at = line.indexOf(':');
            fields.set(line.slice(0, at), line.slice(at + 1).trimStart());
          }
          const data = fields.get('data');
          if (data === undefined) continue;
          events.push({
            ...(fields.has('id') ? { id: fields.get('id')! } : {}),
            ...(fields.has('event') ? { event: fields.get('event')! } : {}),
            data: JSON.parse(data) as Record<string, unknown>,
          });
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    comments,
    ended,
    until: (done) => waitFor(() => (done(events) ? [...events] : undefined), { what: 'stream events' }),
    close: () => abort.abort(),
  };
}

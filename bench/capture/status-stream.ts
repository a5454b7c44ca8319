// One client of GET /api/stream/trades during a load phase: which bookings reached it, how often each,
// in what order, and how long after the capture was made (the step's occurredAt, the service's clock).

export interface StreamFigures {
  /** CAPTURED events received. */
  captured: number;
  /** Trade ids received more than once as CAPTURED. */
  duplicates: number;
  /** Events whose id was not after the one before. */
  outOfOrder: number;
  /** From the capture's occurredAt to the event's arrival here. */
  lagMs: { p50: number; p99: number; max: number };
}

export interface StreamWatch {
  /** Waits until `expected` bookings arrived (or `timeoutMs` passed), then closes and returns the figures. */
  finish(expected: number, timeoutMs?: number): Promise<StreamFigures>;
}

const position = (id: string) => id.split('-').map(BigInt) as [bigint, bigint];
const after = ([t1, s1]: [bigint, bigint], [t2, s2]: [bigint, bigint]) => (t1 !== t2 ? t1 > t2 : s1 > s2);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function watchStatusStream(url: string, authorization: string): Promise<StreamWatch> {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/stream/trades`, {
    headers: { authorization },
    signal: abort.signal,
  });
  if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
  const seen = new Set<string>();
  const lags: number[] = [];
  let duplicates = 0;
  let outOfOrder = 0;
  let last: [bigint, bigint] | undefined;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const arrived = Date.now();
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!id || !data) continue;
          const here = position(id);
          if (last && !after(here, last)) outOfOrder += 1;
          last = here;
          const change = JSON.parse(data) as { tradeId: string; status: string; occurredAt: string };
          if (change.status !== 'CAPTURED') continue;
          if (seen.has(change.tradeId)) duplicates += 1;
          seen.add(change.tradeId);
          lags.push(arrived - Date.parse(change.occurredAt));
        }
      }
    } catch {
      // aborted by finish()
    }
  })();
  return {
    async finish(expected, timeoutMs = 15000) {
      const deadline = Date.now() + timeoutMs;
      while (seen.size < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      abort.abort();
      await reading;
      const sorted = [...lags].sort((a, b) => a - b);
      return {
        captured: seen.size,
        duplicates,
        outOfOrder,
        lagMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
      };
    },
  };
}

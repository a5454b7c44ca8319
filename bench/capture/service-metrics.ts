// The service's own view of a phase, from its /metrics before and after: server-side latency of the
// captures (no load generator or network in it) and how the group commit batched them.

export type Scrape = Map<string, number>;

export async function scrapeMetrics(baseUrl: string): Promise<Scrape> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const samples: Scrape = new Map();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const cut = line.lastIndexOf(' ');
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}

export interface ServiceView {
  /** Captures answered 201, as the service counted them. */
  captures: number;
  /** Server-side latency of 201 captures, interpolated in the histogram's buckets (ms). */
  latencyMs: { p50: number | null; p99: number | null; mean: number | null };
  /** Transactions of the group commit, their mean size and mean time (ms). */
  batches: {
    transactions: number;
    meanSize: number | null;
    meanMs: number | null;
    p99Ms: number | null;
    /** How long captures waited for their write to start. */
    waitP50Ms: number | null;
    waitP99Ms: number | null;
  };
}

const CAPTURE = 'method="POST",route="/api/trades",status="201"';

export function serviceView(before: Scrape, after: Scrape): ServiceView {
  const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  const buckets = histogram(before, after, 'http_request_duration_seconds', CAPTURE);
  const batchBuckets = histogram(before, after, 'tradeflow_capture_batch_seconds', '');
  const waitBuckets = histogram(before, after, 'tradeflow_capture_wait_seconds', '');
  const count = delta(`http_request_duration_seconds_count{${CAPTURE}}`);
  const sum = delta(`http_request_duration_seconds_sum{${CAPTURE}}`);
  const transactions = delta('tradeflow_capture_batch_size_count');
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    captures: count,
    latencyMs: {
      p50: quantile(buckets, 0.5),
      p99: quantile(buckets, 0.99),
      mean: count > 0 ? round((sum / count) * 1000) : null,
    },
    batches: {
      transactions,
      meanSize: transactions > 0 ? round(delta('tradeflow_capture_batch_size_sum') / transactions) : null,
      meanMs:
        transactions > 0 ? round((delta('tradeflow_capture_batch_seconds_sum') / transactions) * 1000) : null,
      p99Ms: quantile(batchBuckets, 0.99),
      waitP50Ms: quantile(waitBuckets, 0.5),
      waitP99Ms: quantile(waitBuckets, 0.99),
    },
  };
}

/** The cumulative buckets of a histogram (labels other than `le` as given), counted over the phase. */
function histogram(before: Scrape, after: Scrape, metric: string, labels: string): [number, number][] {
  const buckets: [number, number][] = [];
  const prefix = `${metric}_bucket{le="`;
  const suffix = labels ? `",${labels}}` : '"}';
  for (const [name, value] of after) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    const le = name.slice(prefix.length, name.length - suffix.length);
    if (le.includes('"')) continue; // a bucket with other labels
    buckets.push([Number(le), value - (before.get(name) ?? 0)]);
  }
  return buckets.sort((a, b) => a[0] - b[0]);
}

/** As Prometheus' histogram_quantile: linear within the bucket the rank falls in (ms). */
function quantile(buckets: [number, number][], q: number): number | null {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, cumulative] of buckets) {
    if (cumulative >= rank) {
      if (!Number.isFinite(le)) return Math.round(lower * 1000);
      const share = cumulative === below ? 0 : (rank - below) / (cumulative - below);
      return Math.round((lower + (le - lower) * share) * 10000) / 10;
    }
    lower = le;
    below = cumulative;
  }
  return null;
}

// Load for POST /api/trades with autocannon: a closed loop of N connections (saturation) or an offered
// rate, every request with an Idempotency-Key of its own; which key got which answer is kept, so the
// trades stored can be checked against the 201s afterwards.
import autocannon from 'autocannon';

/** A valid booking (as e2e/trade-capture's APPLE_BUY); the quantity varies per request. */
export const BOOKING = {
  book: 'EQ-US-FLOW',
  side: 'BUY',
  instrumentId: 'US0378331005',
  quantity: '1000',
  price: '190.25',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  venueMic: 'XNAS',
  commission: '12.50',
} as const;

export interface LoadTarget {
  url: string;
  /** `Bearer …` of a trader of EQ-US-FLOW. */
  authorization: string;
}

/** Every Idempotency-Key sent, with the status that came back (0: no answer read, e.g. cut off at the end). */
export class KeyLedger {
  readonly status = new Map<string, number>();
  private next = 0;

  issue(phase: string): { key: string; n: number } {
    const n = this.next++;
    const key = `${phase}-${n}`;
    this.status.set(key, 0);
    return { key, n };
  }

  answer(key: string, status: number): void {
    this.status.set(key, status);
  }
}

export interface LatencyFigures {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  phase: string;
  connections: number;
  /** The rate asked of autocannon (requests/s), for a rate-limited phase. */
  offeredRate?: number;
  seconds: number;
  issued: number;
  answered: number;
  accepted: number;
  issuedPerSecond: number;
  acceptedPerSecond: number;
  /** Answers other than 201, by status. */
  nonAccepted: number;
  statuses: Record<string, number>;
  /** Requests sent whose answer was never read (in flight when the phase stopped, or timed out). */
  unanswered: number;
  errors: number;
  timeouts: number;
  /**
   * Every answer (201 or not), in milliseconds. A closed loop: autocannon's histogram (whole ms). An
   * offered rate: the requests sent once the ramp was over (see runOfferedRate), to 0.1 ms.
   */
  latencyMs: LatencyFigures;
  /** An offered rate: seconds left out at its start, and autocannon's histogram of the whole run with them. */
  ramp?: { seconds: number; answered: number; latencyMs: LatencyFigures };
  /** TCP connections the kernel dropped because an accept queue was full (ListenOverflows). */
  listenOverflows?: number;
  /** The first body seen for each non-201 status. */
  sampleBodies: Record<string, string>;
}

interface PhaseCounters {
  issued: number;
  answered: number;
  accepted: number;
  sampleBodies: Record<string, string>;
}

function requests(ledger: KeyLedger, target: LoadTarget, phase: string, counters: PhaseCounters) {
  const headers = { authorization: target.authorization, 'content-type': 'application/json' };
  return [
    {
      method: 'POST',
      path: '/api/trades',
      setupRequest: (_request: autocannon.RequestParams, context: Record<string, unknown>) => {
        const { key, n } = ledger.issue(phase);
        context['key'] = key;
        counters.issued += 1;
        return {
          method: 'POST',
          path: '/api/trades',
          headers: { ...headers, 'idempotency-key': key },
          body: JSON.stringify({ ...BOOKING, quantity: String(100 + (n % 900)) }),
        };
      },
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        ledger.answer(context['key'] as string, status);
        counters.answered += 1;
        if (status === 201) counters.accepted += 1;
        else counters.sampleBodies[String(status)] ??= body.slice(0, 500);
      },
    },
  ];
}

function summarise(
  phase: string,
  result: autocannon.Result,
  counters: PhaseCounters,
  seconds: number,
  extra: { connections: number; offeredRate?: number },
): PhaseResult {
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = count;
  const per = (n: number) => Math.round(n / seconds);
  return {
    phase,
    ...extra,
    seconds: Math.round(seconds * 100) / 100,
    issued: counters.issued,
    answered: counters.answered,
    accepted: counters.accepted,
    issuedPerSecond: per(counters.issued),
    acceptedPerSecond: per(counters.accepted),
    nonAccepted: counters.answered - counters.accepted,
    statuses,
    unanswered: counters.issued - counters.answered,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      p99_9: result.latency.p99_9,
      max: result.latency.max,
      mean: Math.round(result.latency.mean * 100) / 100,
    },
    sampleBodies: counters.sampleBodies,
  };
}

/** A closed loop: `connections` connections, each sending its next request as soon as it has an answer. */
export async function runClosedLoop(
  ledger: KeyLedger,
  target: LoadTarget,
  { phase, connections, seconds }: { phase: string; connections: number; seconds: number },
): Promise<PhaseResult> {
  const counters: PhaseCounters = { issued: 0, answered: 0, accepted: 0, sampleBodies: {} };
  const started = performance.now();
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: requests(ledger, target, phase, counters),
  });
  const wall = (performance.now() - started) / 1000;
  return summarise(phase, result, counters, wall, { connections });
}

/** Percentiles of latencies (ms), nearest rank, to 0.1 ms. */
export function latencyFigures(latencies: number[]): LatencyFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    round1(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    p99_9: at(0.999),
    max: round1(sorted.at(-1) ?? 0),
    mean: sorted.length > 0 ? Math.round((sum / sorted.length) * 100) / 100 : 0,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * An offered rate. autocannon's `overallRate` gives each connection a quota per second, sent back to back
 * at the start of its own one-second window, and all the windows of one instance start together: one
 * instance at 1,000/s would fire the whole second's requests in one burst. So the rate is split over
 * `slices` instances started 1/slices s apart, each with connections at one request per second: bursts
 * of rate/slices requests every 1/slices s. Coordinated-omission correction is off: autocannon would
 * take its expected interval as ceil(1/rate) = 1 ms and add a made-up sample for every millisecond of
 * each answer.
 *
 * Latencies are those of the requests sent after the first `rampSeconds`: while the instances start
 * (1 s) and open their `rate` connections, each connection's first answer, and every answer waiting
 * in this process while it builds instances, measure autocannon starting up, not the service. (A
 * plain Node server answering in 5 ms: p99 290 ms over the whole run, 26 ms once 2 s had passed.)
 * The whole run's histogram is kept beside them.
 */
export async function runOfferedRate(
  ledger: KeyLedger,
  target: LoadTarget,
  {
    phase,
    rate,
    seconds,
    slices,
    rampSeconds,
  }: { phase: string; rate: number; seconds: number; slices: number; rampSeconds: number },
): Promise<PhaseResult> {
  const counters: PhaseCounters = { issued: 0, answered: 0, accepted: 0, sampleBodies: {} };
  const n = Math.max(1, Math.min(slices, rate));
  const started = performance.now();
  const steadyFrom = started + rampSeconds * 1000;
  const steady: number[] = [];
  let rampAnswered = 0;
  const runs: PromiseLike<autocannon.Result>[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 1000 / n));
    // Slice i's share of the rate, so that the shares add up to it exactly.
    const share = Math.floor((rate * (i + 1)) / n) - Math.floor((rate * i) / n);
    const instance = autocannon({
      url: target.url,
      connections: share,
      overallRate: share,
      ignoreCoordinatedOmission: true,
      skipAggregateResult: true,
      duration: seconds,
      timeout: 30,
      requests: requests(ledger, target, phase, counters),
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      // Sent when the answer came less the time it took.
      if (performance.now() - ms >= steadyFrom) steady.push(ms);
      else rampAnswered += 1;
    });
    runs.push(instance);
  }
  const results = await Promise.all(runs);
  const wall = (performance.now() - started) / 1000;
  const result = autocannon.aggregateResult(results, { url: target.url, connections: rate });
  // Per second of each slice's run (the slices overlap but for the stagger): `rate` sent per second if met.
  const whole = summarise(phase, result, counters, seconds, { connections: rate, offeredRate: rate });
  return {
    ...whole,
    seconds: Math.round(wall * 100) / 100,
    latencyMs: latencyFigures(steady),
    ramp: { seconds: rampSeconds, answered: rampAnswered, latencyMs: whole.latencyMs },
  };
}

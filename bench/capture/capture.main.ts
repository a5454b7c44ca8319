// `npm run bench:capture`: POST /api/trades on one trade-capture process, driven by autocannon:
// saturation (closed loop), then an offered rate; afterwards the trades stored are checked against the
// 201s and the outbox is timed until it drains. Figures only, never a pass/fail; prints a table, saves JSON.
import { devKeyPath, signToken } from '@tradeflow/shared/auth';
import { quoteIdent } from '@tradeflow/shared/persistence';
import { PrivateBroker, startService, type StartedService } from '@tradeflow/shared/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  KeyLedger,
  runClosedLoop,
  runOfferedRate,
  type LoadTarget,
  type PhaseResult,
} from './capture-load.bench';
import { cpuBetween, cpuSnapshot, postgresPidsServing, type CpuShare } from './cpu-usage';
import { listenOverflows } from './listen-overflows';
import { scrapeMetrics, serviceView, type ServiceView } from './service-metrics';
import { watchStatusStream, type StreamFigures } from './status-stream';

const env = process.env;
const databaseUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tradeflow';
const seconds = Number(env['BENCH_SECONDS'] ?? 30);
const rate = Number(env['BENCH_RATE'] ?? 1000);
const warmupSeconds = Number(env['BENCH_WARMUP_SECONDS'] ?? 5);
const probeSeconds = Number(env['BENCH_PROBE_SECONDS'] ?? 5);
/** Fixed connections for the saturation phase; unset: the best of a short probe of 16, 32 and 64. */
const fixedConnections = env['BENCH_CONNECTIONS'] ? Number(env['BENCH_CONNECTIONS']) : undefined;
const probeConnections = (env['BENCH_PROBE_CONNECTIONS'] ?? '16,32,64').split(',').map(Number);
/** Staggered autocannon instances that share the offered rate (see runOfferedRate). */
const rateSlices = Number(env['BENCH_RATE_SLICES'] ?? 100);
const logLevel = env['BENCH_LOG_LEVEL'] ?? 'warn';
/** Seconds at the start of an offered-rate phase whose requests are not timed (see runOfferedRate). */
const rampSeconds = Number(env['BENCH_RAMP_SECONDS'] ?? 2);
/** Length of the offered-rate phase with a live status stream open; 0 leaves it out. */
const streamSeconds = Number(env['BENCH_STREAM_SECONDS'] ?? 10);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;

interface Outbox {
  /** Largest backlog seen (sampled each second) during the phase. */
  maxBacklog: number;
  backlogAtEnd: number;
  /** Seconds from the end of the phase until the outbox was empty; null if it did not drain in time. */
  drainSeconds: number | null;
}

interface Phase {
  load: PhaseResult;
  /** postgresProcessesCounted: the service's backends and the shared ones ('all' if not found). */
  cpu: CpuShare & { postgresProcessesCounted: number | 'all' };
  outbox: Outbox;
  server: ServiceView;
}

async function waitReady(service: StartedService, timeoutMs = 90000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.process.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`trade-capture exited while starting:\n${service.process.logs.slice(-4000)}`);
    try {
      const response = await fetch(`${service.url}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `trade-capture not ready within ${timeoutMs} ms:\n${service.process.logs.slice(-4000)}`,
      );
    }
    await sleep(250);
  }
}

function serviceRss(pid: number | undefined): { rssMiB: number; peakRssMiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: Math.round(kib('VmRSS') / 1024), peakRssMiB: Math.round(kib('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The service's log lines at warn or above, grouped (timestamps and pids left out), most frequent first. */
function summariseLogs(logs: string): { lines: number; distinct: { count: number; text: string }[] } {
  const counts = new Map<string, number>();
  let lines = 0;
  for (const raw of logs.split('\n')) {
    const line = raw.replace(ANSI, '').trim();
    let text: string | undefined;
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        const level = String(entry['level'] ?? '');
        if (/^(WARN|ERROR|FATAL)$/i.test(level)) {
          text = `${level} ${String(entry['logger'] ?? '')}: ${String(entry['message'] ?? '')} ${String(entry['error'] ?? '')}`;
        }
      } catch {
        // not JSON after all
      }
    } else {
      const nest = /^\[Nest\] \d+\s+-\s+.*?\s(WARN|ERROR|FATAL)\s+(.*)$/.exec(line);
      if (nest) text = `${nest[1]} ${nest[2]}`;
      else if (/\b(WARN|ERROR|FATAL)\b/.test(line)) text = line;
    }
    if (text === undefined) continue;
    lines += 1;
    // Group lines that differ only in numbers (batch sizes, offsets, schema suffixes aside).
    const key = text.replace(/\d+/g, 'N').slice(0, 240);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const distinct = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([text, count]) => ({ count, text }));
  return { lines, distinct };
}

async function main(): Promise<void> {
  // A broker of the bench's own (fresh, in a temporary folder) unless KAFKA_BROKERS names one: the service
  // publishes to the real fo.trade.captured.v1, and tens of thousands of bench trades left on the shared
  // broker would be replayed by every consumer that starts from the beginning (e2e services, fresh groups).
  const runDir = env['KAFKA_BROKERS'] ? undefined : mkdtempSync(join(tmpdir(), 'tradeflow-bench-kafka-'));
  const broker = runDir ? await PrivateBroker.create(runDir) : undefined;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    if (broker) {
      console.log(`starting a broker of the bench's own on ${broker.brokers} (${runDir})`);
      await broker.up();
    }
    const kafkaPid = runDir ? Number(readFileSync(join(runDir, 'kafka.pid'), 'utf8')) : undefined;
    await bench(db, broker?.brokers ?? env['KAFKA_BROKERS']!, kafkaPid);
  } finally {
    await db.end();
    await broker?.down();
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  }
}

async function bench(db: Client, brokers: string, kafkaPid: number | undefined): Promise<void> {
  const postgres = (await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]
    ?.v;
  const service = await startService(
    'trade-capture',
    {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      LOG_LEVEL: logLevel,
      // e.g. --cpu-prof, to see where the service's time goes under load
      ...(env['BENCH_SERVICE_NODE_OPTIONS'] ? { NODE_OPTIONS: env['BENCH_SERVICE_NODE_OPTIONS'] } : {}),
    },
    // "listening on" is logged at info, which LOG_LEVEL=warn hides: readiness is polled instead.
    { waitUntilListening: false },
  );
  const pid = service.process.child.pid;
  const schema = quoteIdent(service.schema);
  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${schema}.${table}`)).rows[0]?.n);
  let stopped: { code: number | null; signal: string | null } | undefined;
  try {
    await waitReady(service);
    const logsAtReady = service.process.logs.length;
    const privateKey = readFileSync(devKeyPath('private'), 'utf8');
    const target: LoadTarget = {
      url: service.url,
      authorization: `Bearer ${signToken({ role: 'trader', sub: 'alice', books: ['EQ-US-FLOW'], privateKey, expiresIn: '8h' })}`,
    };
    const ledger = new KeyLedger();

    // Runs one phase while sampling the outbox each second; then times the outbox until it is empty.
    const measure = async (run: () => Promise<PhaseResult>): Promise<Phase> => {
      let maxBacklog = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          maxBacklog = Math.max(maxBacklog, await count('outbox'));
          await sleep(1000);
        }
      })();
      const pids = {
        service: pid,
        kafka: kafkaPid,
        postgres: await postgresPidsServing(pid, (sql, params) => db.query<{ pid: number }>(sql, params)),
      };
      const scraped = await scrapeMetrics(service.url);
      const before = cpuSnapshot(pids);
      const overflowsBefore = listenOverflows();
      const measured = await run();
      const overflowsAfter = listenOverflows();
      const cpu = cpuBetween(before, cpuSnapshot(pids));
      const load: PhaseResult = {
        ...measured,
        ...(overflowsBefore !== undefined && overflowsAfter !== undefined
          ? { listenOverflows: overflowsAfter - overflowsBefore }
          : {}),
      };
      const server = serviceView(scraped, await scrapeMetrics(service.url));
      const ended = performance.now();
      sampling = false;
      await sampler;
      const backlogAtEnd = await count('outbox');
      maxBacklog = Math.max(maxBacklog, backlogAtEnd);
      let drainSeconds: number | null = null;
      for (let backlog = backlogAtEnd; ; backlog = await count('outbox')) {
        if (backlog === 0) {
          drainSeconds = round1((performance.now() - ended) / 1000);
          break;
        }
        if (performance.now() - ended > 120000) break;
        await sleep(25);
      }
      return {
        load,
        cpu: { ...cpu, postgresProcessesCounted: pids.postgres?.size ?? 'all' },
        outbox: { maxBacklog, backlogAtEnd, drainSeconds },
        server,
      };
    };

    console.log(`trade-capture up at ${service.url} (schema ${service.schema}, LOG_LEVEL=${logLevel})`);
    const warmup = await runClosedLoop(ledger, target, {
      phase: 'warmup',
      connections: 16,
      seconds: warmupSeconds,
    });
    console.log(`warm-up: ${warmup.accepted} trades in ${warmup.seconds} s`);

    const probe: PhaseResult[] = [];
    let connections = fixedConnections;
    if (connections === undefined) {
      for (const c of probeConnections) {
        const r = await runClosedLoop(ledger, target, {
          phase: `probe${c}`,
          connections: c,
          seconds: probeSeconds,
        });
        probe.push(r);
        console.log(`probe: ${c} connections → ${r.acceptedPerSecond} accepted/s, p99 ${r.latencyMs.p99} ms`);
      }
      // The fewest connections within 3 % of the best: more only adds queueing (latency), not captures.
      const best = Math.max(...probe.map((r) => r.acceptedPerSecond));
      connections = probe.find((r) => r.acceptedPerSecond >= best * 0.97)!.connections;
    }

    const saturation = await measure(() =>
      runClosedLoop(ledger, target, { phase: 'saturation', connections: connections!, seconds }),
    );
    console.log(`saturation done: ${saturation.load.acceptedPerSecond} accepted/s`);
    const offered = await measure(() =>
      runOfferedRate(ledger, target, { phase: 'rate', rate, seconds, slices: rateSlices, rampSeconds }),
    );
    console.log(`offered ${rate}/s done: ${offered.load.acceptedPerSecond} accepted/s`);
    // The same rate with a risk officer's live stream open (every book): what a watched service costs,
    // and whether every booking reaches the stream, once, in order, and how soon.
    let streamed: { phase: Phase; bookings: number; stream: StreamFigures } | undefined;
    if (streamSeconds > 0) {
      const watch = await watchStatusStream(
        service.url,
        `Bearer ${signToken({ role: 'risk', sub: 'rita', privateKey, expiresIn: '8h' })}`,
      );
      const tradesBefore = await count('trade');
      const phase = await measure(() =>
        runOfferedRate(ledger, target, {
          phase: 'stream',
          rate,
          seconds: streamSeconds,
          slices: rateSlices,
          rampSeconds,
        }),
      );
      const bookings = (await count('trade')) - tradesBefore;
      streamed = { phase, bookings, stream: await watch.finish(bookings) };
      console.log(`offered ${rate}/s with a stream done: ${phase.load.acceptedPerSecond} accepted/s`);
    }

    // Trades stored against the answers: every 201 must be stored, nothing else may be, except requests
    // whose answer was never read (in flight when autocannon stopped a phase; the server still commits them).
    const trades = await count('trade');
    const keyed = (
      await db.query<{ key: string; status_code: number | null }>(
        `SELECT key, status_code FROM ${schema}.idempotency_key WHERE principal = 'alice'`,
      )
    ).rows;
    const stored = new Set(keyed.filter((k) => k.status_code === 201).map((k) => k.key));
    let answered201 = 0;
    let missing = 0;
    for (const [key, status] of ledger.status) {
      if (status !== 201) continue;
      answered201 += 1;
      if (!stored.has(key)) missing += 1;
    }
    let storedUnanswered = 0;
    let storedButRefused = 0;
    for (const key of stored) {
      const status = ledger.status.get(key);
      if (status === 0) storedUnanswered += 1;
      else if (status !== 201) storedButRefused += 1;
    }
    const verification = {
      tradesStored: trades,
      idempotencyKeysStored: stored.size,
      answered201,
      /** 201 answered, trade not stored: lost. */
      missing,
      /** Stored, answer never read (cut off at a phase's end): not a fault. */
      storedUnanswered,
      /** Stored though the answer was not 201 (or the key was never sent): a fault. */
      storedButRefused,
      storedEquals201s:
        trades === stored.size &&
        missing === 0 &&
        storedButRefused === 0 &&
        trades - storedUnanswered === answered201,
    };
    const rss = serviceRss(pid);
    const serviceLog = summariseLogs(service.process.logs.slice(logsAtReady));
    /** autocannon keeps one request in flight per connection: a rate the service cannot answer is not offered. */
    const overloaded = offered.load.issuedPerSecond < rate * 0.95;

    const result = {
      measuredAt: new Date().toISOString(),
      kafka: { brokers, ownBroker: kafkaPid !== undefined },
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres,
      },
      settings: {
        seconds,
        rate,
        rateSlices,
        rampSeconds,
        warmupSeconds,
        probeSeconds,
        connections,
        logLevel,
        streamSeconds,
        serviceProcesses: 1,
      },
      saturationAcceptedPerSecond: saturation.load.acceptedPerSecond,
      offeredRateP99Ms: offered.load.latencyMs.p99,
      targets: {
        capturesPerSecondAtSaturation: { target: 2000, measured: saturation.load.acceptedPerSecond },
        p99MsAtOfferedRate: { target: 25, offeredRate: rate, measured: offered.load.latencyMs.p99 },
      },
      warmup,
      probe,
      saturation,
      offered,
      streamed,
      verification,
      offeredRateReached: !overloaded,
      service: { pid, ...rss, logAtWarnOrAbove: serviceLog },
    };

    const row = (name: string, p: PhaseResult): string[] => [
      name,
      String(p.connections),
      String(p.acceptedPerSecond),
      ...[p.latencyMs.p50, p.latencyMs.p90, p.latencyMs.p99, p.latencyMs.p99_9, p.latencyMs.max].map(String),
      p.ramp ? String(p.ramp.latencyMs.p99) : '',
      String(p.nonAccepted),
      String(p.unanswered),
    ];
    const rows: string[][] = [
      [
        'phase',
        'connections',
        'accepted/s',
        'p50',
        'p90',
        'p99',
        'p99.9',
        'max ms',
        'p99 with ramp',
        'non-201',
        'unanswered',
      ],
      row(`saturation (${seconds} s)`, saturation.load),
      row(`offered ${rate}/s (${seconds} s)`, offered.load),
      ...(streamed ? [row(`offered ${rate}/s + stream (${streamSeconds} s)`, streamed.phase.load)] : []),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    console.log(
      `\ncapture benchmark (latencies in ms): POST /api/trades, 1 trade-capture process, ${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${process.version}, PostgreSQL ${postgres}`,
    );
    for (const r of rows)
      console.log(
        `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`,
      );
    for (const [name, p] of [
      ['saturation', saturation],
      ['offered', offered],
      ...(streamed ? [['offered + stream', streamed.phase] as const] : []),
    ] as const) {
      const s = p.load;
      const statuses = Object.entries(s.statuses)
        .map(([code, n]) => `${code}×${n}`)
        .join(', ');
      console.log(
        `  ${name}: ${s.accepted} accepted of ${s.issued} sent (${s.issuedPerSecond}/s sent) in ${s.seconds} s; statuses ${statuses || 'none'}; errors ${s.errors}, timeouts ${s.timeouts}`,
      );
      for (const [code, body] of Object.entries(s.sampleBodies)) console.log(`    first ${code}: ${body}`);
      if (s.ramp) {
        console.log(
          `    latencies of the requests sent after the first ${s.ramp.seconds} s (${s.ramp.answered} answers before that left out); the whole run, as autocannon timed it: p50 ${s.ramp.latencyMs.p50}, p99 ${s.ramp.latencyMs.p99}, max ${s.ramp.latencyMs.max} ms`,
        );
      }
      if (s.listenOverflows !== undefined) {
        console.log(
          `    connections dropped at a full accept queue (TCP ListenOverflows, whole machine): ${s.listenOverflows}`,
        );
      }
      const cpu = p.cpu.percentOfCore;
      console.log(
        `    CPU (% of one core): service ${cpu.service}, autocannon ${cpu.autocannon}, postgres ${cpu.postgres}, kafka ${cpu.kafka}, other ${cpu.other}; machine ${p.cpu.machineBusyPercent} % busy (user ${p.cpu.machinePercent.user}, system ${p.cpu.machinePercent.system}, irq ${p.cpu.machinePercent.irq}, steal ${p.cpu.machinePercent.steal})`,
      );
      const sv = p.server;
      console.log(
        `    service's own view: ${sv.captures} captures, latency p50 ${sv.latencyMs.p50} ms, p99 ${sv.latencyMs.p99} ms, mean ${sv.latencyMs.mean} ms (from its histogram); ${sv.batches.transactions} transactions of ${sv.batches.meanSize} captures on average, ${sv.batches.meanMs} ms each (p99 ${sv.batches.p99Ms} ms), waited for p50 ${sv.batches.waitP50Ms} ms, p99 ${sv.batches.waitP99Ms} ms`,
      );
      console.log(
        `    outbox: max backlog ${p.outbox.maxBacklog}, ${p.outbox.backlogAtEnd} at the end, ${p.outbox.drainSeconds === null ? 'NOT drained within 120 s' : `drained ${p.outbox.drainSeconds} s after the load ended`}`,
      );
    }
    if (overloaded) {
      console.log(
        `  note: ${rate}/s was not offered: ${offered.load.issuedPerSecond}/s sent (one request in flight per connection, the service answered ${offered.load.acceptedPerSecond}/s); its latencies are queueing behind an overloaded service`,
      );
    }
    if (streamed) {
      const st = streamed.stream;
      console.log(
        `  live stream (one risk client, every book): ${st.captured} of ${streamed.bookings} bookings streamed, ${st.duplicates} twice, ${st.outOfOrder} out of order; capture → stream p50 ${st.lagMs.p50} ms, p99 ${st.lagMs.p99} ms, max ${st.lagMs.max} ms`,
      );
    }
    const v = verification;
    console.log(
      `  trades stored = 201s: ${v.storedEquals201s ? 'yes' : 'no'} (${v.tradesStored} stored, ${v.answered201} answered 201, ${v.storedUnanswered} stored whose answer was cut off at a phase end, ${v.missing} 201s missing, ${v.storedButRefused} stored without a 201)`,
    );
    console.log(`  service log lines at warn or above after start: ${serviceLog.lines}`);
    for (const { count, text } of serviceLog.distinct) console.log(`    ${count}× ${text.slice(0, 200)}`);
    if (rss) console.log(`  service RSS after the load: ${rss.rssMiB} MiB (peak ${rss.peakRssMiB} MiB)`);
    console.log(
      `  issue's targets (reported, not asserted): ≥2000 captures/s at saturation → ${saturation.load.acceptedPerSecond}/s with ${connections} connections; p99 ≤ 25 ms at ${rate}/s → ${offered.load.latencyMs.p99} ms`,
    );

    stopped = await service.process.stop('SIGTERM');
    console.log(`  service stopped (${stopped.signal ?? `exit ${stopped.code}`})`);
    const dir = join(__dirname, '../../../bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'capture.json'),
      `${JSON.stringify({ ...result, serviceStop: stopped }, null, 2)}\n`,
    );
    console.log(`saved bench/results/capture.json`);
  } finally {
    if (!stopped) await service.process.stop('SIGTERM');
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

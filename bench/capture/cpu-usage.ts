// Where the CPU goes during a phase: CPU time of the service, this process (autocannon), PostgreSQL
// (the service's backends), the Kafka broker and everything else (other people's work on a shared machine included), from /proc
// (Linux), as % of one core over the phase.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export type CpuGroup = 'service' | 'autocannon' | 'postgres' | 'kafka' | 'other';

export interface CpuSnapshot {
  at: number;
  /** Clock ticks per group. */
  ticks: Record<CpuGroup, number>;
  /** Machine-wide ticks (/proc/stat): user (+nice), system, irq + softirq, steal, and all of them with idle. */
  machine: { user: number; system: number; irq: number; steal: number; total: number };
}

/** Clock ticks per second (USER_HZ); 100 on every Linux this runs on. */
const HZ = 100;

function readStat(pid: string): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // gone meanwhile
  }
}

export interface CpuPids {
  service?: number;
  /** The broker; unknown (a broker not started by the bench): any JVM. */
  kafka?: number;
  /** PostgreSQL processes working for the service; unknown: every PostgreSQL process. */
  postgres?: ReadonlySet<number>;
}

function groupOf(pid: number, comm: string, pids: CpuPids): CpuGroup {
  if (pid === pids.service) return 'service';
  if (pid === process.pid) return 'autocannon';
  if (pids.postgres ? pids.postgres.has(pid) : comm.startsWith('postgres')) return 'postgres';
  if (pids.kafka !== undefined ? pid === pids.kafka : comm === 'java') return 'kafka';
  return 'other';
}

/** Local TCP ports of the sockets a process holds (/proc/<pid>/fd → socket inode → /proc/net/tcp*). */
function localPorts(pid: number): number[] {
  try {
    const inodes = new Set<string>();
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (link.startsWith('socket:[')) inodes.add(link.slice(8, -1));
      } catch {
        // closed meanwhile
      }
    }
    const ports: number[] = [];
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        if (fields.length > 9 && inodes.has(fields[9]!)) ports.push(parseInt(fields[1]!.split(':')[1]!, 16));
      }
    }
    return ports;
  } catch {
    return [];
  }
}

/**
 * The PostgreSQL processes that work for `pid` (the backends of its connections, found by client port)
 * and for everyone (checkpointer, WAL writer, ...), not the backends of other people's tests.
 */
export async function postgresPidsServing(
  pid: number | undefined,
  query: (sql: string, params: unknown[]) => Promise<{ rows: { pid: number }[] }>,
): Promise<Set<number> | undefined> {
  if (pid === undefined) return undefined;
  const ports = localPorts(pid);
  if (ports.length === 0) return undefined;
  const { rows } = await query(
    `SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[]) OR backend_type <> 'client backend'`,
    [ports],
  );
  return new Set(rows.map((r) => r.pid));
}

export function cpuSnapshot(pids: CpuPids): CpuSnapshot {
  const ticks: Record<CpuGroup, number> = { service: 0, autocannon: 0, postgres: 0, kafka: 0, other: 0 };
  let all: string[] = [];
  try {
    all = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    // no /proc: figures stay 0
  }
  for (const pid of all) {
    const stat = readStat(pid);
    if (!stat) continue;
    ticks[groupOf(Number(pid), stat.comm, pids)] += stat.ticks;
  }
  const machine = { user: 0, system: 0, irq: 0, steal: 0, total: 0 };
  try {
    // user nice system idle iowait irq softirq steal
    const cpu = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const at = (i: number) => cpu[i] ?? 0;
    Object.assign(machine, {
      user: at(0) + at(1),
      system: at(2),
      irq: at(5) + at(6),
      steal: at(7),
      total: cpu.reduce((a, b) => a + b, 0),
    });
  } catch {
    // no /proc/stat
  }
  return { at: performance.now(), ticks, machine };
}

export interface CpuShare {
  /** % of one core, per group (2 cores = 200 %). */
  percentOfCore: Record<CpuGroup, number>;
  /** Machine-wide busy %, of all cores. */
  machineBusyPercent: number;
  /** The same split: user, system (kernel, for the processes), irq + softirq, steal (by the hypervisor). */
  machinePercent: { user: number; system: number; irq: number; steal: number };
}

/**
 * CPU used between two snapshots: the service, this process, PostgreSQL's backends that lived through the
 * phase and the broker from their own counters; "other" is the rest of the machine's busy time.
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuShare {
  const seconds = (after.at - before.at) / 1000;
  const percent = (ticks: number) => Math.round((Math.max(0, ticks) / HZ / seconds) * 100);
  const percentOfCore = {} as Record<CpuGroup, number>;
  for (const group of ['service', 'autocannon', 'postgres', 'kafka'] as const) {
    percentOfCore[group] = percent(after.ticks[group] - before.ticks[group]);
  }
  // Everything else is what the machine was busy with beyond those: processes that came and went during
  // the phase (other people's builds and tests) included, and interrupt handling.
  const busy = (m: CpuSnapshot['machine']) => m.user + m.system + m.irq + m.steal;
  percentOfCore.other = Math.max(
    0,
    percent(busy(after.machine) - busy(before.machine)) -
      percentOfCore.service -
      percentOfCore.autocannon -
      percentOfCore.postgres -
      percentOfCore.kafka,
  );
  const total = after.machine.total - before.machine.total;
  const share = (key: 'user' | 'system' | 'irq' | 'steal') =>
    total > 0 ? Math.round(((after.machine[key] - before.machine[key]) / total) * 100) : 0;
  const machinePercent = {
    user: share('user'),
    system: share('system'),
    irq: share('irq'),
    steal: share('steal'),
  };
  return {
    percentOfCore,
    machineBusyPercent:
      machinePercent.user + machinePercent.system + machinePercent.irq + machinePercent.steal,
    machinePercent,
  };
}

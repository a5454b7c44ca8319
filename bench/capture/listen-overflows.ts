// Connections the kernel dropped because a listening socket's accept queue was full: the client sends
// its SYN again after 1 s, then 3 s, so a handful of them put seconds into a phase's tail. Machine-wide
// (/proc/net/netstat, Linux); undefined where it cannot be read.
import { readFileSync } from 'node:fs';

export function listenOverflows(): number | undefined {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const header = lines.findIndex((l) => l.startsWith('TcpExt:'));
    const names = lines[header]!.split(/\s+/);
    const values = lines[header + 1]!.split(/\s+/);
    const value = Number(values[names.indexOf('ListenOverflows')]);
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

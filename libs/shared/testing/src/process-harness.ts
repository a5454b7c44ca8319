import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('no nx.json above ' + start);
    dir = parent;
  }
  return dir;
}

/** A service or fixture running as a real OS process, built by the global setup into dist/. */
export class RunningProcess {
  private output = '';
  private readonly listeners = new Set<() => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const l of this.listeners) l();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  }

  get logs(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in the output (past or future). */
  waitForOutput(pattern: RegExp, timeoutMs = 60000): Promise<RegExpMatchArray> {
    return new Promise((res, rej) => {
      const check = () => {
        const match = this.output.match(pattern);
        if (match) {
          done();
          res(match);
        }
      };
      const timer = setTimeout(() => {
        done();
        rej(
          new Error(
            `${this.name}: no ${pattern} within ${timeoutMs} ms. Output:\n${this.output.slice(-4000)}`,
          ),
        );
      }, timeoutMs);
      const exit = () => {
        if (!this.output.match(pattern)) {
          done();
          rej(new Error(`${this.name} exited before ${pattern}. Output:\n${this.output.slice(-4000)}`));
        }
      };
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
        this.child.off('exit', exit);
      };
      this.listeners.add(check);
      this.child.once('exit', exit);
      check();
    });
  }

  async stop(
    signal: NodeJS.Signals = 'SIGTERM',
    timeoutMs = 20000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      const result = await this.exited;
      clearTimeout(timer);
      return result;
    }
    return this.exited;
  }
}

/** Starts `dist/<script>` (the compiled form of a .ts file under the repo) with the pinned Node. */
export function startProcess(name: string, tsPath: string, env: Record<string, string>): RunningProcess {
  const script = join(REPO_ROOT, 'dist', tsPath.replace(/\.ts$/, '.js'));
  if (!existsSync(script)) throw new Error(`${script} is missing: run node scripts/build.cjs`);
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new RunningProcess(name, child);
}

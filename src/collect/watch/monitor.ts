// A supervised long-running monitor (`tc monitor`, `ip -o monitor link`) inside one network
// namespace: lines are handed over as they come; when the process dies while we still want
// it, it is restarted after a short backoff and the death is reported.
import { createInterface } from 'node:readline';
import { execa, type ResultPromise } from 'execa';
import { track } from './runner.js';

export interface MonitorSpec {
  /** Label for reports ("host", netns name, "inode:N"). */
  netns: string;
  /** Path for nsenter --net=; null = our own namespace. */
  path: string | null;
  argv: string[];
  /** Run in front of argv, in the namespace (./deathSignal.ts); not part of what is reported. */
  guard: readonly string[];
  onLine: (line: string) => void;
  onRestart: (info: { netns: string; argv: string[]; exitCode: number | null; stderr: string; restarts: number }) => void;
}

const BACKOFF_MS = [100, 250, 500, 1000, 2000, 5000];

export class Monitor {
  private proc: ResultPromise | null = null;
  private stopped = false;
  private restarts = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly spec: MonitorSpec) {}

  start(): void {
    if (this.stopped) return;
    const argv = this.spec.path ? ['nsenter', `--net=${this.spec.path}`, ...this.spec.argv] : this.spec.argv;
    const run = this.spec.path ? ['nsenter', `--net=${this.spec.path}`, ...this.spec.guard, ...this.spec.argv] : [...this.spec.guard, ...this.spec.argv];
    const [file, ...args] = run as [string, ...string[]];
    // No shell: device and namespace names go through as argv. LC_ALL=C keeps output stable.
    // cleanup: false, see ./runner.ts; the watch kills its monitors itself.
    const proc = track(execa(file, args, { reject: false, cleanup: false, buffer: { stdout: false, stderr: true }, env: { LC_ALL: 'C' }, stdin: 'ignore' }));
    this.proc = proc;
    const rl = createInterface({ input: proc.stdout!, crlfDelay: Infinity });
    rl.on('line', (l) => this.spec.onLine(l));
    void proc.then((r) => {
      rl.close();
      if (this.stopped || this.proc !== proc) return;
      this.restarts++;
      const info = { netns: this.spec.netns, argv, exitCode: r.exitCode ?? null, stderr: String(r.stderr ?? '').slice(0, 500), restarts: this.restarts };
      const delay = BACKOFF_MS[Math.min(this.restarts - 1, BACKOFF_MS.length - 1)]!;
      // Reported once the replacement runs, so a re-read triggered by the report covers the gap.
      this.timer = setTimeout(() => {
        this.start();
        this.spec.onRestart(info);
      }, delay);
    });
  }

  /** Kills the process; resolves once it is gone (or after 500 ms, whichever is first). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const p = this.proc;
    if (!p) return;
    p.kill('SIGTERM');
    await Promise.race([p.then(() => undefined, () => undefined), new Promise((r) => setTimeout(r, 500).unref())]);
    if (p.exitCode === undefined || p.exitCode === null) p.kill('SIGKILL');
  }

  /** For tests and the restart path: the current process id. */
  get pid(): number | undefined {
    return this.proc?.pid;
  }
}

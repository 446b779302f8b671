// Every external command tc-audit runs goes through a Runner, so unit tests can replay
// recorded outputs and integration tests use the real tools. Commands are argv arrays,
// never shell strings: device names may hold `$`, `;` or non-ASCII letters.
import { spawnChild } from './spawn.js';

/** Where a command runs: null = tc-audit's own network namespace. */
export interface NsTarget {
  /** Label recorded in evidence ("host", a netns name, "inode:N"). */
  label: string;
  /** Path nsenter --net= enters; null = run here. */
  path: string | null;
}

export interface RunRequest {
  argv: string[];
  ns: NsTarget | null;
  input?: string;
  timeoutMs: number;
}

export interface RunResult {
  /** The argv actually executed (with the nsenter prefix when there was one). */
  argv: string[];
  ns: string | null;
  /** null when the process never exited normally (spawn failure, killed). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  /** ENOENT and similar: the program could not be started at all. */
  spawnError: string | null;
}

export interface Runner {
  run(req: RunRequest): Promise<RunResult>;
}

/** The prefix that enters another network namespace. `ip netns exec` is avoided on
 *  purpose: it remounts /sys and hides /sys/fs/bpf from bpftool. */
export function nsArgv(ns: NsTarget | null, argv: string[]): string[] {
  return ns?.path ? ['nsenter', `--net=${ns.path}`, ...argv] : argv;
}

// Built once. LC_ALL=C keeps tool messages parseable.
const ENV = { ...process.env, LC_ALL: 'C' };

/** The real tools, through execa (see spawn.ts for the lean options). */
export class ProcessRunner implements Runner {
  async run(req: RunRequest): Promise<RunResult> {
    const argv = nsArgv(req.ns, req.argv);
    const started = performance.now();
    const r = await spawnChild(argv, { input: req.input, timeoutMs: req.timeoutMs, env: ENV });
    return { ...r, argv, ns: req.ns?.label ?? null, durationMs: Math.round(performance.now() - started) };
  }
}


// One child process, the way the collector needs it: execa with argv (never a shell),
// optional stdin, both outputs as UTF-8 text, SIGTERM at the timeout and SIGKILL 0.5 s later
// for tools that ignore SIGTERM. Options are kept lean on purpose: measured on this 2-core
// machine, execa's defaults cost ~2.1 ms of main-thread CPU per command (node:child_process
// alone ~0.8 ms) and a 200-namespace audit runs ~600 commands; `cleanup: false` drops the
// per-child signal-exit registration (we kill leftovers ourselves, below), which also keeps
// signal-exit from re-raising SIGTERM under self-test's and watch's own handlers.
import { execa, type ResultPromise } from 'execa';

export interface SpawnResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  spawnError: string | null;
}

const KILL_AFTER_MS = 500;
// A JS string cannot hold much more; a tool printing this much is broken, not big.
const MAX_OUTPUT_CHARS = 256 * 1024 * 1024;

// Children still running when tc-audit exits (an exception, self-test's signal handlers)
// are killed: a hung bpftool must not outlive the audit.
const live = new Set<ResultPromise>();
/** Kills every child still running (the CLI calls it on SIGINT/SIGTERM/SIGHUP, which end
 *  node without its 'exit' event). */
export function killLiveChildren(): void {
  for (const c of live) c.kill('SIGKILL');
}
process.once('exit', killLiveChildren);

export async function spawnChild(argv: readonly string[], opts: { input?: string; timeoutMs: number; env: NodeJS.ProcessEnv }): Promise<SpawnResult> {
  const [file, ...args] = argv as [string, ...string[]];
  const child = execa(file, args, {
    reject: false,
    cleanup: false,
    extendEnv: false,
    env: opts.env,
    timeout: opts.timeoutMs,
    forceKillAfterDelay: KILL_AFTER_MS,
    maxBuffer: MAX_OUTPUT_CHARS,
    stripFinalNewline: false,
    encoding: 'utf8',
    ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
  });
  live.add(child);
  const r = await child;
  live.delete(child);
  // Spawn failures (ENOENT, EACCES) have no exit code; a timeout or an overflow is reported
  // as what it is rather than as the signal that ended the tool.
  const overflow = r.isMaxBuffer ? `output larger than ${MAX_OUTPUT_CHARS} characters` : null;
  const notStarted = r.failed && r.exitCode === undefined && r.signal === undefined && !r.timedOut
    ? (r.code ?? r.shortMessage ?? 'could not start') : null;
  return {
    exitCode: r.exitCode ?? null,
    stdout: typeof r.stdout === 'string' ? r.stdout : '',
    stderr: typeof r.stderr === 'string' ? r.stderr : '',
    timedOut: r.timedOut,
    spawnError: overflow ?? notStarted,
  };
}

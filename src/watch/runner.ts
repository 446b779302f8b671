// The watch's own command runner: ExecaRunner's behaviour with execa's `cleanup` off.
// Why: execa's cleanup registers signal-exit handlers per live child, and signal-exit
// re-raises SIGTERM when the number of process listeners happens to equal the number of
// its registrations, killing the watch before its own handler can exit 0. The watch kills
// its children itself (Monitor.stop, and killAllChildren on exit).
import { execa, type ResultPromise } from 'execa';
import { nsArgv, type RunRequest, type RunResult, type Runner } from '../collect/runner.js';

const live = new Set<ResultPromise>();

export function track(p: ResultPromise): ResultPromise {
  live.add(p);
  void p.then(() => live.delete(p), () => live.delete(p));
  return p;
}

/** Synchronous, for process 'exit': no child of the watch outlives it. */
export function killAllChildren(): void {
  for (const p of live) p.kill('SIGKILL');
}

export class WatchRunner implements Runner {
  async run(req: RunRequest): Promise<RunResult> {
    const argv = nsArgv(req.ns, req.argv);
    const started = performance.now();
    const [file, ...args] = argv as [string, ...string[]];
    const r = await track(execa(file, args, {
      input: req.input ?? '', reject: false, timeout: req.timeoutMs, forceKillAfterDelay: 500, cleanup: false,
      stripFinalNewline: false, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { LC_ALL: 'C' },
    }));
    const spawnError = r.failed && r.exitCode === undefined && !r.timedOut && r.signal === undefined
      ? (r.code ?? r.shortMessage ?? 'could not start') : null;
    return {
      argv,
      ns: req.ns?.label ?? null,
      exitCode: r.exitCode ?? null,
      stdout: typeof r.stdout === 'string' ? r.stdout : '',
      stderr: typeof r.stderr === 'string' ? r.stderr : '',
      durationMs: Math.round(performance.now() - started),
      timedOut: r.timedOut,
      spawnError,
    };
  }
}

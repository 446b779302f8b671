// The watch's long-running monitors (tc monitor, ip monitor) run with execa's `cleanup` off.
// Why: execa's cleanup registers signal-exit handlers per live child, and signal-exit
// re-raises SIGTERM when the number of process listeners happens to equal the number of
// its registrations, killing the watch before its own handler can exit 0. The watch kills
// its monitors itself (Monitor.stop, and killAllChildren on exit); one-shot commands go
// through the collector's ProcessRunner, which runs with cleanup off too.
import type { ResultPromise } from 'execa';

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

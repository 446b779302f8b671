// Collection bookkeeping: every command becomes evidence, every problem a CollectNote.
import type { CollectNote, Evidence } from '../model/bundle.js';
import type { RunRequest, RunResult, Runner } from './runner.js';

export class Recorder {
  readonly evidence: Evidence[] = [];
  readonly notes: CollectNote[] = [];
  constructor(readonly runner: Runner, readonly timeoutMs: number) {}

  note(kind: string, netns: string | null, device: string | null, message: string): void {
    this.notes.push({ kind, netns, device, message });
  }

  /** Run and record. A timeout or a missing program becomes a note here, once. */
  async run(req: Omit<RunRequest, 'timeoutMs'>): Promise<RunResult> {
    const r = await this.runner.run({ ...req, timeoutMs: this.timeoutMs });
    this.evidence.push({
      argv: r.argv, netns: r.ns, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs,
    });
    if (r.timedOut) {
      this.note('timeout', r.ns, null, `${req.argv.join(' ')} did not finish within ${this.timeoutMs} ms and was killed`);
    }
    return r;
  }
}

export const succeeded = (r: RunResult): boolean => !r.timedOut && r.spawnError === null && r.exitCode === 0;

/** nsenter's own failure (the namespace is gone) vs the tool's failure. */
export function nsenterFailed(r: RunResult): boolean {
  return r.argv[0] === 'nsenter' && /^nsenter: /m.test(r.stderr);
}

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
    return (await this.recorded(req)).r;
  }

  /** run, and the evidence entry it recorded (an instruction dump's stdout is replaced by a
   *  pointer once its instructions are in the snapshot: src/collect/programDetails.ts). */
  async recorded(req: Omit<RunRequest, 'timeoutMs'>): Promise<{ r: RunResult; evidence: Evidence }> {
    const r = await this.runner.run({ ...req, timeoutMs: this.timeoutMs });
    const evidence: Evidence = {
      argv: r.argv, netns: r.ns, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs,
    };
    this.evidence.push(evidence);
    if (r.timedOut) {
      this.note('timeout', r.ns, null, `${req.argv.join(' ')} did not finish within ${this.timeoutMs} ms and was killed`);
    }
    return { r, evidence };
  }
}

export const succeeded = (r: RunResult): boolean => !r.timedOut && r.spawnError === null && r.exitCode === 0;

/** nsenter's own failure (the namespace is gone) vs the tool's failure. */
export function nsenterFailed(r: RunResult): boolean {
  return r.argv[0] === 'nsenter' && /^nsenter: /m.test(r.stderr);
}

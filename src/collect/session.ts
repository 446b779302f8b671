// The front half of `audit` and `collect`: privilege check (exit 2 at once, naming what is
// missing), then the collection with progress on stderr when it is a terminal.
import { collectLive, type LiveCollection, type LiveOptions } from './live.js';
import { missingCapabilities, privilegeMessage, readEffectiveCaps } from './caps.js';
import { ProcessRunner, type Runner } from './runner.js';

export interface SessionDeps {
  runner?: Runner;
  /** Effective capability mask; default read from /proc/self/status. */
  caps?: bigint | null;
  stderr?: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): boolean };
  quiet?: boolean;
}

export type SessionOutcome = { ok: true; collection: LiveCollection } | { ok: false; exitCode: 2; message: string };

export async function liveSession(opts: LiveOptions, deps: SessionDeps = {}): Promise<SessionOutcome> {
  const own = opts.netns.length === 0 && opts.netnsPaths.length === 0 && opts.hostOnly;
  const missing = missingCapabilities(deps.caps === undefined ? readEffectiveCaps() : deps.caps, !own);
  if (missing.length > 0) return { ok: false, exitCode: 2, message: privilegeMessage(missing) };
  const err = deps.stderr ?? process.stderr;
  const progress = err.isTTY === true && deps.quiet !== true;
  const collection = await collectLive(deps.runner ?? new ProcessRunner(), {
    ...opts,
    onProgress: progress ? (done, total) => void err.write(`\rtc-audit: namespaces ${done}/${total}`) : undefined,
  });
  if (progress) err.write('\r\x1b[K');
  return { ok: true, collection };
}

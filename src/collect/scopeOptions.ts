// Scope and collection flags shared by `audit` and `collect`.
import { readlinkSync, statfsSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { LiveOptions } from './live.js';

/** Distinct instruction dumps a collection makes at most unless --max-dumps says otherwise
 *  (src/collect/programDetails.ts says why there is a cap). */
export const DEFAULT_MAX_DUMPS = 256;

export interface ScopeArgs {
  netns?: string[];
  'netns-path'?: string[];
  'max-dumps'?: number;
  'host-only'?: boolean;
  interface?: string[];
  timeout: number;
  jobs: number;
  quiet?: boolean;
  'node-name'?: string;
}

/** `existing`: namespaces named must exist now (audit, collect); watch follows a named one
 *  that does not exist yet (docs/watch.md). */
export function withScopeOptions<T>(y: Argv<T>, { existing = true }: { existing?: boolean } = {}): Argv<T & ScopeArgs> {
  return y
    .option('netns', { type: 'string', array: true, describe: 'Only this named namespace (/var/run/netns/NAME); repeatable' })
    .option('netns-path', { type: 'string', array: true, describe: 'Only the namespace at this path (e.g. /proc/PID/ns/net); repeatable' })
    .option('max-dumps', { type: 'number', describe: `Distinct programs whose instructions are dumped for bytecode verdicts, at most (default ${DEFAULT_MAX_DUMPS}; 0: none); the others get the knowledge base's verdict, else unknown` })
    .option('host-only', { type: 'boolean', describe: "Only the host's network namespace" })
    .option('interface', { alias: 'i', type: 'string', array: true, describe: 'Only devices matching this glob (e.g. "lxc*"); repeatable' })
    .option('timeout', { type: 'number', default: 10, describe: 'Seconds before a hung tc/ip/bpftool/nsenter is killed and reported' })
    .option('jobs', { alias: 'j', type: 'number', default: 4, describe: 'Namespaces collected at once' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress (and for collect, no summary) on stderr; errors are still said' })
    .option('node-name', { type: 'string', describe: 'Node name to record (default: hostname)' })
    .conflicts('host-only', ['netns', 'netns-path'])
    .check((a) => scopeArgsValid(a, existing)) as unknown as Argv<T & ScopeArgs>;
}

/** A number flag's value as a usage error quotes it: yargs gives NaN for a word. */
export const numberWord = (v: number): string => (Number.isNaN(v) ? 'no number' : String(v));

/** Why a namespace named on the command line cannot be entered, or null when it can (or
 *  when only privileges are missing, which the audit itself reports). */
function missing(path: string): string | null {
  try {
    statSync(path);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? `${path} does not exist` : null;
  }
}

/** nsfs (include/uapi/linux/magic.h NSFS_MAGIC): what /var/run/netns/NAME bind mounts and
 *  /proc/PID/ns/net links are on. */
const NSFS_MAGIC = 0x6e736673;

/** Why a path that exists is no network namespace, or null when it is one (or cannot be
 *  told: privileges, which the audit itself reports). A /proc/PID/ns link names its kind
 *  (`mnt:[…]`); a bind mount does not, and nsenter tells then. */
function notANetns(path: string): string | null {
  try {
    const kind = /^(\w+):\[/.exec(readlinkSync(path))?.[1];
    if (kind !== undefined) return kind === 'net' ? null : `a ${kind} namespace, not a network one`;
  } catch {
    // a bind mount (no link to read), or a link we may not read
  }
  try {
    if (BigInt(statfsSync(path, { bigint: true }).type) !== BigInt(NSFS_MAGIC)) return 'not a namespace file (a bind mount in /var/run/netns or /proc/PID/ns/net is)';
  } catch {
    // not ours to tell (privileges): the audit reports what nsenter says
  }
  return null;
}

/** Usage errors before any collection: a mistyped namespace would otherwise be audited as
 *  "nothing there", and with nothing to block the agent the answer would be keep (exit 0);
 *  a timeout or job count that is no number silently fell back to the default. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** --timeout of every live command: Node's timers hold at most 2^31-1 ms (~24.8 days); a
 *  longer one fires after 1 ms, and every command was killed. */
export function timeoutValid(timeout: number | undefined): true | string {
  if (timeout === undefined || (Number.isFinite(timeout) && timeout > 0 && timeout * 1000 <= MAX_TIMER_MS)) return true;
  return `--timeout: expected a number of seconds above 0 and at most ${Math.floor(MAX_TIMER_MS / 1000)}, got ${numberWord(timeout)}`;
}

function scopeArgsValid(a: { netns?: string[]; 'netns-path'?: string[]; interface?: string[]; timeout?: number; jobs?: number; 'max-dumps'?: number }, existing: boolean): true | string {
  // An empty name is the directory /var/run/netns itself; an empty path is nothing.
  if (a.netns?.includes('')) return '--netns needs a name (`ip netns list` shows them)';
  // A name is a file of /var/run/netns: `../../proc/1/ns/net` would reach out of it.
  const pathy = a.netns?.find((n) => n.includes('/') || n === '.' || n === '..');
  if (pathy !== undefined) return `--netns ${pathy}: a name from \`ip netns list\` holds no "/"; give a path with --netns-path`;
  if (a['netns-path']?.includes('')) return '--netns-path needs a path (e.g. /proc/PID/ns/net)';
  for (const n of existing ? (a.netns ?? []) : []) {
    const why = missing(`/var/run/netns/${n}`) ?? notANetns(`/var/run/netns/${n}`);
    if (why !== null) return `--netns ${n}: no such network namespace (${why}; \`ip netns list\` shows the named ones)`;
  }
  for (const p of existing ? (a['netns-path'] ?? []) : []) {
    const missingWhy = missing(p);
    if (missingWhy !== null) return `--netns-path ${p}: no such namespace (${missingWhy})`;
    const why = notANetns(p);
    if (why !== null) return `--netns-path ${p}: not a network namespace (${why})`;
  }
  // An empty glob matches no device, so the audit would see nothing (nothing-audited).
  if (a.interface?.includes('')) return '--interface: an empty pattern matches no device (quote a glob such as "lxc*")';
  const t = timeoutValid(a.timeout);
  if (t !== true) return t;
  if (a.jobs !== undefined && !(Number.isInteger(a.jobs) && a.jobs >= 1)) return `--jobs: expected a whole number of 1 or more, got ${numberWord(a.jobs)}`;
  const m = a['max-dumps'];
  if (m !== undefined && !(Number.isInteger(m) && m >= 0)) return `--max-dumps: expected a whole number of 0 or more, got ${numberWord(m)}`;
  return true;
}

export function liveOptionsFrom(a: ScopeArgs): LiveOptions {
  const timeout = Number.isFinite(a.timeout) && a.timeout > 0 ? a.timeout : 10;
  const jobs = Number.isFinite(a.jobs) && a.jobs >= 1 ? Math.floor(a.jobs) : 4;
  return {
    hostOnly: a['host-only'] === true,
    netns: a.netns ?? [],
    netnsPaths: a['netns-path'] ?? [],
    interfaces: a.interface ?? [],
    timeoutMs: Math.round(timeout * 1000),
    jobs,
    nodeName: a['node-name'] ?? null,
    instructions: true,
    maxDumps: a['max-dumps'] ?? DEFAULT_MAX_DUMPS,
  };
}

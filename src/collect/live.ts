// A live collection on this node: versions, every namespace in scope (bounded
// concurrency), program details and instructions. Read-only: only dump commands run.
import { hostname } from 'node:os';
import type { CollectNote, Evidence } from '../model/bundle.js';
import type { Netns, NodeSnapshot } from '../model/snapshot.js';
import type { ParseError } from '../parse/types.js';
import { assembleNamespace } from './assemble.js';
import { globToRegExp } from './links.js';
import { discoverNamespaces, type Denied, type NsCandidate, type ScopeOptions } from './namespaces.js';
import { collectNamespace } from './nsCollect.js';
import { mapLimit } from './pool.js';
import { ProgramFetcher } from './programDetails.js';
import { Recorder } from './record.js';
import type { RunResult, Runner } from './runner.js';
import { probeCapabilities, type Capabilities } from './versions.js';

export interface LiveOptions extends ScopeOptions {
  /** --interface globs; empty = every device. */
  interfaces: string[];
  timeoutMs: number;
  jobs: number;
  nodeName: string | null;
  /** Fetch translated instructions for bytecode verdicts. */
  instructions: boolean;
  /** Distinct instruction dumps at most (--max-dumps; src/collect/programDetails.ts). */
  maxDumps?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LiveCollection {
  snapshot: NodeSnapshot;
  evidence: Evidence[];
  notes: CollectNote[];
  errors: ParseError[];
  caps: Capabilities;
  /** One line per namespace, for AuditResult.inputs. */
  scope: string[];
}

export function describeNs(c: NsCandidate): string {
  const owner = c.containerId ? ` container ${c.containerId.slice(0, 12)}` : c.pod ? ` pod ${c.pod}` : '';
  return `netns ${c.id}${owner}`;
}

export async function collectLive(runner: Runner, opts: LiveOptions): Promise<LiveCollection> {
  const rec = new Recorder(runner, opts.timeoutMs);
  const { caps, results } = await probeCapabilities(runner, opts.timeoutMs);
  for (const r of results) rec.evidence.push({ argv: r.argv, netns: null, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs });
  capabilityNotes(rec, caps, { tc: results[0]!, ip: results[1]!, bpftool: results[2]! }, opts.timeoutMs);
  const denied: Denied = { count: 0, example: null };
  const candidates = discoverNamespaces(opts, denied);
  // Not "exited": their namespaces, pods' among them, would go unaudited without a word.
  if (denied.count > 0) {
    rec.note('netns-unreadable', null, null, `the network namespaces of ${denied.count} process(es) could not be read (permission denied on /proc/${denied.example}/ns/net and others): namespaces only they hold are not audited; in a container, tc-audit needs SYS_PTRACE and no confining AppArmor profile (deploy/daemonset.yaml)`);
  }
  const globs = opts.interfaces.map(globToRegExp);
  const errors: ParseError[] = [];
  let done = 0;
  const fetcher = caps.bpftoolAvailable ? new ProgramFetcher(rec, opts.instructions && opts.maxDumps !== 0, opts.maxDumps ?? Infinity) : null;
  // Said in the bundle too: an offline reader would otherwise not know why no program has instructions.
  if (opts.instructions && opts.maxDumps === 0 && fetcher !== null) rec.note('instructions-off', null, null, 'instruction dumps turned off (--max-dumps 0): verdicts come from the vendor knowledge base, else unknown');
  const raws = await mapLimit(candidates, opts.jobs, async (c) => {
    const raw = await collectNamespace(rec, c, caps, globs, fetcher ? (e) => fetcher.wantFromTcEntries(e) : undefined);
    opts.onProgress?.(++done, candidates.length);
    return raw;
  });
  const netns: Netns[] = [];
  for (const raw of raws) if (raw) netns.push(assembleNamespace(raw, caps, errors));
  const { programs, progArrays } = fetcher ? await fetcher.finish(netns) : { programs: [], progArrays: [] };
  // A namespace whose bpftool listing failed or timed out (its notes say which) leaves its
  // hooks' tcx unknown (tcx: null) on a kernel that has tcx: the node cannot be called
  // tcx-visible then, or a program that ends every walk there would go unseen ("keep").
  // Only hooks that were audited count: a namespace that vanished, or holds no device the
  // scope names, has none to be blind on.
  const listingFailed = caps.kernelTcx && caps.bpftoolTcx && netns.some((ns) => ns.devices.some((d) => d.hooks.some((h) => h.tcx === null)));
  const snapshot: NodeSnapshot = {
    name: opts.nodeName ?? hostname(),
    versions: caps.versions,
    tcxVisible: caps.kernelTcx ? caps.bpftoolTcx && !listingFailed : true,
    netns,
    programs,
    progArrays,
  };
  return { snapshot, evidence: rec.evidence, notes: rec.notes, errors, caps, scope: candidates.map(describeNs) };
}

/** Why a tool's version probe failed: it is missing, it hung, or it failed. */
function unusable(r: RunResult, timeoutMs: number): string {
  if (r.timedOut) return `did not answer its version probe within ${timeoutMs} ms (a larger --timeout may help), so it was not used`;
  if (r.spawnError !== null && /ENOENT/.test(r.spawnError)) return 'not found';
  return `failed its version probe (${r.stderr.trim().split('\n')[0] || r.spawnError || `exit ${r.exitCode}`}), so it was not used`;
}

function capabilityNotes(rec: Recorder, caps: Capabilities, probes: { tc: RunResult; ip: RunResult; bpftool: RunResult }, timeoutMs: number): void {
  const kind = (r: RunResult) => (r.timedOut ? 'timeout' : 'missing-tool');
  if (!caps.ipAvailable) rec.note(kind(probes.ip), null, null, `ip (iproute2) ${unusable(probes.ip, timeoutMs)}: no device can be listed, nothing was audited`);
  if (!caps.tcAvailable) rec.note(kind(probes.tc), null, null, `tc (iproute2) ${unusable(probes.tc, timeoutMs)}: legacy filters come from bpftool only, without prefs or protocols`);
  else if (!caps.tcJson) {
    rec.note('old-tool', null, null, `iproute2 ${caps.versions.iproute2 ?? '?'} has no JSON for bpf filters (needs >= 5.8): read each hook's text output instead`);
  }
  if (!caps.bpftoolAvailable) {
    rec.note(kind(probes.bpftool), null, null, `bpftool ${unusable(probes.bpftool, timeoutMs)}: no program instructions, verdicts fall back to the vendor knowledge base` +
      (caps.kernelTcx ? `; tcx programs cannot be seen (kernel ${caps.versions.kernel ?? '?'} supports tcx)` : ''));
  } else if (caps.kernelTcx && !caps.bpftoolTcx) {
    rec.note('tcx-not-visible', null, null, `bpftool ${caps.versions.bpftool ?? '?'} cannot list tcx programs (needs >= 7.3) on kernel ${caps.versions.kernel ?? '?'}: tcx programs that run before every tc filter would be invisible`);
  }
}

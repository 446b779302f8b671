// Collects one namespace: links, legacy filters of both hooks of every device, and
// bpftool's tc listing (tcx/netkit). Raw outputs only; assemble.ts turns them into the model.
import type { Direction } from '../model/snapshot.js';
import type { Capabilities } from './versions.js';
import type { NsCandidate } from './namespaces.js';
import type { NsTarget, RunResult } from './runner.js';
import { matchesAny, parseIpLinkJson, type LinkInfo } from './links.js';
import { nsenterFailed, succeeded, type Recorder } from './record.js';
import { mapLimit } from './pool.js';
import { batchInput, batchSafe, DIRECTIONS, isVanished, splitBatchOutput, type HookQuery } from './tcBatch.js';
import { append } from '../arrays.js';
import { legacyIngressDevices, legacyIngressIn } from './ingressQdisc.js';

export interface RawHook {
  device: string;
  direction: Direction;
  /** tc -j output for this hook, or tc text output (fallback), or null when it failed. With
   *  both, the text is there only for what JSON does not print (u32's terminal flag). */
  json: unknown[] | null;
  text: string | null;
}

export interface RawNamespace {
  cand: NsCandidate;
  target: NsTarget;
  links: LinkInfo[];
  hooks: RawHook[];
  /** `bpftool -j net show` value; null when not run or failed. */
  bpftoolNet: unknown;
  /** Devices that disappeared between `ip link` and `tc` (left out of the snapshot). */
  vanished: Set<string>;
  /** Devices with the legacy ingress qdisc (ingressQdisc.ts); null when not listed. */
  legacyIngress: string[] | null;
}

/** Runs in the namespace, trying each path that enters it (a pid may have exited). */
async function enter(rec: Recorder, cand: NsCandidate, argv: string[]): Promise<{ r: RunResult; target: NsTarget } | null> {
  let last: RunResult | null = null;
  const paths = cand.own ? [null] : cand.paths;
  for (const path of paths) {
    const target: NsTarget = { label: cand.id, path };
    const r = await rec.run({ argv, ns: target });
    if (!nsenterFailed(r)) return { r, target };
    last = r;
  }
  // Gone (no such file) is the usual story; anything else (a path that is no network
  // namespace, privileges) is said as what nsenter said.
  const stderr = last?.stderr.trim() ?? 'no path';
  const what = last === null || /No such file/i.test(stderr) ? 'namespace went away before it could be entered' : 'namespace could not be entered';
  rec.note('vanished-netns', cand.id, null, `${what} (${stderr})`);
  return null;
}

const BPFTOOL_NET = ['bpftool', '-j', 'net', 'show'];

export async function collectNamespace(rec: Recorder, cand: NsCandidate, caps: Capabilities, globs: RegExp[],
  onTcEntries?: (entries: readonly unknown[]) => void): Promise<RawNamespace | null> {
  if (!caps.ipAvailable) return null;
  // bpftool's listing does not need the device list, and in a big namespace it is the
  // slowest command (1,001 devices: ~430 ms against ~25 ms for ip link): start it now.
  const firstTarget: NsTarget = { label: cand.id, path: cand.own ? null : (cand.paths[0] ?? null) };
  const early = caps.bpftoolAvailable ? rec.run({ argv: BPFTOOL_NET, ns: firstTarget }) : null;
  const first = await enter(rec, cand, ['ip', '-j', '-d', 'link', 'show']);
  if (!first) {
    await early;
    return null;
  }
  const { r, target } = first;
  if (!succeeded(r)) {
    await early;
    rec.note('command-failed', cand.id, null, `ip -j -d link show failed: ${r.stderr.trim() || r.spawnError || `exit ${r.exitCode}`}`);
    return null;
  }
  const parsed = parseIpLinkJson(r.stdout);
  if (parsed.error) rec.note('parse-error', cand.id, null, parsed.error);
  const links = parsed.links.filter((l) => matchesAny(l.name, globs));
  const queries: HookQuery[] = links.flatMap((l) => DIRECTIONS.map((direction) => ({ device: l.name, direction })));
  const vanished = new Set<string>();
  const net = early?.then(async (e) =>
    // The first path stopped working (its process exited): ask again where ip link got in.
    nsenterFailed(e) && target.path !== firstTarget.path ? rec.run({ argv: BPFTOOL_NET, ns: target }) : e);
  const qdiscs: Qdiscs = { entries: undefined };
  const [hooks, bpftoolNet] = await Promise.all([
    caps.tcAvailable
      ? legacyHooks(rec, target, queries, caps.tcJson, vanished, qdiscs).then((hs) => {
        for (const h of hs) if (h.json) onTcEntries?.(h.json);
        return hs;
      })
      : Promise.resolve([]),
    net ? net.then((e) => bpftoolNetValue(rec, target, e)) : Promise.resolve(null),
  ]);
  // Which devices have the legacy ingress qdisc (ingressQdisc.ts): the batch's last line asked;
  // without a batch (no device, or none a batch line can name), one command of its own.
  if (qdiscs.entries === undefined && caps.tcAvailable && caps.tcJson) {
    const q = await rec.run({ argv: ['tc', '-j', 'qdisc', 'show'], ns: target });
    qdiscs.entries = succeeded(q) ? legacyIngressDevices(q.stdout) : null;
  }
  const legacyIngress = qdiscs.entries ?? null;
  // Not silent: without the listing, legacy-ingress-qdisc cannot be checked here.
  if (legacyIngress === null && caps.tcAvailable && caps.tcJson) rec.note('command-failed', cand.id, null, 'tc qdisc show failed: which devices hold the legacy ingress qdisc (rule legacy-ingress-qdisc) is not known here');
  return { cand, target, links: links.filter((l) => !vanished.has(l.name)), hooks, bpftoolNet, vanished, legacyIngress };
}

function bpftoolNetValue(rec: Recorder, target: NsTarget, r: RunResult): unknown {
  if (!succeeded(r)) {
    if (!r.timedOut) rec.note('command-failed', target.label, null, `bpftool -j net show failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    return null;
  }
  try {
    return JSON.parse(r.stdout) as unknown;
  } catch {
    rec.note('parse-error', target.label, null, 'bpftool -j net show printed something that is not JSON');
    return null;
  }
}

/** The namespace's legacy-ingress devices: undefined until asked, null when the listing failed. */
interface Qdiscs { entries: string[] | null | undefined }
/** The batch's last line: `qdisc show`, one JSON array like a filter listing's. */
const QDISC_LINE: HookQuery = { device: '', direction: 'ingress' };

async function legacyHooks(rec: Recorder, target: NsTarget, queries: HookQuery[], json: boolean, vanished: Set<string>, qdiscs: Qdiscs): Promise<RawHook[]> {
  const inBatch = json ? queries.filter((q) => batchSafe(q.device)) : [];
  const single = json ? queries.filter((q) => !batchSafe(q.device)) : queries;
  const out: RawHook[] = [];
  if (inBatch.length > 0) {
    const r = await rec.run({ argv: ['tc', '-j', '-force', '-batch', '-'], ns: target, input: `${batchInput(inBatch)}qdisc show\n` });
    if (nsenterFailed(r)) {
      rec.note('vanished-netns', target.label, null, `namespace went away during the audit (${r.stderr.trim()})`);
      return out;
    }
    const split = r.timedOut || r.spawnError ? null : splitBatchOutput([...inBatch, QDISC_LINE], r.stdout, r.stderr);
    if (split !== null) {
      const q = split.pop()!;
      qdiscs.entries = q.ok ? legacyIngressIn(q.entries) : null;
    }
    if (split === null) {
      if (!r.timedOut) rec.note('batch-fallback', target.label, null, 'tc -batch output could not be lined up with its commands; querying each hook separately');
      append(single, inBatch);
    } else {
      split.forEach((o, i) => {
        const q = inBatch[i] as HookQuery;
        if (o.ok) out.push({ ...q, json: o.entries, text: null });
        else failedHook(rec, target, q, o.message, out, vanished);
      });
    }
  }
  for (const q of single) {
    const argv = json ? ['tc', '-j', 'filter', 'show', 'dev', q.device, q.direction] : ['tc', 'filter', 'show', 'dev', q.device, q.direction];
    const r = await rec.run({ argv, ns: target });
    if (!succeeded(r)) {
      if (!r.timedOut) failedHook(rec, target, q, r.stderr.trim() || r.spawnError || `exit ${r.exitCode}`, out, vanished);
      else out.push({ ...q, json: null, text: null });
      continue;
    }
    if (!json) out.push({ ...q, json: null, text: r.stdout });
    else {
      try {
        const v: unknown = JSON.parse(r.stdout);
        out.push({ ...q, json: Array.isArray(v) ? v : null, text: null });
      } catch {
        rec.note('parse-error', target.label, q.device, `tc -j filter show dev ${q.device} ${q.direction}: not JSON`);
        out.push({ ...q, json: null, text: null });
      }
    }
  }
  if (json) await u32Text(rec, target, out);
  return out;
}

/** A u32 key node (not a hash table "800:", not a header) in tc -j output. */
function isU32Key(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { kind, options } = e as { kind?: unknown; options?: unknown };
  const fh = typeof options === 'object' && options !== null ? (options as { fh?: unknown }).fh : undefined;
  return kind === 'u32' && typeof fh === 'string' && !fh.endsWith(':');
}

/** tc -j never prints u32's terminal flag, which decides whether a matched key ends the walk
 *  (src/parse/u32.ts): a hook with u32 keys is read as text too. u32 is rare on the nodes
 *  this audits, so this is one more command for the few hooks that have it, four at a time
 *  (a namespace full of u32 hooks must not fork a tc per hook at once). Text output of a
 *  `tc -batch` cannot be split per hook, hence one command each. */
async function u32Text(rec: Recorder, target: NsTarget, hooks: RawHook[]): Promise<void> {
  await mapLimit(hooks.filter((h) => h.json?.some(isU32Key)), 4, async (h) => {
    const r = await rec.run({ argv: ['tc', 'filter', 'show', 'dev', h.device, h.direction], ns: target });
    if (succeeded(r)) h.text = r.stdout;
  });
}

function failedHook(rec: Recorder, target: NsTarget, q: HookQuery, message: string, out: RawHook[], vanished: Set<string>): void {
  if (isVanished(message)) {
    // Pod churn: the device was deleted between `ip link` and `tc`. Not an error.
    if (vanished.has(q.device)) return;
    vanished.add(q.device);
    rec.note('vanished-device', target.label, q.device, `device disappeared during the audit (${message})`);
    return;
  }
  rec.note('command-failed', target.label, q.device, `tc filter show dev ${q.device} ${q.direction}: ${message}`);
  out.push({ ...q, json: null, text: null });
}

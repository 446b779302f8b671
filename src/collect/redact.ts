// --redact: container ids, pod ids and addresses become stable hashes (same input, same
// hash, on every node and run) so redacted bundles from a fleet still line up.
import { createHash } from 'node:crypto';
import type { Bundle } from '../model/bundle.js';

export const redactToken = (s: string): string => `redacted-${createHash('sha256').update(s).digest('hex').slice(0, 12)}`;

const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
/** JSON keys whose string values are addresses (ip link, flower keys, u32 matches). */
const ADDRESS_KEY = /(^|_)(ip|ip4|ip6|addr|address|broadcast|perm_address|mac|src|dst|lladdr)$/i;

function redactText(s: string, known: ReadonlyMap<string, string>): string {
  let out = s.replace(MAC, redactToken).replace(IPV4, redactToken);
  for (const [from, to] of known) out = out.split(from).join(to);
  return out;
}

function walk(v: unknown, known: ReadonlyMap<string, string>, key: string | null): unknown {
  if (typeof v === 'string') return key !== null && ADDRESS_KEY.test(key) ? redactToken(v) : redactText(v, known);
  if (Array.isArray(v)) return v.map((x) => walk(x, known, key));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, known, k)]));
  }
  return v;
}

/** Raw outputs that are JSON are redacted key-aware (IPv6 and u32 handles look alike in text);
 *  text outputs get the MAC/IPv4 patterns and the known ids. */
function redactOutput(s: string, known: ReadonlyMap<string, string>): string {
  const t = s.trim();
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return JSON.stringify(walk(JSON.parse(t), known, null));
    } catch {
      // several JSON values (tc -batch): one per line
      try {
        return t.split('\n').map((l) => (l.trim() ? JSON.stringify(walk(JSON.parse(l), known, null)) : l)).join('\n');
      } catch {
        // not JSON after all
      }
    }
  }
  return redactText(s, known);
}

export function redactBundle(b: Bundle): Bundle {
  const known = new Map<string, string>();
  for (const ns of b.snapshot.netns) {
    if (ns.owner?.containerId) known.set(ns.owner.containerId, redactToken(ns.owner.containerId));
    if (ns.owner?.pod) known.set(ns.owner.pod, redactToken(ns.owner.pod));
  }
  const snapshot = walk(b.snapshot, known, null) as Bundle['snapshot'];
  const evidence = b.evidence.map((e) => ({
    ...e,
    argv: e.argv.map((a) => redactText(a, known)),
    stdout: redactOutput(e.stdout, known),
    stderr: redactText(e.stderr, known),
  }));
  const notes = b.notes.map((n) => ({ ...n, message: redactText(n.message, known) }));
  return { ...b, redacted: true, snapshot, evidence, notes };
}

// --redact: container ids, pod ids and addresses become stable hashes (same input, same
// hash, on every node and run, and with --redact-key-file the same key) so redacted bundles
// from a fleet still line up.
// What is hidden where, and what is kept, is listed in docs/live.md ("--redact").
import type { Bundle } from '../model/bundle.js';
import { redactJsonText } from './redactJson.js';
import { redactAddressesInText, redactAddressValue, redactToken, withRedactionKey } from './redactText.js';
import { redactU32Text } from './redactU32.js';

export { redactToken } from './redactText.js';

/** JSON keys whose string values are addresses: ip link (address, broadcast, permaddr;
 *  vxlan local/remote, local6/remote6/group6; a bridge's and its ports' bridge_id/root_id
 *  and designated_root/designated_bridge, `8000.2:de:ad:be:ef:1`: priority and MAC with the
 *  bytes' leading zeros dropped, which no MAC pattern sees), ip addr/route (local, peer,
 *  gateway, prefsrc), flower keys (src_ip, enc_dst_ip...), u32 pretty keys (src, dst). */
const ADDRESS_KEY = /(^|_)(ip|ip4|ip6|addr|address|broadcast|perm_address|permaddr|mac|src|dst|lladdr|local|local6|remote|remote6|group6|peer|gateway|prefsrc|bridge_id|root_id|designated_root|designated_bridge)$/i;

function redactText(s: string, known: ReadonlyMap<string, string>): string {
  let out = redactAddressesInText(s);
  for (const [from, to] of known) out = out.split(from).join(to);
  return out;
}

function redactString(s: string, key: string | null, known: ReadonlyMap<string, string>): string {
  return key !== null && ADDRESS_KEY.test(key) ? redactAddressValue(s) : redactText(s, known);
}

function walk(v: unknown, known: ReadonlyMap<string, string>, key: string | null): unknown {
  if (typeof v === 'string') return redactString(v, key, known);
  if (Array.isArray(v)) return v.map((x) => walk(x, known, key));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, known, k)]));
  }
  return v;
}

function isJson(t: string): boolean {
  if (!t.startsWith('[') && !t.startsWith('{')) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    // several JSON values (tc -batch): one per line
    try {
      for (const l of t.split('\n')) if (l.trim()) JSON.parse(l);
      return true;
    } catch {
      return false; // not JSON after all
    }
  }
}

/** Raw outputs that are JSON are redacted key-aware and in place (the evidence keeps its
 *  bytes apart from the redacted strings); text outputs get the u32 key words, the address
 *  patterns and the known ids. */
function redactOutput(s: string, known: ReadonlyMap<string, string>): string {
  if (isJson(s.trim())) return redactJsonText(s, (v, key) => redactString(v, key, known));
  return redactText(redactU32Text(s), known);
}

/** `key`: --redact-key-file's secret, which keys every token (redactText.ts); null for the
 *  plain SHA-256 tokens. */
export function redactBundle(b: Bundle, key: Buffer | null = null): Bundle {
  return withRedactionKey(key, () => (key === null ? redactAll(b) : { ...redactAll(b), redactionKeyed: true }));
}

function redactAll(b: Bundle): Bundle {
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

// The shortcut for the compact JSON `bpftool -j net show` prints, one line per netns:
//   [{"xdp":[],"tc":[{"devname":"v0","ifindex":3,"kind":"tcx/ingress","name":"p","prog_id":183,
//     "prog_flags":[],"link_id":0,"link_flags":[]},{"devname":"v0","ifindex":3,
//     "kind":"clsact/ingress","name":"da_pass.o:[tc]","id":161,"act":[]}],"flow_dissector":[],"netfilter":[]}]
// Sticky regular expressions read each entry straight from the text: a tcx or netkit entry
// into a BpftoolEntry, a clsact one (most of a large node's) into its device, direction and
// offset only (bpftoolSeen.ts, deferredDevices.ts). JSON.parse builds an object per entry and
// per flags list only for parseBpftoolNetJsonValue to walk them once, and objectLines scans
// the whole text again for line numbers, which on one line are all firstLine anyway.
// Only the layout bpftool writes is read: no whitespace inside, keys in bpftool's order,
// strings without escapes, plain non-negative integers, empty xdp/flow_dissector/netfilter
// and act lists. Anything else returns null and goes to JSON.parse (parseBpftoolNetJsonText);
// test/parse/bpftoolNetFast.test.ts checks both agree on everything this reads.
import type { BpftoolEntry } from './bpftoolNet.js';
import type { BpftoolHooks } from './bpftoolHooks.js';
import type { DeferredDevices } from './deferredDevices.js';
import { Seen, sortOut } from './bpftoolSeen.js';
import { hookOf } from './bpftoolKinds.js';
import type { HookObservation } from './types.js';

// JSON.parse rejects raw control characters in strings, so they must not be read here.
const STR = String.raw`"([^"\\\x00-\x1f]*)"`;
// At most 15 digits: exactly representable, so Number() gives what JSON.parse gives.
const UINT = String.raw`(0|[1-9]\d{0,14})`;
// prog_flags/link_flags hold flag bits, which nothing reads: skipped, as long as they are
// plain integers.
const FLAGS = String.raw`\[(?:(?:0|[1-9]\d{0,14})(?:,(?:0|[1-9]\d{0,14}))*)?\]`;

// Groups: 1 devname, 2 ifindex, 3 kind, 4 name, 5 prog_id, 6 link_id, 7 id.
// tcx/netkit entries (prog_id ...) and classic ones (id, act) are the two tails; ids and
// names are optional because bpftool leaves out what it could not look up.
const ENTRY = new RegExp(
  String.raw`\{"devname":${STR},"ifindex":${UINT},"kind":${STR}(?:,"name":${STR})?` +
  String.raw`(?:,"prog_id":${UINT}(?:,"prog_flags":${FLAGS})?(?:,"link_id":${UINT})?(?:,"link_flags":${FLAGS})?` +
  String.raw`|(?:,"id":${UINT})?(?:,"act":\[\])?)\}`,
  'y',
);
// The sections around the tc list; older bpftool prints no flow_dissector or netfilter.
const HEAD = /\{"xdp":\[\],"tc":\[/y;
const TAIL = /\](?:,"flow_dissector":\[\])?(?:,"netfilter":\[\])?\}/y;

const COMMA = 44;
const CLOSE = 93; // ]

// bpftool's clsact entries, most of a large node's listing, read for grouping only:
// device, ifindex and direction (groups 1-3). Same layout as ENTRY's classic tail.
const CLSACT = new RegExp(
  String.raw`\{"devname":${STR},"ifindex":${UINT},"kind":"clsact/(ingress|egress)"(?:,"name":${STR})?(?:,"id":${UINT})?(?:,"act":\[\])?\}`,
  'y',
);

/** The section's hook observations (grouped by `hooks`), each entry on firstLine, with the
 *  devices that have clsact entries only put in `deferred`; or null when the text is not
 *  bpftool's compact layout. */
export function scanBpftoolNetJson(text: string, firstLine: number, hooks: BpftoolHooks, deferred: DeferredDevices): HookObservation[] | null {
  if (text.charCodeAt(0) !== 91 /* [ */) return null;
  const seen = new Seen();
  let i = 1;
  let prev: BpftoolEntry | undefined;
  if (text.charCodeAt(i) === CLOSE) i++;
  else {
    for (;;) {
      HEAD.lastIndex = i;
      if (!HEAD.test(text)) return null;
      i = HEAD.lastIndex;
      if (text.charCodeAt(i) !== CLOSE) {
        for (;;) {
          CLSACT.lastIndex = i;
          const c = CLSACT.exec(text);
          if (c !== null) {
            seen.clsact(c[1]!, Number(c[2]), c[3] === 'ingress' ? 'ingress' : 'egress', i);
            i = CLSACT.lastIndex;
          } else {
            ENTRY.lastIndex = i;
            const m = ENTRY.exec(text);
            if (m === null) return null;
            prev = entryOf(m, firstLine, prev);
            // A clsact entry CLSACT did not take (not bpftool's own layout) is kept as an
            // offset all the same: one hook's entries all take one form.
            const h = hookOf(prev.kind);
            if (h?.attach === 'legacy') seen.clsact(prev.device, prev.ifindex!, h.direction, i);
            else if (h !== undefined) seen.whole(prev);
            i = ENTRY.lastIndex;
          }
          if (text.charCodeAt(i) !== COMMA) break;
          i++;
        }
      }
      TAIL.lastIndex = i;
      if (!TAIL.test(text)) return null;
      i = TAIL.lastIndex;
      const c = text.charCodeAt(i++);
      if (c === CLOSE) break;
      if (c !== COMMA) return null;
    }
  }
  // bpftool ends its output with a newline; trailing whitespace moves no entry's line.
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return null;
  }
  return sortOut(seen, text, firstLine, hooks, deferred);
}

/** The entry the scanner found at `offset` of `text`, read whole (ClsactFilters keeps
 *  offsets, not entries). The text is the one scanned, so the entry is there. */
export function entryAt(text: string, offset: number, line: number): BpftoolEntry {
  ENTRY.lastIndex = offset;
  const m = ENTRY.exec(text);
  if (m === null) throw new Error(`internal: no bpftool entry at offset ${offset}`);
  return entryOf(m, line, undefined);
}

/** One string per kind (bpftool prints a handful; bounded all the same). */
const KINDS = new Map<string, string>();
function kindOf(k: string): string {
  const known = KINDS.get(k);
  if (known !== undefined) return known;
  if (KINDS.size < 64) KINDS.set(k, k);
  return k;
}

/** The entry a match stands for. The device string is the previous entry's when equal
 *  (bpftool lists a device's entries together) and kinds are shared: a large node's 20,000
 *  entries then hold a few thousand strings, not 40,000. */
function entryOf(m: RegExpExecArray, line: number, prev: BpftoolEntry | undefined): BpftoolEntry {
  const id = m[5] ?? m[7];
  const link = m[6];
  const device = m[1]!;
  return {
    device: prev !== undefined && prev.device === device ? prev.device : device,
    ifindex: Number(m[2]),
    kind: kindOf(m[3]!),
    name: m[4] ?? null,
    progId: id === undefined ? null : Number(id),
    linkId: link === undefined || link === '0' ? null : Number(link), // 0 = attached without a bpf_link
    line,
  };
}

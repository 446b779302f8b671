// The shortcut for the compact JSON `bpftool -j net show` prints, one line per netns:
//   [{"xdp":[],"tc":[{"devname":"v0","ifindex":3,"kind":"tcx/ingress","name":"p","prog_id":183,
//     "prog_flags":[],"link_id":0,"link_flags":[]},{"devname":"v0","ifindex":3,
//     "kind":"clsact/ingress","name":"da_pass.o:[tc]","id":161,"act":[]}],"flow_dissector":[],"netfilter":[]}]
// Sticky regular expressions read each entry straight into a BpftoolEntry. JSON.parse builds
// an object per entry and per flags list only for parseBpftoolNetJsonValue to walk them once,
// and objectLines scans the whole text again for line numbers, which on one line are all
// firstLine anyway.
// Only the layout bpftool writes is read: no whitespace inside, keys in bpftool's order,
// strings without escapes, plain non-negative integers, empty xdp/flow_dissector/netfilter
// and act lists. Anything else returns null and goes to JSON.parse (parseBpftoolNetJsonText);
// test/parse/bpftoolNetFast.test.ts checks both agree on everything this reads.
import type { BpftoolEntry } from './bpftoolNet.js';

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

/** All tc entries (any kind; entriesToObservations keeps the hooks it knows), each on
 *  firstLine, or null when the text is not bpftool's compact layout. */
export function scanBpftoolNetJson(text: string, firstLine: number): BpftoolEntry[] | null {
  if (text.charCodeAt(0) !== 91 /* [ */) return null;
  const entries: BpftoolEntry[] = [];
  let i = 1;
  if (text.charCodeAt(i) === CLOSE) i++;
  else {
    for (;;) {
      HEAD.lastIndex = i;
      if (!HEAD.test(text)) return null;
      i = HEAD.lastIndex;
      if (text.charCodeAt(i) !== CLOSE) {
        for (;;) {
          ENTRY.lastIndex = i;
          const m = ENTRY.exec(text);
          if (m === null) return null;
          i = ENTRY.lastIndex;
          const e = entryOf(m, firstLine, entries[entries.length - 1]);
          entries.push(e);
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
  return entries;
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

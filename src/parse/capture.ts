// The multi-device capture format written by docs/capture.sh (see docs/input-formats.md):
//   ### tc-audit capture v1 node=N netns=NS dev=D hook=H ###
// followed by that command's output; values are percent-encoded (%25 %20 %09 %23).
import { legacyIngressFromText } from './qdiscText.js';
import type { Direction } from '../model/snapshot.js';
import { parseBpftoolNetJsonText } from './bpftoolNet.js';
import { parseBpftoolNetText } from './bpftoolNetText.js';
import { firstNonBlankIsHash, indexLines } from './lines.js';
import { parseTcJsonText } from './tcJson.js';
import { readTcText, type TcContext } from './tcText.js';
import { readBpfSection } from './tcSectionFast.js';
import type { ParseDefaults, ParsedFile } from './types.js';
import { append } from '../arrays.js';

export const CAPTURE_MARKER = /^### tc-audit capture v1 (.*) ###$/;
const FAILED = /^### tc-audit capture-failed exit=(\S*) ###$/;
export const CAPTURE_HOOKS = ['ingress', 'egress', 'tc-json-ingress', 'tc-json-egress', 'bpftool-net', 'bpftool-net-json', 'tc-qdisc'] as const;

export interface Marker { node: string | null; netns: string | null; dev: string | null; hook: string }

function decode(v: string): string {
  return v.includes('%') ? decodeURIComponent(v) : v;
}

/** Marker body or null. */
export function markerBody(line: string): string | null {
  const c = line.charCodeAt(0);
  if ((c !== 35 && c !== 32 && c !== 9) || !firstNonBlankIsHash(line, 0, line.length)) return null;
  const m = CAPTURE_MARKER.exec(line.charCodeAt(0) === 35 ? line : line.trim());
  return m ? (m[1] ?? '') : null;
}

/** The marker docs/capture.sh writes: these four fields in this order, nothing to decode.
 *  One match instead of splitting every field of the 10,000 markers of a large capture. */
const CANONICAL = /^node=([^ %=]*) netns=([^ %=]*) dev=([^ %=]*) hook=([^ %=]+)$/;

/** A whole canonical marker line: one match instead of the body's and then its fields'.
 *  Values hold no line terminator: CAPTURE_MARKER's `.` matches none, so such a line is no
 *  marker there either. */
const CANONICAL_LINE = /^### tc-audit capture v1 node=([^ %=\r\n\u2028\u2029]*) netns=([^ %=\r\n\u2028\u2029]*) dev=([^ %=\r\n\u2028\u2029]*) hook=([^ %=\r\n\u2028\u2029]+) ###$/;

/** The marker a line is (or why it is a bad one), null when it is no marker line: what
 *  markerBody and parseMarker say, read in one match when the line is canonical. */
export function markerOf(line: string): Marker | string | null {
  const c = CANONICAL_LINE.exec(line);
  if (c !== null) return { node: c[1] || null, netns: c[2] || null, dev: c[3] || null, hook: c[4]! };
  const body = markerBody(line);
  if (body !== null) return parseMarker(body);
  // A marker line that lost its end or names another version still starts a section: read
  // as part of the section before it, its lines would land on the wrong device.
  return BROKEN_MARKER.test(line) ? `unreadable marker ${JSON.stringify(line.trim().slice(0, 120))}: expected \`### tc-audit capture v1 node=N netns=NS dev=D hook=H ###\`; its section is not read` : null;
}

const BROKEN_MARKER = /^\s*### tc-audit capture(?!-failed )/;

export function parseMarker(body: string): Marker | string {
  const c = CANONICAL.exec(body);
  if (c !== null) return { node: c[1] || null, netns: c[2] || null, dev: c[3] || null, hook: c[4]! };
  return parseMarkerFields(body);
}

const HOOK_STRINGS = new Map<string, string>(CAPTURE_HOOKS.map((h) => [h, h]));

/** The marker with the previous one's strings where they are equal, and the hook as the
 *  constant: consecutive markers name the same node, netns and (ingress, then egress) device,
 *  and the model of a large capture then holds one string for each instead of 10,000, which
 *  later comparisons find equal at once. */
function sameStrings(m: Marker, prev: Marker | null): Marker {
  // (Fields set on the marker markerOf just made for this line, rather than a new object.)
  m.hook = HOOK_STRINGS.get(m.hook) ?? m.hook;
  if (prev !== null) {
    if (m.node === prev.node) m.node = prev.node;
    if (m.netns === prev.netns) m.netns = prev.netns;
    if (m.dev === prev.dev) m.dev = prev.dev;
  }
  return m;
}

/** Any marker: key=value fields in any order, %-escaped values. */
export function parseMarkerFields(body: string): Marker | string {
  const m: Record<string, string> = {};
  for (const part of body.split(' ')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `malformed field "${part}" (expected key=value)`;
    try {
      m[part.slice(0, eq)] = decode(part.slice(eq + 1));
    } catch {
      return `field "${part}" has a bad %-escape`;
    }
  }
  if (!m.hook) return 'marker has no hook=';
  const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
  return { node: orNull(m.node), netns: orNull(m.netns), dev: orNull(m.dev), hook: m.hook };
}

/** Lines from..end-1 but the capture-failed line. */
function sectionLines(lineAt: (k: number) => string, from: number, end: number, skip: number): string[] {
  const lines: string[] = [];
  for (let i = from; i < end; i++) if (i !== skip) lines.push(lineAt(i));
  return lines;
}

export function parseCapture(text: string, file: string, defaults: ParseDefaults): ParsedFile {
  // Markers and failure lines start with `#`: sections end at the next such line that is a
  // marker, so only those lines are looked at again (not every line of every section).
  const hashLines: number[] = [];
  const { index, errors } = indexLines(text, file, 1, hashLines);
  let h = 0;
  const n = index.count;
  const lineAt = (k: number) => index.line(k);
  const out: ParsedFile = { file, format: 'capture', observations: [], nodes: [], programs: [], progArrays: [], sawBpftoolNet: false, errors, bpftoolNetns: [] };
  let k = 0;
  // docs/capture.sh writes `# tc utility, iproute2-6.1.0, ...` here: which iproute2 printed
  // the dumps decides what u32's `*flowid` means (src/parse/u32.ts).
  let iproute2 = defaults.iproute2 ?? null;
  let kernel: string | null = null;
  let bpftool: string | null = null;
  // Preamble: comments only.
  for (; k < n; k++) {
    const t = lineAt(k).trim();
    if (markerBody(t) !== null) break;
    if (t !== '' && !t.startsWith('#')) errors.push({ file, line: k + 1, message: 'text before the first `### tc-audit capture ...` marker' });
    const v = t.startsWith('# tc utility') ? /iproute2-((?:ss)?[0-9][^\s,]*)/.exec(t) : null;
    if (v) iproute2 = v[1] ?? null;
    // docs/capture.sh's other header lines: `uname -r` and `bpftool version`'s first line.
    const kv = /^# tc-audit capture from .*, kernel (\S+)$/.exec(t);
    if (kv) kernel = kv[1]!;
    // bpftool prints its argv[0]: a full path where a wrapper runs it (Ubuntu's linux-tools).
    const bv = /^# (?:\S*\/)?bpftool v?([0-9]\S*)$/.exec(t);
    if (bv) bpftool = bv[1]!;
  }
  if (iproute2 !== null || kernel !== null || bpftool !== null) out.versions = { kernel, iproute2, bpftool };
  // The marker that ended the previous section (read once, not again).
  let nextMarker: Marker | string | null = null;
  let prevMarker: Marker | null = null;
  while (k < n) {
    const markerLine = k + 1;
    const parsed = nextMarker ?? markerOf(lineAt(k)) ?? parseMarker('');
    nextMarker = null;
    let end = n;
    let failed: string | null = null;
    let failedAt = -1;
    while (h < hashLines.length && hashLines[h]! <= k) h++;
    for (; h < hashLines.length; h++) {
      const at = hashLines[h]!;
      const l = lineAt(at);
      const next = markerOf(l);
      if (next !== null) { end = at; nextMarker = next; break; }
      const f = l.includes('capture-failed') ? FAILED.exec(l.trim()) : null;
      if (f) { failed = `${f[1] ?? '?'} (line ${at + 1})`; failedAt = at; }
    }
    const from = k + 1;
    k = end;
    if (typeof parsed === 'string') { errors.push({ file, line: markerLine, message: `capture marker: ${parsed}` }); continue; }
    const mk = (prevMarker = sameStrings(parsed, prevMarker));
    if (failed !== null) {
      // No data is not "no filters": leave the hook unobserved.
      errors.push({ file, line: markerLine, message: `capture of ${mk.hook} for dev ${mk.dev ?? '-'} in netns ${mk.netns ?? '-'} failed with exit ${failed}: ${sectionLines(lineAt, from, end, failedAt).join(' ').trim().slice(0, 200)}` });
      continue;
    }
    const node = mk.node ?? defaults.node;
    const ctx = { node, netns: mk.netns };
    if (mk.hook === 'ingress' || mk.hook === 'egress') {
      // Read in place into `out` (no section copy): the usual section is a few lines long,
      // and most are pairs of tc's own bpf lines, read straight from the text.
      const before = out.observations.length;
      const tcCtx: TcContext = { node, netns: mk.netns, device: mk.dev, direction: mk.hook, iproute2 };
      const stop = end < n ? index.start(end) : text.length;
      if (!readBpfSection(text, from < n ? index.start(from) : stop, stop, markerLine + 1, file, tcCtx, out)) readTcText(lineAt, from, end, markerLine + 1, file, tcCtx, out);
      // A dump with no filters is still an observation: this hook has no legacy filters.
      if (out.observations.length === before) out.observations.push({ ...ctx, device: mk.dev, ifindex: null, direction: mk.hook, legacy: { filters: [], prefsKnown: true } });
    } else if (mk.hook === 'tc-json-ingress' || mk.hook === 'tc-json-egress') {
      const direction = mk.hook.slice(8) as Direction;
      const r = parseTcJsonText(sectionLines(lineAt, from, end, failedAt).join('\n') || '[]', file, { node, device: mk.dev, direction, netns: mk.netns }, markerLine + 1);
      append(out.observations, r.observations);
      append(out.errors, r.errors);
    } else if (mk.hook === 'bpftool-net' || mk.hook === 'bpftool-net-json') {
      const text = sectionLines(lineAt, from, end, failedAt).join('\n');
      const r = mk.hook === 'bpftool-net' ? parseBpftoolNetText(text, file, ctx, markerLine + 1) : parseBpftoolNetJsonText(text, file, ctx, markerLine + 1);
      for (const t of r.deferred ?? []) {
        t.rebase(out.observations.length);
        (out.deferred ??= []).push(t);
      }
      append(out.observations, r.observations);
      append(out.errors, r.errors);
      if (r.sawBpftoolNet) { out.sawBpftoolNet = true; out.bpftoolNetns?.push(ctx); }
    } else if (mk.hook === 'tc-qdisc') {
      // `tc qdisc show` of the namespace: which devices hold the legacy ingress qdisc.
      (out.qdiscs ??= []).push({ ...ctx, legacyIngress: legacyIngressFromText(sectionLines(lineAt, from, end, failedAt).join('\n')) });
    } else {
      errors.push({ file, line: markerLine, message: `unknown hook "${mk.hook}" (expected one of ${CAPTURE_HOOKS.join(', ')})` });
    }
  }
  return out;
}

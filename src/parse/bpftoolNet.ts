// `bpftool net show` (text and -j). tcx/netkit entries -> TcxProgram in list order;
// clsact/* entries -> LegacyFilter without pref/protocol/handle (bpftool does not print
// them, so none is invented). xdp, flow_dissector, netfilter and non-clsact qdiscs are ignored.
import type { Direction, TcxProgram } from '../model/snapshot.js';
import { scanBpftoolNetJson } from './bpftoolNetFast.js';
import { ClsactFilters } from './clsactFilters.js';
import { isRecord, objectLines, parseJson } from './json.js';
import type { HookObservation, ParseError, ParsedFile } from './types.js';

export interface BpftoolEntry {
  device: string;
  ifindex: number | null;
  kind: string;
  name: string | null;
  /** prog_id for tcx/netkit, id for classic entries. */
  progId: number | null;
  linkId: number | null;
  line: number | null;
}

export interface NetCtx { node: string | null; netns: string | null }

interface Hook { attach: 'tcx' | 'netkit' | 'legacy'; direction: Direction }

const HOOKS = new Map<string, Hook>([
  ['tcx/ingress', { attach: 'tcx', direction: 'ingress' }],
  ['tcx/egress', { attach: 'tcx', direction: 'egress' }],
  // bpftool lists both netkit kinds under the primary (host-side) device. Peer programs run
  // when the pod side transmits, i.e. traffic entering the host through this device (the
  // role clsact ingress has on a veth); primary programs run on the primary's transmit
  // towards the pod (the role of clsact egress).
  ['netkit/primary', { attach: 'netkit', direction: 'egress' }],
  ['netkit/peer', { attach: 'netkit', direction: 'ingress' }],
  ['clsact/ingress', { attach: 'legacy', direction: 'ingress' }],
  ['clsact/egress', { attach: 'legacy', direction: 'egress' }],
]);

/** The hook a bpftool kind names. A Map, not an object: a kind such as "constructor" must
 *  not find Object.prototype's function, and looking up 20,000 kinds read from the text as
 *  property names costs more than hashing them. */
export function hookOf(kind: string): Hook | undefined {
  return HOOKS.get(kind);
}

/** Groups entries per device and direction. Every listed device gets both hooks with a tcx
 *  list (bpftool shows all tcx there is); legacy only where bpftool listed clsact filters,
 *  since it shows bpf filters only (u32/flower stay invisible to it). */
export function entriesToObservations(entries: BpftoolEntry[], file: string, ctx: NetCtx): HookObservation[] {
  // Both hooks of a device are created together when it is first seen, so devices in
  // first-seen order, each ingress then egress, is the observation order.
  const byDevice = new Map<string, { ingress: HookObservation; egress: HookObservation }>();
  // `legacy` is in the literal so that setting it later does not move the object to a
  // larger layout; `tcx` starts as the shared empty list and is replaced on first use.
  const make = (e: BpftoolEntry, direction: Direction): HookObservation =>
    ({ node: ctx.node, netns: ctx.netns, device: e.device, ifindex: e.ifindex, direction, legacy: undefined, tcx: NO_TCX });
  let lastDev: string | null = null;
  let hooks: { ingress: HookObservation; egress: HookObservation } | undefined;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const h = hookOf(e.kind);
    if (!h) continue;
    if (e.device !== lastDev || hooks === undefined) {
      hooks = byDevice.get(e.device);
      if (!hooks) byDevice.set(e.device, (hooks = { ingress: make(e, 'ingress'), egress: make(e, 'egress') }));
      lastDev = e.device;
    }
    const o = hooks[h.direction];
    if (h.attach === 'legacy') {
      if (o.legacy instanceof ClsactFilters) o.legacy.entries.push(e);
      else o.legacy = new ClsactFilters(file, e);
    } else {
      const source = e.line === null ? null : { file, line: e.line };
      const t: TcxProgram = { attach: h.attach, program: { id: e.progId, name: e.name, tag: null }, linkId: e.linkId, source };
      if (o.tcx === NO_TCX || o.tcx === undefined) o.tcx = [t];
      else o.tcx.push(t);
    }
  }
  const out: HookObservation[] = [];
  for (const d of byDevice.values()) out.push(d.ingress, d.egress);
  // Exact-size lists: growing ones reserve spare slots, and these live through the audit.
  for (const o of out) {
    if (o.tcx && o.tcx.length > 1) o.tcx = o.tcx.slice();
    if (o.legacy instanceof ClsactFilters) o.legacy.trim();
  }
  return out;
}

/** The tcx list of a hook bpftool lists no tcx program on (frozen: replaced, never added to). */
const NO_TCX: TcxProgram[] = Object.freeze([]) as unknown as TcxProgram[];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** For the live collector: the parsed value of `bpftool -j net show`. */
export function parseBpftoolNetJsonValue(value: unknown, file: string, lines?: number[], ctx: NetCtx = { node: null, netns: null }) {
  const errors: ParseError[] = [];
  const entries: BpftoolEntry[] = [];
  if (!Array.isArray(value)) {
    return { observations: [], errors: [{ file, line: lines?.[0] ?? 1, message: 'bpftool -j net show output must be a JSON array' }] };
  }
  let idx = 0; // elements of the sections' lists in document order (objectLines, depth 3)
  for (const top of value) {
    if (!isRecord(top)) continue;
    for (const [section, list] of Object.entries(top)) {
      if (!Array.isArray(list)) continue;
      for (const e of list) {
        const line = lines?.[idx++] ?? null;
        if (section !== 'tc' || !isRecord(e)) continue;
        const kind = typeof e.kind === 'string' ? e.kind : '';
        if (!hookOf(kind)) continue;
        if (typeof e.devname !== 'string') {
          errors.push({ file, line: line ?? 1, message: `bpftool tc entry without "devname"` });
          continue;
        }
        const linkId = num(e.link_id);
        entries.push({
          device: e.devname, ifindex: num(e.ifindex), kind, name: typeof e.name === 'string' ? e.name : null,
          progId: num(e.prog_id) ?? num(e.id),
          linkId: linkId === 0 ? null : linkId, // 0 = attached without a bpf_link
          line,
        });
      }
    }
  }
  return { observations: entriesToObservations(entries, file, ctx), errors };
}

export function parseBpftoolNetJsonText(text: string, file: string, ctx: NetCtx, firstLine = 1): ParsedFile {
  // bpftool's own compact output is read without JSON.parse; anything else takes the general path.
  const fast = scanBpftoolNetJson(text, firstLine);
  if (fast === null) return parseBpftoolNetJsonGeneral(text, file, ctx, firstLine);
  return { ...emptyJsonResult(file), observations: entriesToObservations(fast, file, ctx), bpftoolNetns: [ctx] };
}

/** Any JSON: JSON.parse, then the value walk, with each entry's line from objectLines.
 *  Exported so tests can hold the shortcut to it. */
export function parseBpftoolNetJsonGeneral(text: string, file: string, ctx: NetCtx, firstLine = 1): ParsedFile {
  const base = emptyJsonResult(file);
  const j = parseJson(text);
  if (!j.ok) return { ...base, sawBpftoolNet: false, errors: [{ file, line: j.line + firstLine - 1, message: j.message }] };
  const r = parseBpftoolNetJsonValue(j.value, file, objectLines(text, 3, firstLine), ctx);
  return { ...base, observations: r.observations, errors: r.errors, bpftoolNetns: [ctx] };
}

function emptyJsonResult(file: string): ParsedFile {
  return { file, format: 'bpftool-net-json', observations: [], nodes: [], programs: [], progArrays: [], sawBpftoolNet: true, errors: [] };
}

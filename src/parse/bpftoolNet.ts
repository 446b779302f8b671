// `bpftool net show` (text and -j). tcx/netkit entries -> TcxProgram in list order;
// clsact/* entries -> LegacyFilter without pref/protocol/handle (bpftool does not print
// them, so none is invented). xdp, flow_dissector, netfilter and non-clsact qdiscs are ignored.
import { scanBpftoolNetJson } from './bpftoolNetFast.js';
import { BpftoolHooks } from './bpftoolHooks.js';
import { DeferredDevices } from './deferredDevices.js';
import { hookOf } from './bpftoolKinds.js';
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

/** Hook observations of whole entries (JSON.parse, bpftool's text): BpftoolHooks groups them. */
export function entriesToObservations(entries: BpftoolEntry[], file: string, ctx: NetCtx): HookObservation[] {
  const hooks = new BpftoolHooks(file, ctx);
  for (let i = 0; i < entries.length; i++) hooks.add(entries[i]!);
  return hooks.observations();
}

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
  const deferred = new DeferredDevices(ctx, file, text, firstLine);
  const fast = scanBpftoolNetJson(text, firstLine, new BpftoolHooks(file, ctx), deferred);
  if (fast === null) return parseBpftoolNetJsonGeneral(text, file, ctx, firstLine);
  return { ...emptyJsonResult(file), observations: fast, ...(deferred.count > 0 ? { deferred: [deferred] } : {}), bpftoolNetns: [ctx] };
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

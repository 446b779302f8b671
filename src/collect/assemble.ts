// Raw per-namespace outputs -> the snapshot model, through the shared parsers (tc JSON,
// tc text for old iproute2, bpftool net JSON). The device list comes from `ip link`, so a
// device without clsact still appears with empty, observed hooks.
import type { Device, Hook, LegacyFilter, Netns, TcxProgram } from '../model/snapshot.js';
import { parseBpftoolNetJsonValue } from '../parse/bpftoolNet.js';
import { parseTcJsonEntries } from '../parse/tcJson.js';
import { parseTcText } from '../parse/tcText.js';
import type { HookObservation, ParseError } from '../parse/types.js';
import { takeU32Flags } from '../parse/u32.js';
import type { RawHook, RawNamespace } from './nsCollect.js';
import { DIRECTIONS } from './tcBatch.js';
import type { Capabilities } from './versions.js';
import { append } from '../arrays.js';

const key = (device: string, direction: string): string => `${device}\u0000${direction}`;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function textFilters(h: RawHook, text: string, file: string, iproute2: string | null, errors: ParseError[]): LegacyFilter[] {
  const r = parseTcText(text, file, { device: h.device, direction: h.direction, node: null, iproute2 });
  append(errors, r.errors);
  return r.observations.flatMap((o) => o.legacy?.filters ?? []);
}

function legacyOf(h: RawHook, file: string, iproute2: string | null, errors: ParseError[]): LegacyFilter[] | null {
  if (h.json !== null) {
    const r = parseTcJsonEntries(h.json, file, undefined, undefined, h.direction);
    append(errors, r.errors);
    // The text dump of a hook with u32 keys: only for their terminal flags (nsCollect.ts).
    if (h.text !== null) takeU32Flags(r.filters, textFilters(h, h.text, `${file} (text)`, iproute2, errors));
    return r.filters;
  }
  if (h.text !== null) return textFilters(h, h.text, file, iproute2, errors);
  return null;
}

export function assembleNamespace(raw: RawNamespace, caps: Capabilities, errors: ParseError[]): Netns {
  const ns = raw.cand.id;
  const hooks = new Map(raw.hooks.map((h) => [key(h.device, h.direction), h]));
  let bpf: HookObservation[] | null = null;
  if (raw.bpftoolNet !== null) {
    const r = parseBpftoolNetJsonValue(raw.bpftoolNet, `live:${ns}:bpftool net show`);
    append(errors, r.errors);
    bpf = r.observations;
  }
  // Indexed once: filtering the whole listing per hook was quadratic (1,001 devices:
  // 2,002 scans of ~1,000 observations). Positions keep bpftool's order (tcx order matters).
  const all = bpf ?? [];
  const byIfindex = new Map<number, number[]>();
  const byName = new Map<string, number[]>();
  all.forEach((o, i) => {
    if (o.ifindex !== null) push(byIfindex, o.ifindex, i);
    if (o.device !== null) push(byName, o.device, i);
  });
  const bpfFor = (ifindex: number, name: string, direction: string): HookObservation[] => {
    const at = [...new Set([...(byIfindex.get(ifindex) ?? []), ...(byName.get(name) ?? [])])].sort((a, b) => a - b);
    return at.map((i) => all[i] as HookObservation).filter((o) => o.direction === direction);
  };
  // Without tcx support in the kernel there is nothing to miss: an empty list is the truth.
  const tcxKnown = !caps.kernelTcx || (caps.bpftoolTcx && bpf !== null);
  const devices: Device[] = raw.links.map((l) => ({
    name: l.name,
    ifindex: l.ifindex,
    linkKind: l.kind,
    hooks: DIRECTIONS.map((direction): Hook => {
      const h = hooks.get(key(l.name, direction));
      const obs = bpfFor(l.ifindex, l.name, direction);
      let legacy = h ? legacyOf(h, `live:${ns}:${l.name}:${direction}`, caps.versions.iproute2, errors) : null;
      let legacyPrefsKnown = legacy !== null;
      if (legacy === null && bpf !== null) {
        // tc failed for this hook: bpftool still shows the bpf filters, in dump order, without prefs.
        const fromBpf = obs.flatMap((o) => o.legacy?.filters ?? []);
        legacy = fromBpf;
        legacyPrefsKnown = false;
      }
      const tcx: TcxProgram[] | null = tcxKnown ? obs.flatMap((o) => o.tcx ?? []) : null;
      const ingressQdisc = raw.legacyIngress === null ? null : raw.legacyIngress.includes(l.name);
      return { direction, legacy, legacyPrefsKnown, tcx, ingressQdisc };
    }),
  }));
  return {
    id: ns,
    inode: raw.cand.inode,
    path: raw.cand.paths[0] ?? null,
    owner: raw.cand.id === 'host' ? null : { containerId: raw.cand.containerId, pod: raw.cand.pod, pids: raw.cand.pids },
    devices,
  };
}

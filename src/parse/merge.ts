// Groups observations from all offline inputs into NodeSnapshot -> Netns -> Device -> Hook.
// tc is the source of truth for legacy filters (it knows prefs); bpftool adds tcx and the
// program ids tc could not print. Bundle nodes pass through untouched.
import type { Device, Hook, LegacyFilter, Netns, NodeSnapshot } from '../model/snapshot.js';
import type { HookObservation, ParseError, ParsedFile } from './types.js';

interface HookAcc { tc: HookObservation[]; bpf: HookObservation[]; obs: HookObservation }

const part = (p: string | null) => (p === null ? '\u0001' : p);
const k = (a: string | null, b: string | null = null, c: string | null = null, d: string | null = null) =>
  `${part(a)}\u0000${part(b)}\u0000${part(c)}\u0000${part(d)}`;

/** Gives tc filters without a program id the id bpftool shows for the same tc name, in order. */
function fillIds(filters: LegacyFilter[], fromBpftool: LegacyFilter[]): LegacyFilter[] {
  const pool = [...fromBpftool];
  return filters.map((f) => {
    if (f.kind !== 'bpf' || f.tcName === null || (f.program?.id ?? null) !== null) return f;
    const i = pool.findIndex((b) => b.tcName === f.tcName && b.program?.id != null);
    if (i === -1) return f;
    const [b] = pool.splice(i, 1);
    return { ...f, program: { id: b?.program?.id ?? null, name: f.program?.name ?? null, tag: f.program?.tag ?? null } };
  });
}

function buildHook(acc: HookAcc, covered: boolean, errors: ParseError[]): Hook {
  const tc = acc.tc[0]?.legacy;
  for (const other of acc.tc.slice(1)) {
    if (other.legacy && tc && other.legacy.filters.length !== tc.filters.length) {
      const src = other.legacy.filters[0]?.source ?? null;
      errors.push({ file: src?.file ?? '(merge)', line: src?.line ?? null, message: `hook ${acc.obs.device ?? '?'} ${acc.obs.direction ?? '?'} seen twice with different filters; the first dump is used` });
    }
  }
  const bpfLegacy = acc.bpf.find((o) => o.legacy)?.legacy ?? null;
  let legacy: LegacyFilter[] | null = null;
  let prefsKnown = false;
  if (tc) {
    legacy = bpfLegacy ? fillIds(tc.filters, bpfLegacy.filters) : tc.filters;
    prefsKnown = true;
  } else if (bpfLegacy) {
    legacy = bpfLegacy.filters;
  } else if (acc.bpf.length > 0) {
    legacy = null; // bpftool shows only bpf filters: no entry does not mean no u32/flower filter
  }
  const tcxObs = acc.bpf.find((o) => o.tcx !== undefined);
  const tcx = tcxObs?.tcx ?? (covered ? [] : null);
  return { direction: acc.obs.direction, legacy, legacyPrefsKnown: prefsKnown, tcx };
}

export function mergeParsed(files: ParsedFile[]): { nodes: NodeSnapshot[]; errors: ParseError[] } {
  const errors: ParseError[] = files.flatMap((f) => f.errors);
  const covered = new Set<string>();
  const hooks = new Map<string, HookAcc>();
  for (const f of files) {
    for (const c of f.bpftoolNetns ?? []) covered.add(k(c.node, c.netns));
    for (const o of f.observations) {
      const key = k(o.node, o.netns, o.device, o.direction);
      let acc = hooks.get(key);
      if (!acc) hooks.set(key, (acc = { tc: [], bpf: [], obs: o }));
      if (o.tcx !== undefined) acc.bpf.push(o);
      else if (o.legacy) acc.tc.push(o);
      if (acc.obs.ifindex === null && o.ifindex !== null) acc.obs = { ...acc.obs, ifindex: o.ifindex };
    }
  }
  const nodes = new Map<string, NodeSnapshot>();
  const nsMap = new Map<string, Netns>();
  const devMap = new Map<string, Device>();
  for (const acc of hooks.values()) {
    const o = acc.obs;
    const nodeKey = k(o.node);
    let node = nodes.get(nodeKey);
    if (!node) {
      node = { name: o.node, versions: { kernel: null, iproute2: null, bpftool: null }, tcxVisible: null, netns: [], programs: [], progArrays: [] };
      nodes.set(nodeKey, node);
    }
    const nsKey = k(o.node, o.netns);
    let ns = nsMap.get(nsKey);
    if (!ns) {
      ns = { id: o.netns ?? 'unknown', inode: null, path: null, owner: null, devices: [] };
      nsMap.set(nsKey, ns);
      node.netns.push(ns);
    }
    const devKey = k(o.node, o.netns, o.device);
    let dev = devMap.get(devKey);
    if (!dev) {
      dev = { name: o.device, ifindex: o.ifindex, linkKind: null, hooks: [] };
      devMap.set(devKey, dev);
      ns.devices.push(dev);
    }
    if (dev.ifindex === null) dev.ifindex = o.ifindex;
    dev.hooks.push(buildHook(acc, covered.has(nsKey), errors));
  }
  // Walk-independent but stable: ingress before egress within a device.
  const rank = (d: string | null) => (d === 'ingress' ? 0 : d === 'egress' ? 1 : 2);
  for (const d of devMap.values()) d.hooks.sort((a, b) => rank(a.direction) - rank(b.direction));
  const bundleNodes = files.flatMap((f) => f.nodes);
  return { nodes: [...nodes.values(), ...bundleNodes], errors };
}

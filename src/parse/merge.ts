// Groups observations from all offline inputs into NodeSnapshot -> Netns -> Device -> Hook.
// tc is the source of truth for legacy filters (it knows prefs); bpftool adds tcx and the
// program ids tc could not print. Bundle nodes pass through untouched.
import type { Device, Hook, LegacyFilter, Netns, NodeSnapshot, ToolVersions } from '../model/snapshot.js';
import { bpftoolListsTcx, kernelHasTcx } from '../model/toolVersions.js';
import type { DeferredDevices } from './deferredDevices.js';
import type { HookObservation, ParseError, ParsedFile } from './types.js';

interface HookAcc {
  /** Made with their first observation: most hooks have one of each, and an empty list
   *  grows a 17-slot store on its first push. */
  tc: HookObservation[] | null;
  bpf: HookObservation[] | null;
  obs: HookObservation;
  /** The first ifindex any observation of the hook carried. */
  ifindex: number | null;
  /** A deferred device's listing (takeDeferred) was the hook's first bpftool observation:
   *  it shows no tcx program there, whatever a later listing shows. */
  listedFirst: boolean;
  dev: DevAcc;
}
/** A device's hooks by direction (a Map per device cost more than the rest of its merge). */
interface DevAcc { ns: NsAcc; ingress: HookAcc | null; egress: HookAcc | null; unnamed: HookAcc | null; out: Device | null }
type Slot = 'ingress' | 'egress' | 'unnamed';
const slotOf = (direction: string | null): Slot => (direction === 'ingress' || direction === 'egress' ? direction : 'unnamed');
/** `legacyIngress`: the devices a qdisc listing of the namespace showed with the legacy
 *  ingress qdisc; null when no listing covered it (unknown). */
interface NsAcc { node: NodeAcc; devices: Map<string | null, DevAcc>; out: Netns | null; covered: boolean; legacyIngress: Set<string> | null }
interface NodeAcc { netns: Map<string | null, NsAcc>; out: NodeSnapshot | null }

/** Gives tc filters without a program id the id bpftool shows for the same tc name, in order.
 *  bpftool's filters are read only then (src/parse/bpftoolNet.ts makes them on first read). */
// Module-level predicates: an arrow written in a function called for each of 10,000 hooks
// is a new closure each time.
const needsId = (f: LegacyFilter): boolean => f.kind === 'bpf' && f.tcName !== null && (f.program?.id ?? null) === null;
const hasLegacy = (o: HookObservation): boolean => o.legacy !== undefined;
const hasTcx = (o: HookObservation): boolean => o.tcx !== undefined;
/** The hook's first tc observation (the one buildHook uses) printed every program id. */
const idsComplete = (acc: HookAcc): boolean => acc.tc !== null && !(acc.tc[0]!.legacy?.filters.some(needsId) ?? true);
const NO_TABLES: readonly DeferredDevices[] = [];
/** A hook whose deferred device's observation is not made: what it would have given. */
function listed(acc: HookAcc, ifindex: number): void {
  if (acc.ifindex === null) acc.ifindex = ifindex;
  if (acc.bpf === null) acc.listedFirst = true;
}
/** What a deferred device's observation shows of tcx: none. */
const LISTED: { tcx: [] } = { tcx: [] };

function fillIds(filters: LegacyFilter[], fromBpftool: { filters: LegacyFilter[] }): LegacyFilter[] {
  if (!filters.some(needsId)) return filters; // the usual case: tc printed every id
  const pool = [...fromBpftool.filters];
  return filters.map((f) => {
    if (!needsId(f)) return f;
    const i = pool.findIndex((b) => b.tcName === f.tcName && b.program?.id != null);
    if (i === -1) return f;
    const [b] = pool.splice(i, 1);
    return { ...f, program: { id: b?.program?.id ?? null, name: f.program?.name ?? null, tag: f.program?.tag ?? null } };
  });
}

function buildHook(acc: HookAcc, ns: NsAcc, errors: ParseError[]): Hook {
  const covered = ns.covered;
  const tcs = acc.tc ?? [];
  const bpfs = acc.bpf ?? [];
  const tc = tcs[0]?.legacy;
  for (let i = 1; i < tcs.length; i++) {
    const other = tcs[i] as HookObservation;
    if (other.legacy && tc && other.legacy.filters.length !== tc.filters.length) {
      const src = other.legacy.filters[0]?.source ?? null;
      errors.push({ file: src?.file ?? '(merge)', line: src?.line ?? null, message: `hook ${acc.obs.device ?? '?'} ${acc.obs.direction ?? '?'} seen twice with different filters; the first dump is used` });
    }
  }
  const bpfLegacy = bpfs.find(hasLegacy)?.legacy ?? null;
  let legacy: LegacyFilter[] | null = null;
  let prefsKnown = false;
  if (tc) {
    legacy = bpfLegacy ? fillIds(tc.filters, bpfLegacy) : tc.filters;
    prefsKnown = true;
  } else if (bpfLegacy) {
    legacy = bpfLegacy.filters;
  } else if (bpfs.length > 0) {
    legacy = null; // bpftool shows only bpf filters: no entry does not mean no u32/flower filter
  }
  const tcxObs = acc.listedFirst ? LISTED : bpfs.find(hasTcx);
  // A list of the hook's own, even when the parser shared one empty list among them.
  const seen = tcxObs?.tcx;
  const tcx = seen !== undefined ? (seen.length === 0 ? [] : seen) : covered ? [] : null;
  // Known only where a qdisc listing covered the namespace (a capture's tc-qdisc section).
  const ingressQdisc = ns.legacyIngress === null ? null : acc.obs.device !== null && ns.legacyIngress.has(acc.obs.device);
  return { direction: acc.obs.direction, legacy, legacyPrefsKnown: prefsKnown, tcx, ingressQdisc };
}

export function mergeParsed(files: ParsedFile[]): { nodes: NodeSnapshot[]; errors: ParseError[] } {
  const errors: ParseError[] = files.flatMap((f) => f.errors);
  // node -> netns -> device -> direction, keyed by the values themselves (Map keys may be
  // null) instead of a joined string per observation; `order` keeps first-seen order.
  const nodeAccs = new Map<string | null, NodeAcc>();
  const nsOf = (node: string | null, netns: string | null): NsAcc => {
    let n = nodeAccs.get(node);
    if (!n) nodeAccs.set(node, (n = { netns: new Map(), out: null }));
    let ns = n.netns.get(netns);
    if (!ns) n.netns.set(netns, (ns = { node: n, devices: new Map(), out: null, covered: false, legacyIngress: null }));
    return ns;
  };
  const order: HookAcc[] = [];
  // The versions an input states for its node (a capture's header): the first input that
  // states them for a node wins.
  const versionsOf = new Map<string | null, ToolVersions>();
  // Observations come a device at a time (its ingress, then its egress): the last device
  // is looked up again only when node, netns or device change.
  let lastDev: DevAcc | null = null;
  let lastNode: string | null = null;
  let lastNetns: string | null = null;
  let lastDevice: string | null = null;
  const take = (o: HookObservation, f: ParsedFile): void => {
    let dev: DevAcc | undefined;
    if (lastDev !== null && lastDevice === o.device && lastNetns === o.netns && lastNode === o.node) dev = lastDev;
    else {
      if (f.versions !== undefined && !versionsOf.has(o.node)) versionsOf.set(o.node, f.versions);
      const ns = nsOf(o.node, o.netns);
      dev = ns.devices.get(o.device);
      if (!dev) ns.devices.set(o.device, (dev = { ns, ingress: null, egress: null, unnamed: null, out: null }));
      lastDev = dev;
      lastNode = o.node;
      lastNetns = o.netns;
      lastDevice = o.device;
    }
    const slot = slotOf(o.direction);
    let acc = dev[slot];
    if (!acc) {
      acc = { tc: null, bpf: null, obs: o, ifindex: o.ifindex, listedFirst: false, dev };
      dev[slot] = acc;
      order.push(acc);
    }
    if (o.tcx !== undefined) {
      if (acc.bpf === null) acc.bpf = [o];
      else acc.bpf.push(o);
    } else if (o.legacy) {
      if (acc.tc === null) acc.tc = [o];
      else acc.tc.push(o);
    }
    if (acc.ifindex === null) acc.ifindex = o.ifindex;
  };
  /** A device bpftool listed with clsact entries only (deferredDevices.ts): where tc covers
   *  both its hooks with every program id, its observations would add the ifindex and
   *  nothing else (fillIds has nothing to fill, and the namespace is covered: tcx []), so
   *  only that is taken; else its observations are made and taken as any other. */
  const takeDeferred = (t: DeferredDevices, d: number, f: ParsedFile): void => {
    const dev = nsOf(t.ctx.node, t.ctx.netns).devices.get(t.names[d]!);
    const ing = dev?.ingress;
    const eg = dev?.egress;
    if (ing && eg && idsComplete(ing) && idsComplete(eg)) {
      if (f.versions !== undefined && !versionsOf.has(t.ctx.node)) versionsOf.set(t.ctx.node, f.versions);
      listed(ing, t.ifindex[d]!);
      listed(eg, t.ifindex[d]!);
      return;
    }
    for (const o of t.observationsOf(d)) take(o, f);
  };
  for (const f of files) {
    for (const c of f.bpftoolNetns ?? []) nsOf(c.node, c.netns).covered = true;
    for (const q of f.qdiscs ?? []) {
      const ns = nsOf(q.node, q.netns);
      ns.legacyIngress ??= new Set();
      for (const d of q.legacyIngress) ns.legacyIngress.add(d);
    }
    const observations = f.observations;
    // Deferred devices go where the general reader puts their observations.
    const tables = f.deferred ?? NO_TABLES;
    let t = 0;
    let d = 0;
    // (An index loop: a for...of step allocates its iterator result until optimised.)
    for (let i = 0; i <= observations.length; i++) {
      for (; t < tables.length; d = 0, t++) {
        const table = tables[t]!;
        for (; d < table.count && table.pos[d]! <= i; d++) takeDeferred(table, d, f);
        if (d < table.count) break;
      }
      if (i < observations.length) take(observations[i]!, f);
    }
  }
  const nodes: NodeSnapshot[] = [];
  const devices: Device[] = [];
  for (let i = 0; i < order.length; i++) {
    const acc = order[i]!;
    const o = acc.obs;
    const nsAcc = acc.dev.ns;
    let node = nsAcc.node.out;
    if (!node) {
      node = { name: o.node, versions: versionsOf.get(o.node) ?? { kernel: null, iproute2: null, bpftool: null }, tcxVisible: null, netns: [], programs: [], progArrays: [] };
      nsAcc.node.out = node;
      nodes.push(node);
    }
    let ns = nsAcc.out;
    if (!ns) {
      ns = { id: o.netns ?? 'unknown', inode: null, path: null, owner: null, devices: [] };
      nsAcc.out = ns;
      node.netns.push(ns);
    }
    let dev = acc.dev.out;
    if (!dev) {
      dev = { name: o.device, ifindex: acc.ifindex, linkKind: null, hooks: [] };
      acc.dev.out = dev;
      ns.devices.push(dev);
      devices.push(dev);
    }
    if (dev.ifindex === null) dev.ifindex = acc.ifindex;
    dev.hooks.push(buildHook(acc, nsAcc, errors));
  }
  // Walk-independent but stable: ingress before egress within a device. (Two hooks, the
  // usual case, are swapped by hand: 5,000 calls of sort() with a comparator cost more.)
  const rank = (d: string | null) => (d === 'ingress' ? 0 : d === 'egress' ? 1 : 2);
  for (const d of devices) {
    const hs = d.hooks;
    if (hs.length === 2) {
      if (rank(hs[0]!.direction) > rank(hs[1]!.direction)) d.hooks = [hs[1]!, hs[0]!];
    } else if (hs.length > 2) hs.sort((a, b) => rank(a.direction) - rank(b.direction));
  }
  for (const node of nodes) settleTcx(node);
  const bundleNodes = files.flatMap((f) => f.nodes);
  return { nodes: [...nodes, ...bundleNodes], errors };
}

/** What the node's stated versions (a capture's header) say about tcx, as the live collector
 *  decides it: a kernel before 6.6 has no tcx (an empty list is the truth); from 6.6, tcx is
 *  seen only through a bpftool that lists it (>= 7.3, or one whose listing shows a tcx entry
 *  when its version is not stated), and a hook without such a listing has unknown tcx, which
 *  makes the node not tcx-visible (the recommendation cannot be keep). Inputs that state no
 *  kernel keep tcxVisible null: reachability is computed as if no tcx ran, and said so. */
function settleTcx(node: NodeSnapshot): void {
  const hasTcx = kernelHasTcx(node.versions.kernel);
  if (hasTcx === null) return;
  const hooks = node.netns.flatMap((ns) => ns.devices.flatMap((d) => d.hooks));
  if (!hasTcx) {
    for (const h of hooks) if (h.tcx === null) h.tcx = [];
    node.tcxVisible = true;
    return;
  }
  const listable = bpftoolListsTcx(node.versions.bpftool) || (node.versions.bpftool === null && hooks.some((h) => (h.tcx?.length ?? 0) > 0));
  if (!listable) for (const h of hooks) h.tcx = null;
  node.tcxVisible = hooks.every((h) => h.tcx !== null);
}

// Where a finding points: the hook, the program and the dump line. Shared by every rule
// so the JSON contract carries the same location fields whatever rule produced it.
import type { AnalyzedFilter, AnalyzedHook, AnalyzedNode, AnalyzedTcx } from '../../../model/analysis.js';
import type { FilterRef, FindingLocation } from '../../../model/findings.js';
import type { SourceRef } from '../../../model/snapshot.js';

/** Which hook and program a finding is about, so that a finding computed on one hook of a
 *  shape can be re-pointed at every other hook of it (src/analyze/rulesByShape.ts). A
 *  symbol key: spreads carry it along, JSON and formatters never see it. */
export const ABOUT: unique symbol = Symbol('about');
export interface About { hook: AnalyzedHook; program: AnalyzedFilter | AnalyzedTcx | null }
export type HookLocation = FindingLocation & { [ABOUT]: About };

export const hookLocation = (h: AnalyzedHook, program: AnalyzedFilter | AnalyzedTcx | null = null): HookLocation => ({
  node: h.node,
  netns: h.netns,
  interface: h.device,
  direction: h.direction,
  [ABOUT]: { hook: h, program },
});

/** A finding about the whole node (a vendor on it, its tcx visibility). */
export const nodeLocation = (n: AnalyzedNode): FindingLocation => ({
  node: n.name,
  netns: null,
  interface: null,
  direction: null,
});

/** A finding about the agent's settings, not about any node. */
export const NO_LOCATION: FindingLocation = { node: null, netns: null, interface: null, direction: null };

export function filterRef(f: AnalyzedFilter): FilterRef {
  return {
    pref: f.filter.pref,
    handle: f.filter.handle,
    kind: f.filter.kind,
    vendor: f.vendor.id,
    progId: f.filter.program?.id ?? null,
    name: f.filter.tcName ?? f.filter.program?.name ?? null,
  };
}

export function tcxRef(p: AnalyzedTcx): FilterRef {
  return { pref: null, handle: null, kind: p.attach, vendor: p.vendor.id, progId: p.program.id, name: p.program.name };
}

/** Everything a finding about one program carries: location, filter ref, dump line. */
export function aboutFilter(h: AnalyzedHook, f: AnalyzedFilter): HookLocation & { filter: FilterRef; source: SourceRef | null } {
  return { ...hookLocation(h, f), filter: filterRef(f), source: f.filter.source };
}

export function aboutTcx(h: AnalyzedHook, p: AnalyzedTcx): HookLocation & { filter: FilterRef; source: SourceRef | null } {
  return { ...hookLocation(h, p), filter: tcxRef(p), source: p.source };
}

/** Host-side ends of pod veths as CNIs name them (Cilium lxc*, Calico cali*, AWS eni*,
 *  Azure azv*, GKE gke*, generic veth*): traffic there is a container's traffic. */
const POD_DEVICE = /^(lxc|cali|eni|veth|azv|gke)/;

export const isPodDevice = (device: string | null): boolean => device !== null && POD_DEVICE.test(device);

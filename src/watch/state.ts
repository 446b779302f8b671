// The watched node as a mutable snapshot: hooks are replaced one at a time as events
// arrive, and the whole thing is re-audited (audit is pure over the snapshot).
import type { Device, Direction, Hook, LegacyFilter, Netns, NodeSnapshot, ProgArray, ProgramInfo, TcxProgram } from '../model/snapshot.js';

export const hookKey = (netns: string, device: string | null, direction: Direction | null): string =>
  JSON.stringify([netns, device, direction]);

function device(snap: NodeSnapshot, nsId: string, name: string, create: boolean): Device | null {
  const ns = snap.netns.find((n) => n.id === nsId);
  if (!ns) return null;
  let dev = ns.devices.find((d) => d.name === name) ?? null;
  if (!dev && create) {
    dev = { name, ifindex: null, linkKind: null, hooks: [] };
    ns.devices.push(dev);
  }
  return dev;
}

function hook(dev: Device, direction: Direction, tcxDefault: TcxProgram[] | null): Hook {
  let h = dev.hooks.find((x) => x.direction === direction);
  if (!h) {
    h = { direction, legacy: [], legacyPrefsKnown: true, tcx: tcxDefault };
    dev.hooks.push(h);
  }
  return h;
}

export function setLegacy(snap: NodeSnapshot, nsId: string, name: string, direction: Direction, filters: LegacyFilter[]): void {
  const dev = device(snap, nsId, name, true);
  if (dev) {
    const h = hook(dev, direction, snap.tcxVisible === false ? null : []);
    h.legacy = filters;
    h.legacyPrefsKnown = true;
  }
}

// null (tcx unknown: the listing failed) differs from [] (listed: none), so a poll that
// lists a hook with no program clears its unknown state.
const tcxIds = (t: TcxProgram[] | null | undefined): string => (t === null || t === undefined ? 'unknown' : JSON.stringify(t.map((p) => [p.attach, p.program.id])));

/** Applies one namespace's tcx listing; returns the hook keys whose tcx list changed. */
export function setTcx(snap: NodeSnapshot, nsId: string, byDevice: Map<string, Partial<Record<Direction, TcxProgram[]>>>): string[] {
  const ns = snap.netns.find((n) => n.id === nsId);
  if (!ns) return [];
  const changed: string[] = [];
  const names = new Set([...ns.devices.map((d) => d.name ?? ''), ...byDevice.keys()]);
  for (const name of names) {
    const listed = byDevice.get(name) ?? {};
    for (const direction of ['ingress', 'egress'] as const) {
      const dev = device(snap, nsId, name, listed[direction] !== undefined);
      if (!dev) continue;
      const h = hook(dev, direction, []);
      const next = listed[direction] ?? [];
      if (tcxIds(h.tcx) !== tcxIds(next)) {
        h.tcx = next;
        changed.push(hookKey(nsId, name, direction));
      }
    }
  }
  return changed;
}

export function removeDevice(snap: NodeSnapshot, nsId: string, name: string): boolean {
  const ns = snap.netns.find((n) => n.id === nsId);
  const before = ns?.devices.length ?? 0;
  if (ns) ns.devices = ns.devices.filter((d) => d.name !== name);
  return (ns?.devices.length ?? 0) !== before;
}

export function upsertNetns(snap: NodeSnapshot, ns: Netns): void {
  snap.netns = [...snap.netns.filter((n) => n.id !== ns.id), ns];
}

export function removeNetns(snap: NodeSnapshot, nsId: string): void {
  snap.netns = snap.netns.filter((n) => n.id !== nsId);
}

/** Program ids the hooks reference that the snapshot has no details for. */
export function missingProgramIds(snap: NodeSnapshot): number[] {
  const known = new Set(snap.programs.map((p) => p.id));
  const out = new Set<number>();
  for (const ns of snap.netns)
    for (const d of ns.devices)
      for (const h of d.hooks) {
        for (const f of h.legacy ?? []) if (f.program?.id != null && !known.has(f.program.id)) out.add(f.program.id);
        for (const t of h.tcx ?? []) if (t.program.id !== null && !known.has(t.program.id)) out.add(t.program.id);
      }
  return [...out];
}

/** Adds program details and drops those no hook references any more (memory stays flat
 *  under churn: unloaded programs do not accumulate). */
export function refreshPrograms(snap: NodeSnapshot, programs: ProgramInfo[], progArrays: ProgArray[]): void {
  const used = new Set<number>();
  for (const ns of snap.netns)
    for (const d of ns.devices)
      for (const h of d.hooks) {
        for (const f of h.legacy ?? []) if (f.program?.id != null) used.add(f.program.id);
        for (const t of h.tcx ?? []) if (t.program.id !== null) used.add(t.program.id);
      }
  const byId = new Map([...snap.programs, ...programs].map((p) => [p.id, p]));
  const arrays = new Map([...snap.progArrays, ...progArrays].map((a) => [a.id, a]));
  // Keep tail-call targets of used programs too.
  for (const p of byId.values()) if (used.has(p.id)) for (const m of p.mapIds) for (const e of arrays.get(m)?.entries ?? []) used.add(e.progId);
  snap.programs = [...byId.values()].filter((p) => used.has(p.id));
  const maps = new Set(snap.programs.flatMap((p) => p.mapIds));
  snap.progArrays = [...arrays.values()].filter((a) => maps.has(a.id));
}

// Shape keys: two hooks with the same key get the same analysis, so the fleet audits one
// representative per key instead of every hook of every node. The key keeps everything the
// analysis reads (prefs, protocols, kinds, flags, actions, program identity, tcx order,
// node tool versions) and drops what only locates a hook (device, ifindex, ids, source).
import type { Device, Hook, LegacyFilter, ProgArray, ProgramInfo, ProgramRef, TcxProgram } from '../model/snapshot.js';
import type { NodeSnapshot, XlatedInsn } from '../model/snapshot.js';
import { createHash } from 'node:crypto';

/** The instructions as the analysis reads them, map ids as their place in the program's
 *  map list (the tail-call targets of those maps are keyed apart, in order). Not the tag:
 *  copies of one object share it while the verifier specialises each to its own maps
 *  (read-only configuration folded, map sizes inlined), and they can return different
 *  codes (test/live/sameTagPrograms.test.ts); copies that differ only in their map ids get
 *  one digest. Remembered per list: copies on the same maps share theirs. */
const digests = new WeakMap<readonly XlatedInsn[], Map<string, string>>();
function instructionsDigest(info: ProgramInfo): string {
  const list = info.xlated!;
  const maps = info.mapIds.join(',');
  let byMaps = digests.get(list);
  const known = byMaps?.get(maps);
  if (known !== undefined) return known;
  const place = new Map(info.mapIds.map((id, i) => [String(id), i]));
  const h = createHash('sha256');
  for (const insn of list) {
    h.update(insn.disasm.replace(/map\[id:(\d+)\]/g, (_m, id: string) => `map[#${place.get(id) ?? '?'}]`));
    h.update('\n');
  }
  const d = h.digest('hex').slice(0, 24);
  if (byMaps === undefined) digests.set(list, (byMaps = new Map()));
  byMaps.set(maps, d);
  return d;
}

export interface ShapeContext {
  programs: ReadonlyMap<number, ProgramInfo>;
  progArrays: ReadonlyMap<number, ProgArray>;
  /** Node-level facts every hook's analysis may depend on. */
  nodeKey: string;
}

export function shapeContext(snapshot: NodeSnapshot): ShapeContext {
  const { kernel, iproute2, bpftool } = snapshot.versions;
  return {
    programs: new Map(snapshot.programs.map((p) => [p.id, p])),
    progArrays: new Map(snapshot.progArrays.map((a) => [a.id, a])),
    nodeKey: JSON.stringify([snapshot.tcxVisible, kernel, iproute2, bpftool]),
  };
}

/** Names carry the device (Cilium `cil_from_container-lxcab12`) and numbers (Datadog's
 *  ifindex/netns/pid, libbpf's `:[id]`). Vendor recognition keys on name prefixes, so
 *  folding the device and digit runs merges per-device copies without merging vendors. */
export function normName(name: string | null, device: string | null): string | null {
  if (name === null) return null;
  let out = name;
  if (device !== null && device.length >= 2) out = out.split(device).join('{dev}');
  return out.replace(/\d+/g, '#');
}

// A program is identified by its instructions (instructionsDigest; its tag when they were
// not collected), its type and kernel name, plus what it can tail-call into: bytecode
// verdicts follow prog arrays.
function progKey(ref: ProgramRef | null, ctx: ShapeContext, device: string | null, seen: Set<number>): unknown {
  if (ref === null) return null;
  const info = ref.id === null ? undefined : ctx.programs.get(ref.id);
  if (info === undefined) return [normName(ref.name, device), ref.tag];
  if (seen.has(info.id) || seen.size > 8) return ['cycle', info.tag];
  seen.add(info.id);
  const tails: unknown[] = [];
  for (const mapId of info.mapIds) {
    const arr = ctx.progArrays.get(mapId);
    if (arr === undefined) continue;
    for (const e of arr.entries) {
      tails.push([e.key, progKey({ id: e.progId, name: null, tag: null }, ctx, device, seen)]);
    }
  }
  const body = info.xlated === null ? info.tag : instructionsDigest(info);
  return [info.type, normName(info.name, device), body, info.xlated !== null, tails];
}

function filterKey(f: LegacyFilter, ctx: ShapeContext, device: string | null): unknown {
  const k: unknown[] = [
    f.pref, f.protocol, f.chain, f.kind, f.handle, f.directAction, [...f.flags].sort(),
    normName(f.tcName, device), progKey(f.program, ctx, device, new Set()), f.classid,
    f.actions.map((a) => [a.order, a.kind, a.control, a.detail]),
  ];
  // A u32 key's terminal flag, link and matchesEvery decide its verdict (only u32 keys carry them).
  if (f.u32 != null) k.push([f.u32.terminal, f.u32.link, f.u32.matchesEvery ?? null]);
  return k;
}

function tcxKey(t: TcxProgram, ctx: ShapeContext, device: string | null): unknown {
  return [t.attach, progKey(t.program, ctx, device, new Set())];
}

/** The shape key of one hook on one device in one namespace. */
export function hookShapeKey(ctx: ShapeContext, netnsId: string, device: Device, hook: Hook): string {
  const dev = device.name;
  return JSON.stringify([
    ctx.nodeKey,
    netnsId === 'host',
    device.linkKind,
    hook.direction,
    hook.legacyPrefsKnown,
    hook.legacy === null ? null : hook.legacy.map((f) => filterKey(f, ctx, dev)),
    hook.tcx === null ? null : hook.tcx.map((t) => tcxKey(t, ctx, dev)),
    // The device's legacy ingress qdisc is a finding of its own (legacy-ingress-qdisc).
    hook.ingressQdisc ?? null,
  ]);
}

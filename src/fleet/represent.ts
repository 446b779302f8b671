// One representative per distinct hook shape: the first hook seen with that shape, kept
// with just the programs and prog arrays its analysis needs. This store is the only thing
// that grows while bundles stream past, and it grows with shapes, not with files.
import type { Device, Hook, Netns, NodeSnapshot, ProgArray, ProgramInfo } from '../model/snapshot.js';
import type { ShapeContext } from './shape.js';
import { append } from '../arrays.js';

export interface Representative {
  index: number;
  key: string;
  /** Sequence number of the bundle it came from: representatives of one bundle share ids. */
  origin: number;
  nodeName: string;
  netns: Omit<Netns, 'devices'>;
  device: Device;
  programs: ProgramInfo[];
  progArrays: ProgArray[];
  versions: NodeSnapshot['versions'];
  tcxVisible: boolean | null;
}

/** Programs a hook runs, directly or through tail calls. */
function neededPrograms(hook: Hook, ctx: ShapeContext): { programs: ProgramInfo[]; progArrays: ProgArray[] } {
  const queue: number[] = [];
  for (const f of hook.legacy ?? []) if (f.program?.id != null) queue.push(f.program.id);
  for (const t of hook.tcx ?? []) if (t.program.id !== null) queue.push(t.program.id);
  const programs = new Map<number, ProgramInfo>();
  const arrays = new Map<number, ProgArray>();
  while (queue.length > 0) {
    const id = queue.pop()!;
    const info = ctx.programs.get(id);
    if (info === undefined || programs.has(id)) continue;
    programs.set(id, info);
    for (const mapId of info.mapIds) {
      const arr = ctx.progArrays.get(mapId);
      if (arr === undefined) continue;
      arrays.set(arr.id, arr);
      for (const e of arr.entries) queue.push(e.progId);
    }
  }
  return { programs: [...programs.values()], progArrays: [...arrays.values()] };
}

export class ShapeStore {
  private readonly byKey = new Map<string, number>();
  readonly reps: Representative[] = [];

  /** The shape index for `key`, storing this hook as its representative when new. */
  intern(key: string, origin: number, snap: NodeSnapshot, ns: Netns, device: Device, hook: Hook, ctx: ShapeContext): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const index = this.reps.length;
    const { devices: _devices, ...netns } = ns;
    void _devices;
    this.reps.push({
      index,
      key,
      origin,
      nodeName: snap.name ?? 'unknown',
      netns,
      device: { ...device, hooks: [hook] },
      ...neededPrograms(hook, ctx),
      versions: snap.versions,
      tcxVisible: snap.tcxVisible,
    });
    this.byKey.set(key, index);
    return index;
  }
}

/** Synthetic snapshots holding the given representatives, one per origin bundle so that
 *  program ids (unique only within a node) never collide. */
export function representativeSnapshots(reps: Iterable<Representative>): NodeSnapshot[] {
  const byOrigin = new Map<number, NodeSnapshot>();
  for (const r of reps) {
    let snap = byOrigin.get(r.origin);
    if (snap === undefined) {
      snap = { name: r.nodeName, versions: r.versions, tcxVisible: r.tcxVisible, netns: [], programs: [], progArrays: [] };
      byOrigin.set(r.origin, snap);
    }
    let ns = snap.netns.find((n) => n.id === r.netns.id);
    if (ns === undefined) {
      ns = { ...r.netns, devices: [] };
      snap.netns.push(ns);
    }
    const dev = ns.devices.find((d) => d.name === r.device.name && d.ifindex === r.device.ifindex);
    if (dev === undefined) ns.devices.push({ ...r.device, hooks: [...r.device.hooks] });
    else append(dev.hooks, r.device.hooks);
    for (const p of r.programs) if (!snap.programs.some((q) => q.id === p.id)) snap.programs.push(p);
    for (const a of r.progArrays) if (!snap.progArrays.some((q) => q.id === a.id)) snap.progArrays.push(a);
  }
  return [...byOrigin.values()];
}

/** Location key used to find a representative's hook in an audit result. */
export function locationKey(node: string | null, netns: string | null, device: string | null, direction: string | null): string {
  return JSON.stringify([node, netns, device, direction]);
}

// What one scan of a compact `bpftool -j net show` section saw, in order, and how it is
// sorted out: devices with a tcx or netkit entry become hook observations (BpftoolHooks),
// the others, with clsact entries only, DeferredDevices (deferredDevices.ts says why).
import type { Direction } from '../model/snapshot.js';
import type { BpftoolEntry } from './bpftoolNet.js';
import type { BpftoolHooks } from './bpftoolHooks.js';
import type { DeferredDevices } from './deferredDevices.js';
import type { HookObservation } from './types.js';

/** What one section's scan saw, in order. */
export class Seen {
  readonly index = new Map<string, number>();
  readonly names: string[] = [];
  readonly ifindex: number[] = [];
  readonly tcx: boolean[] = [];
  /** Every hook entry in order: its device, and offset * 2 + (1 for egress) for a clsact
   *  entry or -(n + 1) for entries[n], a tcx or netkit one. */
  readonly dev: number[] = [];
  readonly val: number[] = [];
  readonly entries: BpftoolEntry[] = [];
  private lastName: string | null = null;
  private lastK = -1;

  deviceOf(name: string, ifindex: number): number {
    if (name === this.lastName) return this.lastK;
    let k = this.index.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.index.set(name, k);
      this.names.push(name);
      this.ifindex.push(ifindex);
      this.tcx.push(false);
    }
    this.lastName = name;
    this.lastK = k;
    return k;
  }

  clsact(name: string, ifindex: number, direction: Direction, offset: number): void {
    this.dev.push(this.deviceOf(name, ifindex));
    this.val.push(offset * 2 + (direction === 'egress' ? 1 : 0));
  }

  whole(e: BpftoolEntry): void {
    const k = this.deviceOf(e.device, e.ifindex!);
    this.tcx[k] = true;
    this.entries.push(e);
    this.dev.push(k);
    this.val.push(-this.entries.length);
  }
}

/** Observations for the devices with a tcx or netkit entry, in the order of their entries;
 *  the others into `deferred`, each with its items and its place among the observations
 *  (devices in first-seen order, two observations each, as BpftoolHooks orders them). */
export function sortOut(seen: Seen, text: string, line: number, hooks: BpftoolHooks, deferred: DeferredDevices): HookObservation[] {
  const { dev, val, names, ifindex, tcx } = seen;
  const own: number[][] = [];
  for (let s = 0; s < dev.length; s++) {
    const k = dev[s]!;
    const v = val[s]!;
    if (!tcx[k]) (own[k] ??= []).push(v);
    else if (v < 0) hooks.add(seen.entries[-v - 1]!);
    else hooks.addClsactAt(names[k]!, ifindex[k]!, v % 2 === 1 ? 'egress' : 'ingress', text, line, (v - (v % 2)) / 2);
  }
  let before = 0;
  for (let k = 0; k < names.length; k++) {
    if (tcx[k]) before += 2;
    else deferred.add(names[k]!, ifindex[k]!, before, own[k] ?? []);
  }
  return hooks.observations();
}

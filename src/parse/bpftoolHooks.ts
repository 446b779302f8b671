// Groups bpftool's tc entries into hook observations, for every reader of `bpftool net show`
// (JSON through JSON.parse, compact JSON through the scanner, text). Every listed device gets
// both hooks with a tcx list (bpftool shows all tcx there is); legacy only where bpftool
// listed clsact filters, since it shows bpf filters only (u32/flower stay invisible to it).
import type { Direction, TcxProgram } from '../model/snapshot.js';
import type { BpftoolEntry, NetCtx } from './bpftoolNet.js';
import { hookOf } from './bpftoolKinds.js';
import { ClsactFilters } from './clsactFilters.js';
import type { HookObservation } from './types.js';

interface DeviceHooks { ingress: HookObservation; egress: HookObservation }

/** The tcx list of a hook bpftool lists no tcx program on (frozen: replaced, never added to). */
const NO_TCX: TcxProgram[] = Object.freeze([]) as unknown as TcxProgram[];

export class BpftoolHooks {
  // Both hooks of a device are made together when it is first seen, so devices in
  // first-seen order, each ingress then egress, is the observation order.
  private readonly byDevice = new Map<string, DeviceHooks>();
  private lastDevice: string | null = null;
  private last: DeviceHooks | undefined;

  constructor(private readonly file: string, private readonly ctx: NetCtx) {}

  /** An entry read whole (JSON.parse, bpftool's text, a scanned tcx or netkit entry). */
  add(e: BpftoolEntry): void {
    const h = hookOf(e.kind);
    if (!h) return;
    const o = this.hooksOf(e.device, e.ifindex)[h.direction];
    if (h.attach === 'legacy') {
      if (o.legacy instanceof ClsactFilters) o.legacy.add(e);
      else o.legacy = ClsactFilters.of(this.file, e);
      return;
    }
    const source = e.line === null ? null : { file: this.file, line: e.line };
    const t: TcxProgram = { attach: h.attach, program: { id: e.progId, name: e.name, tag: null }, linkId: e.linkId, source };
    if (o.tcx === NO_TCX || o.tcx === undefined) o.tcx = [t];
    else o.tcx.push(t);
  }

  /** A clsact entry the scanner found at `offset` of `text` (on `line`): kept as that offset,
   *  made an entry only if its filters are read (ClsactFilters). */
  addClsactAt(device: string, ifindex: number, direction: Direction, text: string, line: number, offset: number): void {
    const o = this.hooksOf(device, ifindex)[direction];
    if (o.legacy instanceof ClsactFilters) o.legacy.addAt(offset);
    else o.legacy = ClsactFilters.at(this.file, text, line, offset);
  }

  observations(): HookObservation[] {
    const out: HookObservation[] = [];
    for (const d of this.byDevice.values()) out.push(d.ingress, d.egress);
    // Exact-size lists: growing ones reserve spare slots, and these live through the audit.
    for (const o of out) {
      if (o.tcx && o.tcx.length > 1) o.tcx = o.tcx.slice();
      if (o.legacy instanceof ClsactFilters) o.legacy.trim();
    }
    return out;
  }

  /** bpftool lists a device's entries together: the last device is looked up again only
   *  when the name changes. */
  private hooksOf(device: string, ifindex: number | null): DeviceHooks {
    if (device === this.lastDevice && this.last !== undefined) return this.last;
    let d = this.byDevice.get(device);
    if (!d) this.byDevice.set(device, (d = { ingress: this.make(device, ifindex, 'ingress'), egress: this.make(device, ifindex, 'egress') }));
    this.lastDevice = device;
    this.last = d;
    return d;
  }

  // `legacy` is in the literal so that setting it later does not move the object to a
  // larger layout; `tcx` starts as the shared empty list and is replaced on first use.
  private make(device: string, ifindex: number | null, direction: Direction): HookObservation {
    return { node: this.ctx.node, netns: this.ctx.netns, device, ifindex, direction, legacy: undefined, tcx: NO_TCX };
  }
}

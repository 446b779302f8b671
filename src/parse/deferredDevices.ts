// The devices a compact `bpftool -j net show` lists with clsact entries only: the bulk of a
// large node's listing (every pod veth), kept as a table instead of hook observations.
// Where a tc dump already covers both hooks of such a device with program ids (it does in
// every capture), all merge takes from bpftool for it is the ifindex; ~8,000 observations,
// their filter lists and the 17,000 entries behind them were ~25 ms of a 5,000-device run.
// merge.ts asks for a device's observations (observationsOf) when it does need them, at the
// place among the file's observations where the general reader puts them: the two readers
// give the same result (test/parse/bpftoolNetFast.test.ts, withDeferred).
import type { Direction } from '../model/snapshot.js';
import type { NetCtx } from './bpftoolNet.js';
import { BpftoolHooks } from './bpftoolHooks.js';
import type { HookObservation, ParsedFile } from './types.js';

export class DeferredDevices {
  readonly names: string[] = [];
  readonly ifindex: number[] = [];
  /** How many of the file's observations come before each device's two. */
  readonly pos: number[] = [];
  /** Each device's clsact entries, in order, from items[start[d]] to items[start[d + 1]]:
   *  offset * 2 + (1 for egress). */
  private readonly start: number[] = [0];
  private readonly items: number[] = [];

  constructor(readonly ctx: NetCtx, private readonly file: string, private readonly text: string, private readonly line: number) {}

  get count(): number {
    return this.names.length;
  }

  /** (The scanner.) A device, where its observations stand, and its entries' items. */
  add(name: string, ifindex: number, pos: number, items: readonly number[]): void {
    this.names.push(name);
    this.ifindex.push(ifindex);
    this.pos.push(pos);
    for (let i = 0; i < items.length; i++) this.items.push(items[i]!);
    this.start.push(this.items.length);
  }

  /** Places the devices after `by` observations that come before the section's own. */
  rebase(by: number): void {
    if (by !== 0) for (let d = 0; d < this.pos.length; d++) this.pos[d]! += by;
  }

  /** Device d's ingress and egress observations, as the general reader makes them. */
  observationsOf(d: number): HookObservation[] {
    const hooks = new BpftoolHooks(this.file, this.ctx);
    for (let j = this.start[d]!; j < this.start[d + 1]!; j++) {
      const v = this.items[j]!;
      const direction: Direction = v % 2 === 1 ? 'egress' : 'ingress';
      hooks.addClsactAt(this.names[d]!, this.ifindex[d]!, direction, this.text, this.line, (v - (v % 2)) / 2);
    }
    return hooks.observations();
  }
}

/** A file's observations with its deferred devices' put in their places: what the general
 *  reader gives (for tests and anything that wants the plain list). */
export function withDeferred(f: ParsedFile): HookObservation[] {
  const tables = f.deferred ?? [];
  if (tables.length === 0) return f.observations;
  const out: HookObservation[] = [];
  let i = 0;
  for (const t of tables) {
    for (let d = 0; d < t.count; d++) {
      for (; i < t.pos[d]!; i++) out.push(f.observations[i]!);
      out.push(...t.observationsOf(d));
    }
  }
  for (; i < f.observations.length; i++) out.push(f.observations[i]!);
  return out;
}

// Hook shape keys: two hooks of one node with the same key get the same verdicts, reaches
// and findings, so the audit analyses one representative per key (src/analyze/analyze.ts)
// and re-points its findings at the others (src/analyze/rulesByShape.ts). Pod veths repeat
// a handful of chains: a 5,000-device node has tens of shapes, not 10,000 hooks.
//
// The key holds every input of the verdict, the kernel walk and the rules' wording, and
// drops what only identifies a hook or a program instance (device, ifindex, netns, tc name,
// prog id, link id, dump line). Names matter only through the vendor they identify, which
// every hook computes for itself (its evidence quotes its own name).
import type { VendorMatch } from '../model/analysis.js';
import type { Hook, LegacyFilter, ProgramRef } from '../model/snapshot.js';
import type { TupleIds } from '../tupleIds.js';
import type { VerdictContext } from './verdict.js';
import { isPodDevice } from './rules/util/where.js';

// Keys are tuple ids (src/tupleIds.ts) rather than strings: a string per hook meant
// building, flattening and hashing a few hundred characters for each of 10,000 hooks.
// Atoms are typed and lists counted, so no name can run into the next field.
const NONE = Symbol('not observed');

// With instructions at hand the verdict comes from the bytecode, whose evidence names
// program and prog-array ids: only the same program gives the same verdict then. Without
// them the knowledge base decides from the vendor alone.
const addProgram = (ids: TupleIds, p: ProgramRef | null, ctx: VerdictContext): TupleIds =>
  ids.add(p?.name ?? null).add(p !== null && p.id !== null && ctx.programs.has(p.id) ? p.id : null);

function addFilter(ids: TupleIds, f: LegacyFilter, vendor: VendorMatch, ctx: VerdictContext): void {
  ids.add(f.pref).add(f.protocol).add(f.chain).add(f.kind).add(f.handle).add(f.directAction).add(f.flags.length);
  for (const fl of f.flags) ids.add(fl);
  ids.add(f.classid).add(f.actions.length);
  for (const a of f.actions) ids.add(a.order).add(a.kind).add(a.control).add(a.detail);
  addProgram(ids.add(vendor.id), f.program, ctx);
}

/** The shape of one hook within its node (`ids`: the node's shapes so far). The device
 *  matters only as "a pod's veth or not", which changes the rules' wording (describe.ts
 *  hookTraffic). */
export function hookShapeKey(
  device: string | null,
  hook: Hook,
  filterVendors: readonly VendorMatch[],
  tcxVendors: readonly VendorMatch[],
  ctx: VerdictContext,
  ids: TupleIds,
): number {
  ids.begin().add(hook.direction).add(hook.legacyPrefsKnown).add(isPodDevice(device));
  if (hook.legacy === null) ids.add(NONE);
  else {
    ids.add(hook.legacy.length);
    hook.legacy.forEach((f, i) => addFilter(ids, f, filterVendors[i]!, ctx));
  }
  if (hook.tcx === null) ids.add(NONE);
  else {
    ids.add(hook.tcx.length);
    hook.tcx.forEach((t, i) => addProgram(ids.add(t.attach).add(tcxVendors[i]!.id), t.program, ctx));
  }
  return ids.id();
}

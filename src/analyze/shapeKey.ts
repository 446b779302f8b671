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
import type { Hook, LegacyFilter, ProgramRef, TcxProgram } from '../model/snapshot.js';
import type { VerdictContext } from './verdict.js';
import { isPodDevice } from './rules/util/where.js';

// With instructions at hand the verdict comes from the bytecode, whose evidence names
// program and prog-array ids: only the same program gives the same verdict then. Without
// them the knowledge base decides from the vendor alone.
const programKey = (p: ProgramRef | null, ctx: VerdictContext): unknown => [
  p?.name ?? null,
  p !== null && p.id !== null && ctx.programs.has(p.id) ? p.id : null,
];

const filterKey = (f: LegacyFilter, vendor: VendorMatch, ctx: VerdictContext): unknown => [
  f.pref, f.protocol, f.chain, f.kind, f.handle, f.directAction, f.flags, f.classid,
  f.actions.map((a) => [a.order, a.kind, a.control, a.detail]),
  vendor.id, programKey(f.program, ctx),
];

const tcxKey = (t: TcxProgram, vendor: VendorMatch, ctx: VerdictContext): unknown => [
  t.attach, vendor.id, programKey(t.program, ctx),
];

/** The shape of one hook within its node. The device matters only as "a pod's veth or not",
 *  which changes the rules' wording (describe.ts hookTraffic). */
export function hookShapeKey(
  device: string | null,
  hook: Hook,
  filterVendors: readonly VendorMatch[],
  tcxVendors: readonly VendorMatch[],
  ctx: VerdictContext,
): string {
  return JSON.stringify([
    hook.direction,
    hook.legacyPrefsKnown,
    isPodDevice(device),
    hook.legacy === null ? null : hook.legacy.map((f, i) => filterKey(f, filterVendors[i]!, ctx)),
    hook.tcx === null ? null : hook.tcx.map((t, i) => tcxKey(t, tcxVendors[i]!, ctx)),
  ]);
}

// Snapshot -> analysed model: owner, verdict and reachability for every program.
import type { AnalyzedFilter, AnalyzedHook, AnalyzedNode, AnalyzedTcx, Analysis, Reach, VendorMatch, Verdict } from '../model/analysis.js';
import type { Hook, LegacyFilter, NodeSnapshot, TcxProgram } from '../model/snapshot.js';
import { hasGotoChain } from './actions.js';
import { tcxStops } from './attachMode.js';
import { allReach, CLASSES, walk, walkTcx } from './evaluate.js';
import { ShapeTable, type Shapes } from './shapeTable.js';
import { resolveFilterVerdict, resolveTcxVerdict, type VerdictContext } from './verdict.js';
import { identifyFilter, identifyTcx } from './vendors/identify.js';

type DeviceRef = { name: string | null; ifindex: number | null };
interface Owners { filters: VendorMatch[]; tcx: VendorMatch[] }

function analyzeHook(node: NodeSnapshot, netns: string, device: DeviceRef, hook: Hook, owners: Owners, ctx: VerdictContext): AnalyzedHook {
  // Verdicts in lists beside the programs rather than spread into copies of them: filters
  // come in several object layouts, and spreading them was most of a representative's cost.
  const tcxList = hook.tcx ?? [];
  const tcxVerdicts = tcxList.map((p, i) => resolveTcxVerdict(p, owners.tcx[i]!, ctx, hook.direction));
  // Two mprog chains can sit here, each stopping at its first value other than -1: the
  // netkit/peer programs (they run as the pod side transmits, before this primary's ingress
  // hook) and then the tcx ones. netkit/primary programs run as the device transmits
  // (ndo_start_xmit), after its egress hook: they gate nothing here.
  const netkitFirst = hook.direction !== 'egress';
  const steps = tcxList.map((_p, i) => ({ ends: tcxVerdicts[i]!.terminal, stops: tcxStops(tcxVerdicts[i]!.returnCodes, tcxVerdicts[i]!.terminal) }));
  const nk: number[] = [];
  const tx: number[] = [];
  for (let i = 0; i < tcxList.length; i++) (tcxList[i]!.attach === 'netkit' ? nk : tx).push(i);
  const nkWalk = walkTcx(allReach(true), netkitFirst ? nk.map((i) => steps[i]!) : []);
  const txWalk = walkTcx(nkWalk.after, tx.map((i) => steps[i]!));
  const tcxReach: Reach[] = new Array<Reach>(tcxList.length);
  if (netkitFirst) nk.forEach((i, k) => (tcxReach[i] = nkWalk.reaches[k]!));
  tx.forEach((i, k) => (tcxReach[i] = txWalk.reaches[k]!));
  // netkit/primary programs: their own chain, fed what the egress hook transmits.
  const lateSteps = netkitFirst ? [] : nk;
  // tcx unobserved on a node known to be blind to it (kernel >= 6.6, no tcx-capable bpftool):
  // a tcx program may end the walk, so nothing after it is provable. Offline inputs that just
  // lack bpftool data (tcxVisible null) are computed as if there were none; the
  // tcx-not-visible rule says so in the report.
  const legacyStart = hook.tcx === null && node.tcxVisible === false ? allReach(null) : txWalk.after;
  const legacyList = hook.legacy ?? [];
  const filterVerdicts = legacyList.map((f, i) => resolveFilterVerdict(f, owners.filters[i]!, ctx));
  const gotoSeen = legacyList.some((f) => hasGotoChain(f.actions));
  const legacyWalk = walk(
    legacyStart,
    legacyList.map((f, i) => ({ protocol: f.protocol, terminal: filterVerdicts[i]!.terminal, chain: f.chain })),
    gotoSeen,
  );
  if (lateSteps.length > 0) {
    const lateWalk = walkTcx(transmitted(txWalk.after, legacyWalk.after), lateSteps.map((i) => ({ ends: 'never' as const, stops: steps[i]!.stops })));
    lateSteps.forEach((i, k) => (tcxReach[i] = lateWalk.reaches[k]!));
  }
  const tcx: AnalyzedTcx[] | null =
    hook.tcx === null ? null : tcxList.map((p, i) => withTcx(p, owners.tcx[i]!, tcxVerdicts[i]!, tcxReach[i]!));
  const filters: AnalyzedFilter[] | null =
    hook.legacy === null ? null : legacyList.map((f, i) => withFilter(f, owners.filters[i]!, filterVerdicts[i]!, legacyWalk.reaches[i]!));
  return {
    node: node.name,
    netns,
    device: device.name,
    ifindex: device.ifindex,
    direction: hook.direction,
    filters,
    legacyPrefsKnown: hook.legacyPrefsKnown,
    tcx,
    legacyReach: legacyStart,
    exitReach: legacyWalk.after,
    ingressQdisc: hook.ingressQdisc ?? null,
  };
}

/** What a netkit/primary program sees: what the egress hook transmits. Traffic no program
 *  ended is all there; traffic some program ended may have been passed on (OK, TCX_PASS)
 *  or dropped, which the verdict alone does not tell. */
function transmitted(afterTcx: Reach, afterLegacy: Reach): Reach {
  const out = allReach(true);
  for (const c of CLASSES) out[c] = afterTcx[c] === true && afterLegacy[c] === true ? true : null;
  return out;
}

// The parsed filter itself, not a copy of its fields (model/analysis.ts AnalyzedFilter).
const withFilter = (f: LegacyFilter, vendor: VendorMatch, verdict: Verdict, reaches: Reach): AnalyzedFilter => ({ filter: f, vendor, verdict, reaches });

const withTcx = (t: TcxProgram, vendor: VendorMatch, verdict: Verdict, reaches: Reach): AnalyzedTcx => ({
  attach: t.attach, program: t.program, linkId: t.linkId, source: t.source, vendor, verdict, reaches,
});

const NO_OWNERS: VendorMatch[] = Object.freeze([]) as unknown as VendorMatch[];
/** Each program's owner; one shared empty list for the many hooks with none. */
const ownersOf = <T>(xs: readonly T[] | null, identify: (x: T) => VendorMatch): VendorMatch[] =>
  xs === null || xs.length === 0 ? NO_OWNERS : xs.map(identify);

// Loops rather than map() with an arrow: the arrow would be a new closure for each of
// 10,000 hooks, run before the code is optimised.
function filtersLike(rep: readonly AnalyzedFilter[], own: readonly LegacyFilter[], owners: readonly VendorMatch[]): AnalyzedFilter[] {
  const out: AnalyzedFilter[] = new Array<AnalyzedFilter>(own.length);
  for (let i = 0; i < own.length; i++) out[i] = withFilter(own[i]!, owners[i]!, rep[i]!.verdict, rep[i]!.reaches);
  return out;
}

function tcxLike(rep: readonly AnalyzedTcx[], own: readonly TcxProgram[], owners: readonly VendorMatch[]): AnalyzedTcx[] {
  const out: AnalyzedTcx[] = new Array<AnalyzedTcx>(own.length);
  for (let i = 0; i < own.length; i++) out[i] = withTcx(own[i]!, owners[i]!, rep[i]!.verdict, rep[i]!.reaches);
  return out;
}

/** A hook of the same shape as `rep`: its own names, ids, owners and dump lines, the
 *  representative's verdicts and reaches (the same objects: nothing mutates them). */
function likeRepresentative(rep: AnalyzedHook, netns: string, device: DeviceRef, hook: Hook, owners: Owners): AnalyzedHook {
  // Written out in analyzeHook's field order rather than spread from `rep`: every hook then
  // has one object layout, and the rules and reports that read 10,000 of them stay fast.
  return {
    node: rep.node,
    netns,
    device: device.name,
    ifindex: device.ifindex,
    direction: rep.direction,
    filters: hook.legacy === null ? null : filtersLike(rep.filters!, hook.legacy, owners.filters),
    legacyPrefsKnown: rep.legacyPrefsKnown,
    tcx: hook.tcx === null ? null : tcxLike(rep.tcx!, hook.tcx, owners.tcx),
    legacyReach: rep.legacyReach,
    exitReach: rep.exitReach,
    ingressQdisc: rep.ingressQdisc,
  };
}

/** Which hook of the analysis stood for each hook's shape (itself when it was the first). */
export type Representatives = Map<AnalyzedHook, AnalyzedHook>;

/** What makes two hooks alike, a new table per node; tests pass one that keeps every hook
 *  apart, which is the audit of every hook on its own that the shapes must reproduce. */
export type ShapesFactory = () => Shapes;
export const shapeTables: ShapesFactory = () => new ShapeTable();

export function analyzeNode(
  node: NodeSnapshot,
  base: Omit<VerdictContext, 'programs' | 'progArrays'>,
  repOf: Representatives = new Map(),
  shapes: ShapesFactory = shapeTables,
): AnalyzedNode {
  const ctx: VerdictContext = {
    ...base,
    programs: new Map(node.programs.map((p) => [p.id, p])),
    progArrays: node.progArrays,
  };
  const byShape = shapes();
  const hooks: AnalyzedHook[] = [];
  // Index loops for the devices and hooks: a for...of step allocates its iterator result
  // until the code is optimised, and this runs for 10,000 hooks from cold.
  for (const ns of node.netns) {
    for (let d = 0; d < ns.devices.length; d++) {
      const dev = ns.devices[d]!;
      for (let k = 0; k < dev.hooks.length; k++) {
        const hook = dev.hooks[k]!;
        // Every hook names its own owners (the evidence quotes its own names); the rest of
        // the analysis is done once per shape.
        const owners = { filters: ownersOf(hook.legacy, identifyFilter), tcx: ownersOf(hook.tcx, identifyTcx) };
        const rep = byShape.find(dev.name, hook, owners.filters, owners.tcx, ctx);
        const h = rep ? likeRepresentative(rep, ns.id, dev, hook, owners) : analyzeHook(node, ns.id, dev, hook, owners, ctx);
        if (!rep) byShape.add(h);
        repOf.set(h, rep ?? h);
        hooks.push(h);
      }
    }
  }
  return { name: node.name, versions: node.versions, tcxVisible: node.tcxVisible, hooks };
}

export function analyzeSnapshots(nodes: readonly NodeSnapshot[], base: Omit<VerdictContext, 'programs' | 'progArrays'>): Analysis {
  return { nodes: nodes.map((n) => analyzeNode(n, base)) };
}

/** The analysis plus, for every hook, the representative of its shape. */
export function analyzeByShape(
  nodes: readonly NodeSnapshot[],
  base: Omit<VerdictContext, 'programs' | 'progArrays'>,
  shapes: ShapesFactory = shapeTables,
): { analysis: Analysis; repOf: Representatives } {
  const repOf: Representatives = new Map();
  return { analysis: { nodes: nodes.map((n) => analyzeNode(n, base, repOf, shapes)) }, repOf };
}

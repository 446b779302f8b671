// Snapshot -> analysed model: owner, verdict and reachability for every program.
import type { AnalyzedFilter, AnalyzedHook, AnalyzedNode, AnalyzedTcx, Analysis } from '../model/analysis.js';
import type { Hook, NodeSnapshot } from '../model/snapshot.js';
import { hasGotoChain } from './actions.js';
import { allReach, walk } from './evaluate.js';
import { resolveFilterVerdict, resolveTcxVerdict, type VerdictContext } from './verdict.js';
import { identifyFilter, identifyTcx } from './vendors/identify.js';

function analyzeHook(node: NodeSnapshot, netns: string, device: { name: string | null; ifindex: number | null }, hook: Hook, ctx: VerdictContext): AnalyzedHook {
  const tcxIn = (hook.tcx ?? []).map((p) => {
    const vendor = identifyTcx(p);
    return { ...p, vendor, verdict: resolveTcxVerdict(p, vendor, ctx) };
  });
  const tcxWalk = walk(allReach(true), tcxIn.map((p) => ({ protocol: 'all', terminal: p.verdict.terminal, chain: null })), false);
  // tcx unobserved on a node known to be blind to it (kernel >= 6.6, no tcx-capable bpftool):
  // a tcx program may end the walk, so nothing after it is provable. Offline inputs that just
  // lack bpftool data (tcxVisible null) are computed as if there were none; the
  // tcx-not-visible rule says so in the report.
  const legacyStart = hook.tcx === null && node.tcxVisible === false ? allReach(null) : tcxWalk.after;
  const filtersIn = (hook.legacy ?? []).map((f) => {
    const vendor = identifyFilter(f);
    return { ...f, vendor, verdict: resolveFilterVerdict(f, vendor, ctx) };
  });
  const gotoSeen = filtersIn.some((f) => hasGotoChain(f.actions));
  const legacyWalk = walk(
    legacyStart,
    filtersIn.map((f) => ({ protocol: f.protocol, terminal: f.verdict.terminal, chain: f.chain })),
    gotoSeen,
  );
  const tcx: AnalyzedTcx[] | null = hook.tcx === null ? null : tcxIn.map((p, i) => ({ ...p, reaches: tcxWalk.reaches[i]! }));
  const filters: AnalyzedFilter[] | null =
    hook.legacy === null ? null : filtersIn.map((f, i) => ({ ...f, reaches: legacyWalk.reaches[i]! }));
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
  };
}

export function analyzeNode(node: NodeSnapshot, base: Omit<VerdictContext, 'programs' | 'progArrays'>): AnalyzedNode {
  const ctx: VerdictContext = {
    ...base,
    programs: new Map(node.programs.map((p) => [p.id, p])),
    progArrays: node.progArrays,
  };
  const hooks: AnalyzedHook[] = [];
  for (const ns of node.netns) {
    for (const dev of ns.devices) {
      for (const hook of dev.hooks) hooks.push(analyzeHook(node, ns.id, dev, hook, ctx));
    }
  }
  return { name: node.name, versions: node.versions, tcxVisible: node.tcxVisible, hooks };
}

export function analyzeSnapshots(nodes: readonly NodeSnapshot[], base: Omit<VerdictContext, 'programs' | 'progArrays'>): Analysis {
  return { nodes: nodes.map((n) => analyzeNode(n, base)) };
}

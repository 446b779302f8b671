// Which hooks and programs the checklist rules look at.
import { reachesAny } from '../../evaluate.js';
import type { AnalyzedFilter, AnalyzedHook, AnalyzedTcx, Analysis } from '../../../model/analysis.js';
import { agentUsesHook, isAgent } from '../../../recommend/blockers.js';
import type { RuleContext } from '../types.js';
import { ebpfDriven } from '../../actions.js';

export const allHooks = (a: Analysis): AnalyzedHook[] => a.nodes.flatMap((n) => n.hooks);

/** Hooks the agent attaches to (egress always, ingress when enabled); none at all when
 *  network detection is off, since the agent then attaches no classifier anywhere. */
export function agentHooks(a: Analysis, ctx: RuleContext): AnalyzedHook[] {
  if (!ctx.agent.networkEnabled) return [];
  return allHooks(a).filter((h) => agentUsesHook(h, ctx.agent));
}

/** Foreign cls_bpf filters, and classifiers whose actions run an eBPF program (act_bpf): the
 *  programs the Workload Protection checklist is about. */
export const foreignBpf = (h: AnalyzedHook): AnalyzedFilter[] =>
  (h.filters ?? []).filter((f) => ebpfDriven(f.filter) && !isAgent(f));

export const foreignTcx = (h: AnalyzedHook): AnalyzedTcx[] => (h.tcx ?? []).filter((p) => !isAgent(p));

/** always/sometimes: some packet it sees ends the walk. Unknown is handled by its own rule. */
export const isTerminal = (p: AnalyzedFilter | AnalyzedTcx): boolean =>
  p.verdict.terminal === 'always' || p.verdict.terminal === 'sometimes';

/** A filter outside chain 0 that nothing jumps to never runs; everything else counts, even
 *  when an earlier terminal program shadows it today (moving that one would expose it). */
export const runs = (f: AnalyzedFilter): boolean => f.filter.chain === null || f.filter.chain === 0 || reachesAny(f.reaches);

/** The loop most checklist rules share: every foreign bpf filter that runs on a hook the
 *  agent uses, turned into at most one finding by `about`. */
export function forEachForeignFilter<D>(a: Analysis, ctx: RuleContext, about: (h: AnalyzedHook, f: AnalyzedFilter) => D | null): D[] {
  const out: D[] = [];
  for (const h of agentHooks(a, ctx)) {
    for (const f of foreignBpf(h)) {
      if (!runs(f)) continue;
      const d = about(h, f);
      if (d !== null) out.push(d);
    }
  }
  return out;
}

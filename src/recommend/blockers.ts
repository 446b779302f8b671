// Foreign programs that can hide packets from the agent's classifiers on the hooks it uses.
import { reachesAny } from '../analyze/evaluate.js';
import type { AgentSettings } from '../agent/types.js';
import type { AnalyzedFilter, AnalyzedHook, AnalyzedTcx } from '../model/analysis.js';
import type { Blocker } from './types.js';

/** The agent attaches egress always, ingress when enabled; an unnamed direction counts. */
export function agentUsesHook(h: AnalyzedHook, agent: AgentSettings): boolean {
  return h.direction !== 'ingress' || agent.ingressEnabled;
}

/** Could this program end the walk for some traffic it sees? Unknown counts (never guess "no"). */
export function mayHide(p: AnalyzedFilter | AnalyzedTcx): boolean {
  return p.verdict.terminal !== 'never' && reachesAny(p.reaches);
}

export const isAgent = (p: { vendor: { id: string } }): boolean => p.vendor.id === 'datadog';

/** Legacy filters the checklist is about: foreign eBPF classifiers that may end the walk. */
export function blockingFilters(h: AnalyzedHook): AnalyzedFilter[] {
  return (h.filters ?? []).filter((f) => f.kind === 'bpf' && !isAgent(f) && mayHide(f));
}

export function blockingTcx(h: AnalyzedHook): AnalyzedTcx[] {
  return (h.tcx ?? []).filter((p) => !isAgent(p) && mayHide(p));
}

export function toBlocker(h: AnalyzedHook, p: AnalyzedFilter | AnalyzedTcx, attach: 'legacy' | 'tcx'): Blocker {
  return {
    node: h.node,
    netns: h.netns,
    device: h.device,
    direction: h.direction,
    attach,
    pref: 'pref' in p ? p.pref : null,
    vendor: p.vendor.id,
    terminal: p.verdict.terminal,
    name: ('tcName' in p ? p.tcName : null) ?? p.program?.name ?? null,
  };
}

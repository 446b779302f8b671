// Foreign programs that can hide packets from the agent's classifiers on the hooks it uses.
import { reachesAny } from '../analyze/evaluate.js';
import type { AgentSettings } from '../agent/types.js';
import type { AnalyzedFilter, AnalyzedHook, AnalyzedTcx } from '../model/analysis.js';
import type { Blocker } from './types.js';
import { ebpfDriven } from '../analyze/actions.js';

/** The agent attaches egress always, ingress when enabled; an unnamed direction counts. */
export function agentUsesHook(h: AnalyzedHook, agent: AgentSettings): boolean {
  return h.direction !== 'ingress' || agent.ingressEnabled;
}

/** Could this program end the walk for some traffic it sees? Unknown counts (never guess "no"). */
function mayHide(p: AnalyzedFilter | AnalyzedTcx): boolean {
  return p.verdict.terminal !== 'never' && reachesAny(p.reaches);
}

export const isAgent = (p: { vendor: { id: string } }): boolean => p.vendor.id === 'datadog';

/** Legacy filters the checklist is about: foreign eBPF classifiers (act_bpf included) that may end the walk. */
const blocksAsFilter = (f: AnalyzedFilter): boolean => ebpfDriven(f.filter) && !isAgent(f) && mayHide(f);
const blocksAsTcx = (p: AnalyzedTcx): boolean => !isAgent(p) && mayHide(p);

/** The blockers of the hooks the agent uses, tcx and legacy apart, in hook order. Written
 *  as loops: two filtered lists and two mapped ones per hook were most of the work on a
 *  node of 10,000 hooks. */
export function blockersOf(hooks: readonly AnalyzedHook[], agent: AgentSettings): { audited: AnalyzedHook[]; tcx: Blocker[]; legacy: Blocker[] } {
  const audited: AnalyzedHook[] = [];
  const tcx: Blocker[] = [];
  const legacy: Blocker[] = [];
  // Index loops: a for...of step allocates its iterator result until the code is optimised.
  for (let i = 0; i < hooks.length; i++) {
    const h = hooks[i]!;
    if (!agentUsesHook(h, agent)) continue;
    audited.push(h);
    const ts = h.tcx;
    if (ts !== null) for (let j = 0; j < ts.length; j++) if (blocksAsTcx(ts[j]!)) tcx.push(toBlocker(h, ts[j]!, 'tcx'));
    const fs = h.filters;
    if (fs !== null) for (let j = 0; j < fs.length; j++) if (blocksAsFilter(fs[j]!)) legacy.push(toBlocker(h, fs[j]!, 'legacy'));
  }
  return { audited, tcx, legacy };
}

/** Foreign non-eBPF filters (u32, matchall, …) that may end the walk at or before pref `P` on
 *  the hooks the agent uses. The checklist leaves them out (not-ebpf-classifier), so they
 *  force no answer; a `keep` says they are there rather than "nothing runs before". */
export function nonBpfAhead(hooks: readonly AnalyzedHook[], agent: AgentSettings, P: number): number {
  let n = 0;
  for (const h of hooks) {
    if (!agentUsesHook(h, agent) || h.filters === null) continue;
    for (const f of h.filters) if (!ebpfDriven(f.filter) && f.filter.pref !== null && f.filter.pref <= P && !isAgent(f) && mayHide(f)) n++;
  }
  return n;
}

function toBlocker(h: AnalyzedHook, p: AnalyzedFilter | AnalyzedTcx, kind: 'legacy' | 'tcx'): Blocker {
  const attach = 'filter' in p ? kind : p.attach;
  return {
    node: h.node,
    netns: h.netns,
    device: h.device,
    direction: h.direction,
    attach,
    pref: 'filter' in p ? p.filter.pref : null,
    vendor: p.vendor.id,
    terminal: p.verdict.terminal,
    name: 'filter' in p ? (p.filter.tcName ?? p.filter.program?.name ?? null) : (p.program?.name ?? null),
  };
}

// A stand-in for audit + recommend with just enough semantics to tell shapes apart:
// programs named cil_* are terminal, everything else passes through; a terminal tcx
// program forces disable-network, a terminal legacy filter at or below the agent's
// priority forces set-priority (pref - 1), or disable-network at pref 1.
import type { AgentSettings } from '../../src/agent/types.js';
import type { AuditFn } from '../../src/analyze/contracts.js';
import type { AnalyzedHook, Verdict } from '../../src/model/analysis.js';
import type { Recommendation } from '../../src/recommend/types.js';

const reach = { ipv4: true, ipv6: true, other: true };
const verdict = (name: string | null): Verdict => ({
  terminal: name?.startsWith('cil_') ? 'always' : 'never', returnCodes: null, source: 'assumed', mode: 'direct-action', evidence: [], disagreement: null,
});

export const fakeAudit: AuditFn = (nodes, options) => {
  const analysed = nodes.map((n) => ({
    name: n.name, versions: n.versions, tcxVisible: n.tcxVisible,
    hooks: n.netns.flatMap((ns) => ns.devices.flatMap((d) => d.hooks.map((h): AnalyzedHook => ({
      node: n.name, netns: ns.id, device: d.name, ifindex: d.ifindex, direction: h.direction, legacyPrefsKnown: h.legacyPrefsKnown, ingressQdisc: h.ingressQdisc ?? null,
      filters: h.legacy?.map((f) => ({ filter: f, vendor: { id: 'unknown' as const, evidence: '' }, verdict: verdict(f.program?.name ?? null), reaches: reach })) ?? null,
      tcx: h.tcx?.map((t) => ({ ...t, vendor: { id: 'unknown' as const, evidence: '' }, verdict: verdict(t.program.name), reaches: reach })) ?? null,
      legacyReach: reach, exitReach: reach,
    })))),
  }));
  const hooks = analysed.flatMap((n) => n.hooks);
  return {
    mode: options.mode, inputs: options.inputs, agent: options.agent, analysis: { nodes: analysed },
    findings: hooks.filter((h) => (h.tcx ?? []).length > 0).map((h) => ({
      ruleId: 'terminal-tcx', severity: 'error' as const, message: 'tcx', remediation: null, filter: null, source: null,
      node: h.node, netns: h.netns, interface: h.device, direction: h.direction,
    })),
    recommendation: fakeRecommend(hooks, options.agent), errors: [], notes: [],
  };
};

export function fakeRecommend(hooks: AnalyzedHook[], agent: AgentSettings): Recommendation {
  const base = { reasons: [], vendorAlternatives: [], snippets: null };
  const blocker = (h: AnalyzedHook, attach: 'legacy' | 'tcx', pref: number | null, name: string | null) => ({
    node: h.node, netns: h.netns, device: h.device, direction: h.direction, attach, pref, vendor: 'unknown', terminal: 'always', name,
  });
  const tcx = hooks.flatMap((h) => (h.tcx ?? []).filter((t) => t.verdict.terminal === 'always').map((t) => blocker(h, 'tcx', null, t.program.name)));
  if (tcx.length > 0) return { ...base, action: 'disable-network', classifierPriority: null, blockers: tcx };
  const legacy = hooks.flatMap((h) => (h.filters ?? [])
    .filter((f) => f.verdict.terminal === 'always' && f.filter.pref !== null && f.filter.pref <= agent.classifierPriority)
    .map((f) => blocker(h, 'legacy', f.filter.pref, f.filter.tcName)));
  if (legacy.length === 0) return { ...base, action: 'keep', classifierPriority: agent.classifierPriority, blockers: [] };
  const min = Math.min(...legacy.map((b) => b.pref!));
  const blockers = legacy.filter((b) => b.pref === min);
  return min <= 1
    ? { ...base, action: 'disable-network', classifierPriority: null, blockers }
    : { ...base, action: 'set-priority', classifierPriority: min - 1, blockers };
}

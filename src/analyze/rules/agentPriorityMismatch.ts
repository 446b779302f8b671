// The configured priority and the prefs the agent's filters actually sit at should agree;
// when they don't, the running agent has not applied the setting (no restart, another
// source wins) or stale filters of an earlier agent remain, and the lower pref is what runs.
import { AGENT_PRECEDENCE, LIBRARY_FALLBACK_PRIORITY } from '../../agent/defaults.js';
import { isAgent } from '../../recommend/blockers.js';
import { defineRule, type FindingDraft } from './types.js';
import { NO_LOCATION, nodeLocation } from './util/where.js';

const list = (ps: readonly number[]): string => ps.join(', ');

export default defineRule({
  id: 'agent-priority-mismatch',
  severity: 'warning',
  title: "The agent's filters are not at the configured priority",
  check(analysis, ctx) {
    const a = ctx.agent;
    const out: FindingDraft[] = [];
    const observed = a.observedPriorities;
    if (a.source !== 'default' && a.source !== 'observed' && observed.length > 0) {
      const configured = a.configuredPriority ?? a.classifierPriority;
      const effective = configured === 0 ? LIBRARY_FALLBACK_PRIORITY : configured;
      const odd = observed.filter((p) => p !== effective);
      if (odd.length > 0) {
        out.push({
          ...NO_LOCATION, filter: null, source: null,
          message: `classifier_priority is configured as ${configured}${configured === 0 ? ` (pref ${effective})` : ''} (from ${a.source}), but the agent's filters were seen at pref ${list(observed)}; tc-audit reasons with ${a.classifierPriority}, the configured value.`,
          remediation: `restart system-probe so it attaches at pref ${effective}, or check which source sets the priority (${AGENT_PRECEDENCE})`,
        });
      }
    }
    for (const n of analysis.nodes) {
      const prefs = new Set<number>();
      for (const h of n.hooks) for (const f of h.filters ?? []) if (isAgent(f) && f.filter.pref !== null) prefs.add(f.filter.pref);
      if (prefs.size < 2) continue;
      const sorted = [...prefs].sort((x, y) => x - y);
      out.push({
        ...nodeLocation(n), filter: null, source: null,
        message: `The agent's filters sit at ${sorted.length} different prefs on this node (${list(sorted)}): a changed priority left stale filters behind, and on each hook the lowest one is what runs.`,
        remediation: `restart system-probe (it removes filters of agent processes that no longer exist), then re-audit; filters that remain at pref ${list(sorted.filter((p) => p !== a.classifierPriority))} can be removed with \`tc filter del dev DEV ingress|egress pref N handle H bpf\``,
      });
    }
    return out;
  },
});

// The configured priority and the prefs the agent's filters actually sit at should agree;
// when they don't, the running agent has not applied the setting (no restart, another
// source wins) or stale filters of an earlier agent remain (on one hook, the lower pref is
// what runs first). Where the agent runs now behind a classifier that ends the walk, it is
// blind now: an error, whatever the configured pref would give.
import { AGENT_PRECEDENCE, LIBRARY_FALLBACK_PRIORITY } from '../../agent/defaults.js';
import { hardCodedPriority, PRIORITY_CONFIGURABLE_FROM } from '../../agent/versionEra.js';
import type { Analysis } from '../../model/analysis.js';
import { isAgent } from '../../recommend/blockers.js';
import { defineRule, type FindingDraft } from './types.js';
import { NO_LOCATION, nodeLocation } from './util/where.js';

const list = (ps: readonly number[]): string => ps.join(', ');

/** The agent's classifiers at these prefs that no traffic reaches now (every class false). */
function blindAt(analysis: Analysis, prefs: readonly number[]): boolean {
  for (const n of analysis.nodes) for (const h of n.hooks) for (const f of h.filters ?? []) {
    if (isAgent(f) && f.filter.pref !== null && prefs.includes(f.filter.pref) && f.reaches.ipv4 === false && f.reaches.ipv6 === false && f.reaches.other === false) return true;
  }
  return false;
}

export default defineRule({
  id: 'agent-priority-mismatch',
  severity: 'warning',
  title: "The agent's filters are not at the configured priority",
  check(analysis, ctx) {
    const a = ctx.agent;
    const out: FindingDraft[] = [];
    const observed = a.observedPriorities;
    // (With network detection off the priority moves nothing: the warning below says so.)
    // An agent of a version that hard-codes its pref (versionEra.ts) seen elsewhere: the
    // version given is not the one running (only other prefs seen: agentPriority.ts then
    // reasons as for an agent that reads its configuration), or filters of another agent
    // remain beside it.
    const pinned = hardCodedPriority(a.agentVersion);
    if (a.networkEnabled && pinned !== null && observed.some((p) => p !== pinned)) {
      const reasoned = a.hardCodedPriority === null
        ? `the running agent is not that version, and tc-audit reasons with pref ${a.classifierPriority} (${a.source === 'observed' ? 'where its filters are' : `from ${a.source === 'flag' ? '--agent-priority' : a.source}`}), as for an agent that reads its configuration`
        : `filters at another pref were left by another agent; tc-audit reasons with pref ${pinned}`;
      out.push({
        ...NO_LOCATION, filter: null, source: null,
        message: `agent ${a.agentVersion ?? '?'} attaches at pref ${pinned} whatever its configuration says (versions before ${PRIORITY_CONFIGURABLE_FROM}), but the agent's filters were seen at pref ${list(observed)}: ${reasoned}.`,
        remediation: `check the running agent's version (the system-probe image tag) and give that to --agent-version`,
      });
    }
    if (a.networkEnabled && a.source !== 'default' && a.source !== 'observed' && a.source !== 'agent-version' && observed.length > 0) {
      const configured = a.configuredPriority ?? a.classifierPriority;
      const effective = configured === 0 ? LIBRARY_FALLBACK_PRIORITY : configured;
      const odd = observed.filter((p) => p !== effective);
      if (odd.length > 0) {
        // What to do: the answer's value when it sets one (never restart into a value the
        // answer rejects); --agent-priority is tc-audit's own assumption, not the agent's
        // setting, so only a configuration change moves the agent.
        const rec = ctx.recommendation;
        const target = rec?.action === 'set-priority' && rec.classifierPriority !== null ? rec.classifierPriority : effective;
        const fromFlag = a.source === 'flag';
        const disable = rec?.action === 'disable-network';
        // The answer weighs the configured pref; where the agent's filters sit now, a
        // classifier before them may already end the walk: blind until the restart.
        const blind = blindAt(analysis, odd);
        out.push({
          ...NO_LOCATION, filter: null, source: null,
          ...(blind ? { severity: 'error' as const } : {}),
          message: `classifier_priority is ${fromFlag ? 'assumed' : 'configured'} as ${configured}${configured === 0 ? ` (pref ${effective})` : ''} (from ${fromFlag ? '--agent-priority' : a.source}), but the agent's filters were seen at pref ${list(observed)}: the agent runs there now; tc-audit reasons with ${a.classifierPriority}.${!blind ? '' : disable || target !== effective
            ? ' Where they sit now, no traffic reaches them (a classifier before them ends the walk): network detection is blind there now, and the configured pref would not help either (see the recommendation).'
            : ` Where they sit now, no traffic reaches them (a classifier before them ends the walk): network detection is blind there until the agent runs at pref ${effective}.`}`,
          remediation: disable
            ? `no classifier_priority is safe on this node (the recommendation is to disable network detection): restarting at pref ${effective} would not help`
            : target !== effective
            ? `set classifier_priority to ${target}, the recommended value, and restart system-probe (${configured} is not safe)`
            : fromFlag
              ? `set classifier_priority: ${target} in the agent's configuration (--agent-priority only tells tc-audit what to assume) and restart system-probe`
              : `restart system-probe so it attaches at pref ${effective}, or check which source sets the priority (${AGENT_PRECEDENCE})`,
        });
      }
    }
    // Ingress configured off while the agent's ingress classifiers are attached: the same.
    if (a.networkEnabled && !a.ingressEnabled) {
      // (No count: rules run over one hook per shape, and the message must not depend on it.)
      const seen = analysis.nodes.some((n) => n.hooks.some((h) => h.direction === 'ingress' && (h.filters ?? []).some(isAgent)));
      if (seen) {
        out.push({
          ...NO_LOCATION, filter: null, source: null,
          message: 'ingress network detection is configured off, but the agent\'s ingress classifiers were seen: the running agent still attaches them; tc-audit audits egress only, as configured.',
          remediation: `restart system-probe so the setting takes effect, or check which source turns ingress on (${AGENT_PRECEDENCE})`,
        });
      }
    }
    // Network detection configured off while the agent's classifiers are attached: the
    // setting is not in effect (no restart yet, or another source turns it on).
    if (!a.networkEnabled && observed.length > 0) {
      out.push({
        ...NO_LOCATION, filter: null, source: null,
        message: `network detection is configured off, but the agent's classifiers were seen at pref ${list(observed)}: the setting is not in effect on this node (the running agent still attaches them); this report audits the configuration, under which the agent attaches nothing.`,
        remediation: `restart system-probe so the setting takes effect, or check which source turns it on (${AGENT_PRECEDENCE})`,
      });
    }
    for (const n of analysis.nodes) {
      const prefs = new Set<number>();
      for (const h of n.hooks) for (const f of h.filters ?? []) if (isAgent(f) && f.filter.pref !== null) prefs.add(f.filter.pref);
      // A node whose agent runs only elsewhere than the pref seen highest across the inputs
      // (several nodes, or a cluster's bundles): a change not rolled out there, or there only.
      if (a.networkEnabled && a.source === 'observed' && prefs.size > 0 && !prefs.has(a.classifierPriority)) {
        const own = [...prefs].sort((x, y) => x - y);
        const rec = ctx.recommendation;
        const target = rec?.action === 'set-priority' && rec.classifierPriority !== null ? rec.classifierPriority : a.classifierPriority;
        out.push({
          ...nodeLocation(n), filter: null, source: null,
          message: `The agent's filters on this node sit at pref ${list(own)}, not at ${a.classifierPriority}, the highest pref they were seen at across the inputs, which tc-audit reasons with: the agents of these nodes run at different prefs, and what hides traffic from this node's agent now is not what the answer weighs.`,
          remediation: rec?.action === 'disable-network'
            ? 'no classifier_priority is safe on every node (the recommendation is to disable network detection); audit this node on its own (tc-audit analyze ITS-BUNDLE) for what holds here'
            : `apply classifier_priority: ${target} on every node (the recommendation's snippets) and restart system-probe here, or audit this node on its own (tc-audit analyze ITS-BUNDLE)`,
        });
      }
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

// Where the agent's priority comes from: an agent version that hard-codes it (the agent
// reads no setting then, --agent-priority included) unless the agent's filters are seen
// only at other prefs (then it is not the agent running); else an explicit setting (flag,
// file, env); else the pref its own filters were seen at; else the default. A disagreement between the
// configured and the observed value is a finding (agent-priority-mismatch), not a guess.
import type { AgentSettings } from '../agent/types.js';
import type { Analysis } from '../model/analysis.js';
import { pinToVersion } from '../agent/versionEra.js';

export function observedAgentPrefs(analysis: Analysis): number[] {
  const prefs = new Set<number>();
  // Index loops: this runs over every filter of 10,000 hooks before the code is optimised,
  // when each step of a for...of allocates its iterator result.
  for (const n of analysis.nodes) {
    const hooks = n.hooks;
    for (let i = 0; i < hooks.length; i++) {
      const fs = hooks[i]!.filters;
      if (fs !== null) for (let j = 0; j < fs.length; j++) { const f = fs[j]!; if (f.vendor.id === 'datadog' && f.filter.pref !== null) prefs.add(f.filter.pref); }
    }
  }
  return [...prefs].sort((a, b) => a - b);
}

export function resolveAgentPriority(agent: AgentSettings, analysis: Analysis): AgentSettings {
  const observed = observedAgentPrefs(analysis);
  const out: AgentSettings = { ...agent, observedPriorities: observed };
  if (agent.hardCodedPriority !== null) {
    if (observed.length === 0 || observed.includes(agent.hardCodedPriority)) return pinToVersion(out);
    // The agent's filters seen only elsewhere: the agent running is not that version.
    out.hardCodedPriority = null;
    out.upgraded = null;
  }
  if (out.source === 'default' && observed.length > 0) {
    // Reason about what runs now. Seen at several prefs (a change not rolled out to every
    // node of a cluster yet, stale filters), the highest is the one most classifiers run
    // before: an answer that holds for it holds for the lower ones, and the lowest could
    // call a node fine whose agent runs behind a terminal classifier.
    out.classifierPriority = observed[observed.length - 1]!;
    out.source = 'observed';
  }
  return out;
}

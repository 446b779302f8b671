// checklist: a vendor that ends the walk but sits above the agent's pref runs after it;
// the agent has already seen every packet by then.
import { defineRule, type FindingDraft } from './types.js';
import { cap, ends, trafficOf, who } from './util/describe.js';
import { forEachForeignFilter, isTerminal } from './util/select.js';
import { aboutFilter } from './util/where.js';

export default defineRule({
  id: 'terminal-after-agent',
  severity: 'info',
  title: 'A classifier that ends the walk runs after the agent',
  check(analysis, ctx) {
    const P = ctx.agent.classifierPriority;
    return forEachForeignFilter<FindingDraft>(analysis, ctx, (h, f) => {
      if (f.filter.pref === null || f.filter.pref <= P || !isTerminal(f)) return null;
      // An agent that reads no priority is ahead only until it is upgraded.
      const later = ctx.agent.upgraded?.classifierPriority ?? null;
      const until = later !== null && f.filter.pref <= later
        ? ` while the agent reads no classifier_priority; upgraded, it attaches at pref ${later}, ${f.filter.pref === later ? 'beside' : 'after'} this one (see the answer after the upgrade)`
        : '';
      // A configured pref the running agent has not applied yet: no concern once it has.
      const { observedPriorities: seen, source } = ctx.agent;
      const configured = source !== 'default' && source !== 'observed' && source !== 'agent-version';
      const notYet = until === '' && configured && seen.length > 0 && !seen.includes(P)
        ? ` once the agent runs at pref ${P} (its filters sit at pref ${seen.join(', ')} now: agent-priority-mismatch)`
        : '';
      return {
        ...aboutFilter(h, f),
        message: `${cap(who(f))} at pref ${f.filter.pref} ${ends(f.verdict.terminal)} the walk for ${trafficOf(f.filter.protocol)}, but it runs after the agent's classifier at pref ${P}: no concern${until}${notYet}.`,
        remediation: null,
      };
    });
  },
});

// checklist: a vendor at pref 2..P that ends the walk runs before the agent; the agent must
// move strictly below it (never onto the same pref, see agent-pref-collision).
import { defineRule, type FindingDraft } from './types.js';
import { cap, ends, hookTraffic, trafficOf, who } from './util/describe.js';
import { beforeAgentFix, withKnob } from './util/fix.js';
import { forEachForeignFilter, isTerminal } from './util/select.js';
import { refusingFilter } from '../../recommend/refused.js';
import { isAgent } from '../../recommend/blockers.js';
import { aboutFilter } from './util/where.js';

export default defineRule({
  id: 'terminal-before-agent',
  severity: 'error',
  title: 'A classifier that ends the walk runs before the agent',
  check(analysis, ctx) {
    const P = ctx.agent.classifierPriority;
    return forEachForeignFilter<FindingDraft>(analysis, ctx, (h, f) => {
      if (f.filter.pref === null || f.filter.pref < 2 || f.filter.pref > P || !isTerminal(f)) return null;
      // Holding the agent's pref with another kind or protocol, it keeps the agent off the
      // hook altogether: agent-pref-refused says that, not that it runs first.
      if (refusingFilter(h, P) === f) return null;
      // At the agent's own pref the newer filter runs first (tc lists a pref's filters newest
      // first): today's order decides whether the agent misses traffic now, and any re-attach
      // of either side flips it.
      const fs = h.filters ?? [];
      const agentAt = fs.findIndex((x) => isAgent(x) && x.filter.pref === P);
      const agentFirst = f.filter.pref === P && agentAt !== -1 && agentAt < fs.indexOf(f);
      // Only a filter of the agent seen at that pref says which one came later.
      const samePref = f.filter.pref !== P ? ''
        : agentAt !== -1 ? ' (the same pref: it was added later, and tc runs a pref\'s filters newest first)'
        : ' (the agent\'s own pref: whichever filter is added later runs first)';
      const message = agentFirst
        ? `${cap(who(f))} shares pref ${P} with the agent's classifier, which runs first today because it was added later; a re-attach of ${who(f)} puts it first, and it ${ends(f.verdict.terminal)} the walk for ${trafficOf(f.filter.protocol)}, so the agent would miss ${hookTraffic(h)}; classifier_priority must be strictly lower than ${f.filter.pref}.`
        : `${cap(who(f))} at pref ${f.filter.pref} ${ends(f.verdict.terminal)} the walk for ${trafficOf(f.filter.protocol)} before the agent's classifier at pref ${P}${samePref}, which then misses ${hookTraffic(h)}; classifier_priority must be strictly lower than ${f.filter.pref}.`;
      return {
        ...aboutFilter(h, f),
        message,
        remediation: withKnob(beforeAgentFix(ctx, f.filter.pref), f.vendor.id, ctx),
      };
    });
  },
});

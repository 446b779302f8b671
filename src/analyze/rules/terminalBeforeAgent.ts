// checklist: a vendor at pref 2..P that ends the walk runs before the agent; the agent must
// move strictly below it (never onto the same pref, see agent-pref-collision).
import { defineRule, type FindingDraft } from './types.js';
import { cap, ends, hookTraffic, trafficOf, who } from './util/describe.js';
import { beforeAgentFix, withKnob } from './util/fix.js';
import { forEachForeignFilter, isTerminal } from './util/select.js';
import { aboutFilter } from './util/where.js';

export default defineRule({
  id: 'terminal-before-agent',
  severity: 'error',
  title: 'A classifier that ends the walk runs before the agent',
  check(analysis, ctx) {
    const P = ctx.agent.classifierPriority;
    return forEachForeignFilter<FindingDraft>(analysis, ctx, (h, f) => {
      if (f.filter.pref === null || f.filter.pref < 2 || f.filter.pref > P || !isTerminal(f)) return null;
      return {
        ...aboutFilter(h, f),
        message: `${cap(who(f))} at pref ${f.filter.pref} ${ends(f.verdict.terminal)} the walk for ${trafficOf(f.filter.protocol)} before the agent's classifier at pref ${P}, which then misses ${hookTraffic(h)}; classifier_priority must be strictly lower than ${f.filter.pref}.`,
        remediation: withKnob(beforeAgentFix(ctx, f.filter.pref), f.vendor.id),
      };
    });
  },
});

// checklist: a vendor at pref 1 that ends the walk leaves no room before it; nothing the
// agent sets can make its classifier run first, so on that hook it sees nothing.
import { defineRule, type FindingDraft } from './types.js';
import { cap, ends, hookTraffic, trafficOf, who } from './util/describe.js';
import { disableNetworkFix, withKnob } from './util/fix.js';
import { forEachForeignFilter, isTerminal } from './util/select.js';
import { aboutFilter } from './util/where.js';

export default defineRule({
  id: 'terminal-at-pref-1',
  severity: 'error',
  title: 'A classifier that ends the walk sits at pref 1',
  check(analysis, ctx) {
    return forEachForeignFilter<FindingDraft>(analysis, ctx, (h, f) => {
      if (f.filter.pref !== 1 || !isTerminal(f)) return null;
      return {
        ...aboutFilter(h, f),
        message: `${cap(who(f))} at pref 1 ${ends(f.verdict.terminal)} the walk for ${trafficOf(f.filter.protocol)}, so no classifier_priority can put the agent before it: the agent cannot see ${hookTraffic(h)}.`,
        remediation: withKnob(disableNetworkFix(ctx), f.vendor.id, ctx),
      };
    });
  },
});

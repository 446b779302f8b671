// The agent's pref held by a filter of another kind or protocol: the kernel refuses the
// agent's classifier there, so it has none on that hook, whatever the verdicts
// (src/recommend/refused.ts). Its add fails each time it starts; the hook goes unwatched.
import { otherProtocol, refusal, refusingFilter } from '../../recommend/refused.js';
import { defineRule, type FindingDraft } from './types.js';
import { who } from './util/describe.js';
import { disableNetworkFix, setPriorityFix, upgradeFix } from './util/fix.js';
import { agentHooks } from './util/select.js';
import { aboutFilter } from './util/where.js';

export default defineRule({
  id: 'agent-pref-refused',
  severity: 'error',
  title: "The kernel refuses the agent's classifier at its pref",
  check(analysis, ctx) {
    const P = ctx.agent.classifierPriority;
    const out: FindingDraft[] = [];
    for (const h of agentHooks(analysis, ctx)) {
      const f = refusingFilter(h, P);
      if (f === null) continue;
      const kind = f.filter.kind !== 'bpf'
        ? `a ${f.filter.kind} filter${otherProtocol(f) ? ` of protocol ${f.filter.protocol}` : ''}`
        : `a cls_bpf filter of protocol ${f.filter.protocol}`;
      out.push({
        ...aboutFilter(h, f),
        message: `Pref ${P}, the agent's, holds ${kind} (${who(f)}) in chain 0: the kernel refuses the agent's classifier (cls_bpf, protocol all) at that pref ("${refusal(f)}"), so the agent has no classifier on this hook and network detection sees none of its traffic.`,
        remediation: upgradeFix(ctx) ?? setPriorityFix(ctx) ?? (ctx.recommendation.action === 'disable-network'
          ? disableNetworkFix(ctx)
          : `move the agent to a free pref (classifier_priority) or the filter to another pref`),
      });
    }
    return out;
  },
});

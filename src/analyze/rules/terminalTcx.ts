// tcx programs (and netkit/peer ones, on the primary's ingress) run before every legacy
// clsact filter (sch_handle_ingress/egress, >= 6.6): one that returns PASS/DROP/REDIRECT
// skips the whole legacy chain, so no classifier_priority can put the agent in front of it.
// A program no traffic reaches (an earlier tcx program stops the tcx chain) hides nothing;
// netkit/primary programs run after the egress hook and are `never` there.
import { reachesAny } from '../evaluate.js';
import { defineRule, type FindingDraft } from './types.js';
import { cap, ends, hookTraffic, who } from './util/describe.js';
import { disableNetworkFix, withKnob } from './util/fix.js';
import { agentHooks, foreignTcx } from './util/select.js';
import { aboutTcx } from './util/where.js';

export default defineRule({
  id: 'terminal-tcx',
  severity: 'error',
  title: 'A tcx program that ends the walk runs before every classifier',
  check(analysis, ctx) {
    const out: FindingDraft[] = [];
    for (const h of agentHooks(analysis, ctx)) {
      for (const p of foreignTcx(h)) {
        const t = p.verdict.terminal;
        if (t === 'never' || !reachesAny(p.reaches)) continue;
        const kind = p.attach === 'netkit' ? 'netkit program' : 'tcx program';
        out.push({
          ...aboutTcx(h, p),
          // Unknown verdict: the same situation, one level less sure.
          ...(t === 'unknown' ? { severity: 'warning' as const } : {}),
          message: `${cap(who(p))} is a ${kind} that ${ends(t)} the walk before any legacy classifier runs, so the agent ${t === 'unknown' ? 'may not see' : 'cannot see'} ${hookTraffic(h)} whatever its classifier_priority.`,
          // Unknown: learning what it returns comes first, and may make this no concern.
          remediation: t === 'unknown'
            ? `learn what it returns first: run a live audit (tc-audit reads its bytecode with bpftool), or state it with --assume ${p.vendor.id}=unspec (returns TCX_NEXT: no concern) or --assume ${p.vendor.id}=ok (TCX_PASS: ends the walk)${p.vendor.id === 'unknown' ? ' (--assume unknown=… speaks for every unidentified program in the input)' : ''}; if it may end the walk: ${withKnob(disableNetworkFix(ctx), p.vendor.id, ctx, 'tcx')}`
            : withKnob(disableNetworkFix(ctx), p.vendor.id, ctx, 'tcx'),
        });
      }
    }
    return out;
  },
});

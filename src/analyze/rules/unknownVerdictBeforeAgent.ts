// Unknown is an answer, not "fine": a program at or before the agent whose verdict nobody
// could establish is treated as terminal by the recommendation. Say how to learn it.
import { defineRule, type FindingDraft } from './types.js';
import { cap, who } from './util/describe.js';
import { forEachForeignFilter } from './util/select.js';
import { aboutFilter } from './util/where.js';

/** --assume names a vendor, not a program: for `unknown` it speaks for every unidentified one. */
const whole = (vendor: string): string => (vendor === 'unknown' ? '; --assume unknown=… applies to every unidentified program in the input (every node of it), so state it only when that holds for all of them' : '');

export default defineRule({
  id: 'unknown-verdict-before-agent',
  severity: 'warning',
  title: 'A classifier before the agent has an unknown verdict',
  check(analysis, ctx) {
    const P = ctx.agent.classifierPriority;
    // An agent that reads no priority (7.36.0-7.39.1, pinned at 1) moves once upgraded: a
    // classifier between the two prefs decides the answer after the upgrade.
    const up = ctx.agent.upgraded;
    return forEachForeignFilter<FindingDraft>(analysis, ctx, (h, f) => {
      const pref = f.filter.pref;
      if (pref === null || f.verdict.terminal !== 'unknown') return null;
      const now = pref <= P;
      const later = !now && up !== null && pref <= up.classifierPriority && (h.direction === 'egress' || up.ingressEnabled);
      if (!now && !later) return null;
      return {
        ...aboutFilter(h, f),
        message: now
          ? `${cap(who(f))} at pref ${pref} runs before the agent's classifier at pref ${P} and what it returns is unknown, so the recommendation treats it as ending the walk.`
          : `${cap(who(f))} at pref ${pref} will run before the agent's classifier once the agent is upgraded (it then attaches at pref ${up!.classifierPriority}), and what it returns is unknown, so the answer after the upgrade treats it as ending the walk.`,
        // An act_bpf program's bytecode is not read (only classifiers' are): --assume only.
        // Attached without direct-action, a program's UNSPEC is a match and OK no match: the
        // effect is the plainer thing to state there.
        remediation: f.filter.kind === 'bpf' && f.filter.directAction === false
          ? `run a live audit (tc-audit reads the program's bytecode with bpftool and proves its verdict), or state its effect with --assume ${f.vendor.id}=passthrough (never ends the walk) or --assume ${f.vendor.id}=terminal (ends it); attached without direct-action, a program returning UNSPEC matches and its actions run${whole(f.vendor.id)}`
          : f.filter.kind === 'bpf'
          ? `run a live audit (tc-audit reads the program's bytecode with bpftool and proves its verdict), or state it with --assume ${f.vendor.id}=unspec (passes packets on) or --assume ${f.vendor.id}=ok (ends the walk)${whole(f.vendor.id)}`
          : `its eBPF program runs as an action (act_bpf), whose bytecode tc-audit does not read: state what it returns with --assume ${f.vendor.id}=unspec (its default-action applies) or --assume ${f.vendor.id}=ok (ends the walk)${whole(f.vendor.id)}`,
      };
    });
  },
});

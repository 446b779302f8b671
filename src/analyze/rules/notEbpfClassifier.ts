// u32, flower, matchall... are outside Workload Protection's checklist (it is about eBPF
// classifiers) but they sit in the same walk: a match whose action chain ends (pass, drop,
// redirect, or no action at all = TC_ACT_OK) hides that packet from later filters. A u32 key
// without the terminal flag never does (cls_u32.c u32_classify moves on to the next key).
import type { AnalyzedFilter } from '../../model/analysis.js';
import { agentUsesHook } from '../../recommend/blockers.js';
import { defineRule, type FindingDraft } from './types.js';
import { trafficOf } from './util/describe.js';
import { allHooks } from './util/select.js';
import { aboutFilter } from './util/where.js';
import { ebpfDriven } from '../actions.js';
import { refusingFilter } from '../../recommend/refused.js';

function effect(f: AnalyzedFilter): string {
  const what = trafficOf(f.filter.protocol);
  switch (f.verdict.terminal) {
    case 'always':
      return `it matches every packet and ends the walk, hiding ${what} from later filters`;
    case 'sometimes':
      return `a packet it matches ends the walk, so the part of ${what} it matches is hidden from later filters`;
    case 'never':
      return f.filter.flags.includes('skip_sw') ? 'it is skip_sw (it runs only in hardware), so in software it hides nothing'
        : f.filter.kind === 'u32' && f.filter.u32?.terminal === false
          ? 'it is a u32 key without the terminal flag (no class, no action), so a match moves on and it hides nothing'
          : 'its actions continue the walk, so it hides nothing';
    case 'unknown':
      return `tc-audit cannot follow what a match does, so it may hide matching ${what} from later filters`;
  }
}

/** What takes the filter out of the agent's way. tc cannot move a filter to another pref
 *  (replace finds it by its pref): it is added again after the agent and the old one
 *  deleted. Below pref 1 nothing runs, so there only moving it helps. */
function fixFor(pref: number, P: number): string {
  const move = `move the filter after the agent (add it again at a pref above ${P}, then \`tc filter del ... pref ${pref}\`)`;
  return `the agent sees none of that traffic on this hook: ${pref <= 1 ? `no classifier_priority runs before pref 1, so ${move}` : `set classifier_priority below ${pref}, or ${move}`}`;
}

export default defineRule({
  id: 'not-ebpf-classifier',
  severity: 'info',
  title: 'A non-eBPF classifier shares the walk',
  check(analysis, ctx) {
    const P = ctx.agent.classifierPriority;
    const out: FindingDraft[] = [];
    for (const h of allHooks(analysis)) {
      const used = ctx.agent.networkEnabled && agentUsesHook(h, ctx.agent);
      for (const f of h.filters ?? []) {
        if (ebpfDriven(f.filter)) continue; // the checklist's own rules speak of those
        const order =
          !used ? 'the agent does not attach to this hook'
          : f.filter.chain !== null && f.filter.chain !== 0 ? `it sits in chain ${f.filter.chain}, which runs only after a \`goto chain ${f.filter.chain}\`, not in the agent's chain 0`
          : f.filter.pref === null ? 'its pref is unknown'
          : f.filter.pref < P ? `it runs before the agent at pref ${P}`
          : f.filter.pref === P ? (refusingFilter(h, P) === f ? `it holds pref ${P}, the agent's, where the kernel refuses the agent's classifier (agent-pref-refused)` : `it shares pref ${P} with the agent`)
          : `it runs after the agent at pref ${P}`;
        // One that ends the walk for every packet of its protocol, at or before the agent's
        // pref, hides that traffic from the agent for certain: a warning, with the fix.
        const hides = used && (f.filter.chain === null || f.filter.chain === 0) && f.verdict.terminal === 'always' && f.filter.pref !== null && f.filter.pref <= P;
        out.push({
          ...aboutFilter(h, f),
          ...(hides ? { severity: 'warning' as const } : {}),
          message: `${f.filter.kind} filter at pref ${f.filter.pref ?? '?'} is outside the eBPF checklist: ${effect(f)}; ${order}.`,
          remediation: hides ? fixFor(f.filter.pref!, P) : null,
        });
      }
    }
    return out;
  },
});

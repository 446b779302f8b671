// bpftool net lists cls_bpf filters without pref, handle or protocol: the walk order is
// known but not where the agent's pref falls in it, so "before the agent" cannot be decided.
import { isAgent } from '../../recommend/blockers.js';
import { defineRule, type FindingDraft } from './types.js';
import { allHooks } from './util/select.js';
import { hookLocation } from './util/where.js';

export default defineRule({
  id: 'pref-unknown',
  severity: 'info', // an error where a filter that may end the walk is among them
  title: 'Filter prefs are unknown for a hook',
  check(analysis) {
    const out: FindingDraft[] = [];
    for (const h of allHooks(analysis)) {
      if (h.legacyPrefsKnown || (h.filters ?? []).length === 0) continue;
      const dir = h.direction ?? 'ingress|egress';
      // One that may end the walk makes the answer unknown: a gate must not pass on that.
      const mayHide = (h.filters ?? []).some((f) => !isAgent(f) && f.verdict.terminal !== 'never');
      out.push({
        ...hookLocation(h),
        ...(mayHide ? { severity: 'error' as const } : {}),
        filter: null,
        source: h.filters?.[0]?.filter.source ?? null,
        message: 'The filters on this hook came only from bpftool net output, which has no prefs: tc-audit cannot tell which run before the agent.',
        remediation: `capture \`tc filter show dev ${h.device ?? 'DEV'} ${dir}\` for this hook (in its network namespace) and audit it with the bpftool output`,
      });
    }
    return out;
  },
});

// checklist: a vendor whose programs return TC_ACT_UNSPEC (TCX_NEXT for tcx) hands every
// packet to the next program, so it never hides anything from the agent.
import { defineRule, type FindingDraft } from './types.js';
import { cap, who } from './util/describe.js';
import { allHooks, foreignBpf, foreignTcx } from './util/select.js';
import { aboutFilter, aboutTcx } from './util/where.js';

export default defineRule({
  id: 'passthrough-classifier',
  severity: 'info',
  title: 'A classifier that always passes packets on',
  check(analysis) {
    const out: FindingDraft[] = [];
    for (const h of allHooks(analysis)) {
      for (const p of foreignTcx(h)) {
        if (p.verdict.terminal !== 'never') continue;
        out.push({ ...aboutTcx(h, p), message: `${cap(who(p))} is a ${p.attach} program that always returns NEXT, so the walk continues to the agent: no concern.`, remediation: null });
      }
      for (const f of foreignBpf(h)) {
        if (f.verdict.terminal !== 'never') continue;
        out.push({ ...aboutFilter(h, f), message: `${cap(who(f))} at pref ${f.filter.pref ?? '?'} never ends the walk (returns TC_ACT_UNSPEC), so the agent still sees every packet: no concern.`, remediation: null });
      }
    }
    return out;
  },
});

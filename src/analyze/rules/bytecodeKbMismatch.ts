// The bytecode wins over the knowledge base (src/analyze/verdict.ts), but a contradiction
// means a renamed program was attributed to the wrong vendor or the vendor changed what it
// returns: either way the knowledge base or the attribution needs a look.
import type { AnalyzedFilter, AnalyzedTcx } from '../../model/analysis.js';
import { defineRule, type FindingDraft } from './types.js';
import { cap, who } from './util/describe.js';
import { allHooks } from './util/select.js';
import { aboutFilter, aboutTcx } from './util/where.js';

const message = (p: AnalyzedFilter | AnalyzedTcx): string =>
  `${cap(who(p))}: its bytecode contradicts the knowledge base (${p.verdict.disagreement}); tc-audit trusts the bytecode, but the program may be renamed or the vendor changed its verdict.`;

const REMEDY = 'check the vendor version on this node against the knowledge base; if the vendor changed, report it to tc-audit so the entry can be updated';

export default defineRule({
  id: 'bytecode-kb-mismatch',
  severity: 'warning',
  title: 'Bytecode and knowledge base disagree on a verdict',
  check(analysis) {
    const out: FindingDraft[] = [];
    for (const h of allHooks(analysis)) {
      for (const p of h.tcx ?? []) {
        if (p.verdict.disagreement) out.push({ ...aboutTcx(h, p), message: message(p), remediation: REMEDY });
      }
      for (const f of h.filters ?? []) {
        if (f.verdict.disagreement) out.push({ ...aboutFilter(h, f), message: message(f), remediation: REMEDY });
      }
    }
    return out;
  },
});

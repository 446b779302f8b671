// The diff as findings, so SARIF, JUnit and GitHub annotations work unchanged:
//  - rollout-regression: each new finding (its own severity; errors make AFTER worse) and
//    a stricter recommendation (error);
//  - rollout-change (info): every other per-hook change, for the record.
// The AuditResult is AFTER's, with these findings in place of AFTER's own.
import type { Finding } from '../model/findings.js';
import type { AuditResult } from '../model/result.js';
import { ROLLOUT_CHANGE, ROLLOUT_REGRESSION } from '../report/rules.js';
import { recommendationRegressions } from './index.js';
import type { DiffResult } from './types.js';

const WHOLE = { node: null, netns: null, interface: null, direction: null } as const;

export function diffAsAudit(d: DiffResult): AuditResult {
  const findings: Finding[] = [];
  for (const f of d.newFindings) {
    findings.push({ ...f, ruleId: ROLLOUT_REGRESSION, message: `new in AFTER: ${f.ruleId}: ${f.message}` });
  }
  for (const reason of recommendationRegressions(d.recommendation.before, d.recommendation.after)) {
    findings.push({ ...WHOLE, ruleId: ROLLOUT_REGRESSION, severity: 'error', message: reason,
      remediation: d.recommendation.after.reasons.join('; ') || null, filter: null, source: null });
  }
  for (const h of d.hooks) {
    for (const c of h.changes) {
      findings.push({ ...h.location, ruleId: ROLLOUT_CHANGE, severity: 'info', message: `${c.kind}: ${c.detail}`,
        remediation: null, filter: null, source: null });
    }
  }
  return { ...d.after, findings };
}

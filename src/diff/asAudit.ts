// The diff as findings, so SARIF, JUnit and GitHub annotations carry all of it:
//  - rollout-regression: each new error or warning finding (its own severity), a stricter
//    recommendation and a hook regression (errors: they make AFTER worse, as `worse` says);
//  - rollout-change (info): a new info finding, a resolved finding, a recommendation that
//    changed without getting stricter, and every per-hook change, for the record.
// The AuditResult is AFTER's, with these findings in place of AFTER's own.
import type { Finding } from '../model/findings.js';
import type { AuditResult } from '../model/result.js';
import type { Recommendation } from '../recommend/types.js';
import { ROLLOUT_CHANGE, ROLLOUT_REGRESSION } from '../report/rules.js';
import { hookRegressions, recommendationRegressions } from './index.js';
import type { DiffResult } from './types.js';

const WHOLE = { node: null, netns: null, interface: null, direction: null } as const;
const recText = (r: Recommendation): string => (r.classifierPriority === null ? r.action : `${r.action} ${r.classifierPriority}`);

export function diffAsAudit(d: DiffResult): AuditResult {
  const findings: Finding[] = [];
  const whole = (ruleId: string, severity: Finding['severity'], message: string, remediation: string | null): Finding =>
    ({ ...WHOLE, ruleId, severity, message, remediation, filter: null, source: null });
  for (const f of d.newFindings) {
    findings.push({ ...f, ruleId: f.severity === 'info' ? ROLLOUT_CHANGE : ROLLOUT_REGRESSION, message: `new in AFTER: ${f.ruleId}: ${f.message}` });
  }
  const { before, after } = d.recommendation;
  const stricter = recommendationRegressions(before, after);
  for (const reason of [...stricter, ...hookRegressions(d.before, d.after)]) {
    findings.push(whole(ROLLOUT_REGRESSION, 'error', reason, after.reasons.join('; ') || null));
  }
  if (stricter.length === 0 && recText(before) !== recText(after)) {
    findings.push(whole(ROLLOUT_CHANGE, 'info', `recommendation changed: ${recText(before)} -> ${recText(after)}`, after.reasons.join('; ') || null));
  }
  for (const f of d.resolvedFindings) {
    findings.push({ ...f, ruleId: ROLLOUT_CHANGE, severity: 'info', message: `resolved in AFTER: ${f.ruleId}: ${f.message}`, remediation: null });
  }
  for (const h of d.hooks) {
    for (const c of h.changes) {
      findings.push({ ...h.location, ruleId: ROLLOUT_CHANGE, severity: 'info', message: `${c.kind}: ${c.detail}`,
        remediation: null, filter: null, source: null });
    }
  }
  return { ...d.after, findings };
}

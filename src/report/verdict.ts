// One-line wordings of the recommendation and the overall verdict, shared by the
// table and markdown formats so they can never say different things.
import type { Finding } from '../model/findings.js';
import type { Recommendation } from '../recommend/types.js';

export const actionHeadline = (rec: Recommendation): string => {
  switch (rec.action) {
    case 'keep':
      return `Keep the current classifier priority${rec.classifierPriority === null ? '' : ` (${rec.classifierPriority})`}.`;
    case 'set-priority':
      return `Set the classifier priority to ${rec.classifierPriority ?? '?'}.`;
    case 'disable-network':
      return 'Disable network detection on these nodes: no classifier priority is safe.';
    case 'unknown':
      return 'Unknown: the input cannot show what runs before the agent.';
  }
};

/** PASS / FAIL / WARN headline from the findings' own severities. */
export const overallVerdict = (findings: readonly Finding[]): 'FAIL' | 'WARN' | 'PASS' =>
  findings.some((f) => f.severity === 'error') ? 'FAIL' : findings.some((f) => f.severity === 'warning') ? 'WARN' : 'PASS';

export const countBySeverity = (findings: readonly Finding[]) => ({
  error: findings.filter((f) => f.severity === 'error').length,
  warning: findings.filter((f) => f.severity === 'warning').length,
  info: findings.filter((f) => f.severity === 'info').length,
});

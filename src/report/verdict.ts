// One-line wordings of the recommendation and the overall verdict, shared by the
// table and markdown formats so they can never say different things.
import type { Finding } from '../model/findings.js';
import type { Recommendation } from '../recommend/types.js';

export const actionHeadline = (rec: Recommendation): string => {
  switch (rec.action) {
    case 'keep':
      // keep without a priority: network detection is off (src/recommend/recommend.ts).
      if (rec.classifierPriority === null) return 'Nothing to set: network detection is disabled, so the agent attaches no classifiers.';
      // An agent that reads no priority (src/agent/versionEra.ts): nothing to keep or set.
      // (Nothing to set on it: the upgrade, which the findings advise, is what changes it.)
      if (rec.afterUpgrade !== undefined) return `Safe as it runs: this agent version attaches at pref ${rec.classifierPriority} whatever it reads (no classifier_priority), and nothing hides traffic before it; upgrading it changes where it attaches (see the answer after the upgrade).`;
      // Snippets on keep: the priority is safe but the agent does not run at it yet.
      return rec.snippets !== null
        ? `Keep classifier priority ${rec.classifierPriority}, which is safe, and apply it: the agent does not run at it yet.`
        : `Keep the current classifier priority (${rec.classifierPriority}).`;
    case 'set-priority':
      return `Set the classifier priority to ${rec.classifierPriority ?? '?'}.`;
    case 'disable-network':
      return 'Disable network detection on these nodes: no classifier priority is safe.';
    case 'unknown':
      return 'Unknown: the input cannot show what runs before the agent.';
  }
};

/** The answer for the agent once upgraded, when its version reads no priority; else null. */
export const upgradeHeadline = (rec: Recommendation): string | null => {
  const up = rec.afterUpgrade;
  if (up === undefined) return null;
  const later = up.recommendation;
  // Keep is not "the current" priority there: the upgraded agent moves to it.
  const what = later.action === 'keep' && later.classifierPriority !== null
    ? `keep classifier priority ${later.classifierPriority}, where the upgraded agent attaches by its configuration or the default.`
    : actionHeadline(later);
  return `After upgrading the agent to ${up.agentVersion} or later: ${what}`;
};

/** PASS / FAIL / WARN headline from the findings' own severities; never PASS beside an
 *  answer other than keep (an unknown or a change to make is no pass). The exit code stays
 *  the findings' (--fail-on). */
export const overallVerdict = (findings: readonly Finding[], rec?: Recommendation): 'FAIL' | 'WARN' | 'PASS' =>
  findings.some((f) => f.severity === 'error') ? 'FAIL'
    : findings.some((f) => f.severity === 'warning') || (rec !== undefined && rec.action !== 'keep') ? 'WARN' : 'PASS';

export const countBySeverity = (findings: readonly Finding[]) => ({
  error: findings.filter((f) => f.severity === 'error').length,
  warning: findings.filter((f) => f.severity === 'warning').length,
  info: findings.filter((f) => f.severity === 'info').length,
});

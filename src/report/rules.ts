// The rule catalogue reports need (SARIF tool.driver.rules): every analysis rule of the
// registry, in report order, then the two rules `tc-audit diff` reports under.
import { RULE_IDS } from '../analyze/rules/ids.js';
import { DOCS_BASE_URL, RULES, ruleDocsUrl } from '../analyze/rules/index.js';
import type { Severity } from '../model/findings.js';

/** Rule id of the findings `tc-audit diff` emits for what got worse; not an analysis rule. */
export const ROLLOUT_REGRESSION = 'rollout-regression' as const;
/** Rule id of `diff`'s informational change findings (a chain changed, nothing got worse). */
export const ROLLOUT_CHANGE = 'rollout-change' as const;

export interface RuleInfo {
  id: string;
  title: string;
  /** Default severity; a finding may carry another. */
  severity: Severity;
  helpUri: string;
}

const DIFF_DOCS = `${DOCS_BASE_URL}docs/ci.md#rollout-diff`;

export const ruleCatalog = (): RuleInfo[] => [
  ...RULE_IDS.map((id) => ({ id, title: RULES[id].title, severity: RULES[id].severity, helpUri: ruleDocsUrl(id) })),
  { id: ROLLOUT_REGRESSION, title: 'AFTER is worse than BEFORE (tc-audit diff)', severity: 'error', helpUri: DIFF_DOCS },
  { id: ROLLOUT_CHANGE, title: 'A hook chain changed between BEFORE and AFTER (tc-audit diff)', severity: 'info', helpUri: DIFF_DOCS },
];

export { DOCS_BASE_URL };

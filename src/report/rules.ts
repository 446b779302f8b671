// The rule catalogue reports need (SARIF tool.driver.rules, JUnit properties). Derived
// from RULE_IDS until the lead's registry (src/analyze/rules/index.ts: RULES, ruleDocsUrl)
// lands; then `ruleCatalog` should map RULES and call ruleDocsUrl instead.
import { RULE_IDS } from '../analyze/rules/ids.js';

/** Where docs/rules/<id>.md is published. Placeholder until the registry owns it. */
export const DOCS_BASE_URL = 'https://github.com/DataDog/tc-audit/blob/main/docs/rules/';

/** Rule id of the findings `tc-audit diff` emits; not an analysis rule. */
export const ROLLOUT_REGRESSION = 'rollout-regression' as const;

export interface RuleInfo {
  id: string;
  title: string;
  helpUri: string;
}

const title = (id: string): string => {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const ruleDocsUrlFallback = (id: string): string => `${DOCS_BASE_URL}${encodeURIComponent(id)}.md`;

/** Every analysis rule in report order, then the diff rule. */
export const ruleCatalog = (): RuleInfo[] =>
  [...RULE_IDS, ROLLOUT_REGRESSION].map((id) => ({ id, title: title(id), helpUri: ruleDocsUrlFallback(id) }));

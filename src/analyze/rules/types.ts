// The shape of a rule: metadata apart from behaviour, one rule per file.
import type { AgentSettings } from '../../agent/types.js';
import type { Analysis } from '../../model/analysis.js';
import type { Finding, Severity } from '../../model/findings.js';
import type { Recommendation } from '../../recommend/types.js';
import type { RuleId } from './ids.js';

export interface RuleContext {
  agent: AgentSettings;
  mode: 'offline' | 'live';
  /** Computed before the rules run, so findings can name the concrete value to set. */
  recommendation: Recommendation;
}

/** What a rule returns; the registry stamps ruleId and severity. */
export type FindingDraft = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

export interface Rule {
  id: RuleId;
  /** Default severity; a rule may lower or raise it per finding with a reason. */
  severity: Severity;
  title: string;
  check(analysis: Analysis, ctx: RuleContext): FindingDraft[];
}

/** Identity helper: exists for type inference and to keep rule files uniform. */
export const defineRule = (rule: Rule): Rule => rule;

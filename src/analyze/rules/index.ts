// The rule registry: every id in RULE_IDS has exactly one rule (checked by the compiler)
// and one docs page (checked by test/analyze/rules/registry.test.ts).
import type { Analysis } from '../../model/analysis.js';
import type { Finding, FindingPlaces } from '../../model/findings.js';
import type { Representatives } from '../analyze.js';
import { checkByShape } from '../rulesByShape.js';
import { RULE_IDS, type RuleId } from './ids.js';
import { orderFindings } from './order.js';
import type { Rule, RuleContext } from './types.js';
import agentConfigHazard from './agentConfigHazard.js';
import agentPrefCollision from './agentPrefCollision.js';
import agentPrefRefused from './agentPrefRefused.js';
import agentPriorityMismatch from './agentPriorityMismatch.js';
import bytecodeKbMismatch from './bytecodeKbMismatch.js';
import destructiveVendor from './destructiveVendor.js';
import legacyIngressQdisc from './legacyIngressQdisc.js';
import narrowProtocolTerminal from './narrowProtocolTerminal.js';
import nothingAudited from './nothingAudited.js';
import notEbpfClassifier from './notEbpfClassifier.js';
import passthroughClassifier from './passthroughClassifier.js';
import prefUnknown from './prefUnknown.js';
import tcxNotVisible from './tcxNotVisible.js';
import terminalAfterAgent from './terminalAfterAgent.js';
import terminalAtPref1 from './terminalAtPref1.js';
import terminalBeforeAgent from './terminalBeforeAgent.js';
import terminalTcx from './terminalTcx.js';
import unknownVerdictBeforeAgent from './unknownVerdictBeforeAgent.js';

export const RULES = {
  'terminal-tcx': terminalTcx,
  'legacy-ingress-qdisc': legacyIngressQdisc,
  'terminal-at-pref-1': terminalAtPref1,
  'terminal-before-agent': terminalBeforeAgent,
  'agent-pref-collision': agentPrefCollision,
  'agent-pref-refused': agentPrefRefused,
  'unknown-verdict-before-agent': unknownVerdictBeforeAgent,
  'narrow-protocol-terminal': narrowProtocolTerminal,
  'destructive-vendor': destructiveVendor,
  'agent-config-hazard': agentConfigHazard,
  'agent-priority-mismatch': agentPriorityMismatch,
  'tcx-not-visible': tcxNotVisible,
  'nothing-audited': nothingAudited,
  'bytecode-kb-mismatch': bytecodeKbMismatch,
  'pref-unknown': prefUnknown,
  'terminal-after-agent': terminalAfterAgent,
  'passthrough-classifier': passthroughClassifier,
  'not-ebpf-classifier': notEbpfClassifier,
} as const satisfies Record<RuleId, Rule>;

/** Where the docs pages are published; ruleDocsPath is relative to it. */
export const DOCS_BASE_URL = 'https://github.com/tc-audit/tc-audit/blob/main/';

/** The repo-relative docs page of a rule. */
export const ruleDocsPath = (id: RuleId): string => `docs/rules/${id}.md`;

/** The published docs page of a rule (SARIF helpUri, report links). */
export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_BASE_URL}${ruleDocsPath(id)}`;
}

/** Run every rule in report order; stamp id and severity; sort deterministically.
 *  With `repOf` (src/analyze/analyze.ts analyzeByShape) rules check one hook per shape and
 *  their findings are copied to the other hooks of it (src/analyze/rulesByShape.ts). */
export function runRules(analysis: Analysis, ctx: RuleContext, repOf: Representatives | null = null): Finding[] {
  return runRulesByPlace(analysis, ctx, repOf).findings;
}

/** runRules, with each hook's findings as well (src/analyze/rules/order.ts). */
export function runRulesByPlace(analysis: Analysis, ctx: RuleContext, repOf: Representatives | null = null): { findings: Finding[]; places: FindingPlaces | null } {
  const checks = RULE_IDS.map((id) => {
    const rule: Rule = RULES[id];
    return (a: Analysis): Finding[] =>
      rule.check(a, ctx).map(({ severity, ...draft }) => ({ ruleId: rule.id, severity: severity ?? rule.severity, ...draft }));
  });
  return orderFindings(checkByShape(analysis, repOf, checks), analysis.nodes.flatMap((n) => n.hooks));
}

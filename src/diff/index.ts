// `diff` core: compare two AuditResults (BEFORE, AFTER) and decide whether AFTER is worse.
// Worse = a new error finding, a stricter action (actionRank), with the same set-priority
// action a lower classifier priority needed (either now or, for an agent version that reads
// no priority, after its upgrade), the agent's classifier gone from a hook that is
// still there, or a hook whose filters BEFORE read and AFTER does not show.
import type { Finding } from '../model/findings.js';
import type { AuditResult } from '../model/result.js';
import { actionRank, type Recommendation } from '../recommend/types.js';
import type { AnalyzedHook } from '../model/analysis.js';
import { agentUsesHook, isAgent } from '../recommend/blockers.js';
import { allHooks, hookKey, hookLabel, hookLocation, locationKey } from '../report/describe.js';
import { diffHooks } from './hooks.js';
import type { DiffResult } from './types.js';

// A finding about a whole node (destructive-vendor, agent settings…) has no hook to tell
// two apart: its message does (a vendor swapped for another is a new finding and a resolved one).
// Numbers are left out (counts and versions move between two captures of one node).
const findingKey = (f: Finding): string =>
  JSON.stringify([f.ruleId, locationKey(f), f.interface === null && f.direction === null ? f.message.replace(/\d+/g, '#') : null]);

const minus = (xs: readonly Finding[], ys: readonly Finding[]): Finding[] => {
  const seen = new Set(ys.map(findingKey));
  return xs.filter((x) => !seen.has(findingKey(x)));
};

const recText = (r: Recommendation): string =>
  r.classifierPriority === null ? r.action : `${r.action} ${r.classifierPriority}`;

/** Reasons AFTER's recommendation is stricter than BEFORE's; empty when it is not. */
export const recommendationRegressions = (b: Recommendation, a: Recommendation): string[] => {
  if (actionRank[a.action] > actionRank[b.action]) return [`recommendation got stricter: ${recText(b)} -> ${recText(a)}`];
  if (a.action === 'set-priority' && b.action === 'set-priority' && a.classifierPriority !== null &&
      (b.classifierPriority === null || a.classifierPriority < b.classifierPriority)) {
    return [`a lower classifier priority is needed: ${b.classifierPriority ?? '?'} -> ${a.classifierPriority}`];
  }
  return [];
};

/** For an agent version that reads no priority: AFTER's answer after the upgrade stricter
 *  than BEFORE's (the agent may be fine at pref 1 on both sides while a new classifier waits
 *  for it at the priority it moves to). */
export const upgradeRegressions = (b: Recommendation, a: Recommendation): string[] => {
  const bu = b.afterUpgrade?.recommendation;
  const au = a.afterUpgrade?.recommendation;
  if (bu === undefined || au === undefined) return [];
  return recommendationRegressions(bu, au).map((r) => `after the agent upgrade to ${a.afterUpgrade!.agentVersion}: ${r}`);
};

const hasAgent = (h: AnalyzedHook): boolean => (h.filters ?? []).some(isAgent) || (h.tcx ?? []).some(isAgent);

/** Hooks present on both sides that lost what BEFORE showed: the agent's classifier where
 *  AFTER's agent still attaches (not after network detection, or ingress, was turned off,
 *  as a disable-network answer says to), or their filters altogether (AFTER's input does
 *  not show them: its findings would read as "resolved" for want of data). A hook that is
 *  gone with its device is not one. */
export const hookRegressions = (before: AuditResult, after: AuditResult): string[] => {
  const now = new Map(allHooks(after.analysis.nodes).map((h) => [hookKey(h), h]));
  const out: string[] = [];
  for (const b of allHooks(before.analysis.nodes)) {
    const a = now.get(hookKey(b));
    if (a === undefined) continue;
    const where = hookLabel(hookLocation(b));
    if (b.filters !== null && a.filters === null) out.push(`${where}: its legacy filters were read before and are not in AFTER's input`);
    else if (hasAgent(b) && !hasAgent(a) && after.agent.networkEnabled && agentUsesHook(a, after.agent)) out.push(`the agent's classifier is gone from ${where}`);
  }
  return out;
};

export function diffResults(before: AuditResult, after: AuditResult): DiffResult {
  const newFindings = minus(after.findings, before.findings);
  const regressions = [
    ...newFindings.filter((f) => f.severity === 'error').map((f) => `new error ${f.ruleId} at ${hookLabel(f)}: ${f.message}`),
    ...recommendationRegressions(before.recommendation, after.recommendation),
    ...upgradeRegressions(before.recommendation, after.recommendation),
    ...hookRegressions(before, after),
  ];
  return {
    before,
    after,
    hooks: diffHooks(before, after),
    newFindings,
    resolvedFindings: minus(before.findings, after.findings),
    recommendation: { before: before.recommendation, after: after.recommendation },
    regressions,
    worse: regressions.length > 0,
  };
}

/** diff's exit policy: 1 when AFTER is worse, else 0. */
export const diffExitCode = (d: DiffResult): 0 | 1 => (d.worse ? 1 : 0);

export type * from './types.js';

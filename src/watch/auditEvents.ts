// From one audit of the watched node to the next: the events the changed hooks and the
// recommendation call for. Pure, so the watcher only collects, audits and prints.
import type { AnalyzedHook } from '../model/analysis.js';
import type { AuditResult } from '../model/result.js';
import { deriveHookEvents, recommendationChanged } from './derive.js';
import { hookKey } from './state.js';

export interface Audited {
  result: AuditResult;
  /** The result's hooks by hookKey (netns, device, direction). */
  hooks: Map<string, AnalyzedHook>;
}

export interface WatchEvent {
  type: string;
  fields: Record<string, unknown>;
}

export const audited = (result: AuditResult): Audited => ({
  result,
  hooks: new Map(result.analysis.nodes.flatMap((n) => n.hooks).map((h) => [hookKey(h.netns, h.device, h.direction), h])),
});

/** Events for the hooks in `changed` (hookKeys) and for the recommendation, from `prev` (null
 *  on the first audit) to `next`. The agent's priority is the one the watch started with, so
 *  a changed observation does not move the goalposts mid-watch. */
export function auditEvents(prev: Audited | null, next: Audited, changed: Iterable<string>): WatchEvent[] {
  const out: WatchEvent[] = [];
  const agentPriority = prev?.result.agent.classifierPriority ?? next.result.agent.classifierPriority;
  for (const k of changed) {
    for (const d of deriveHookEvents(prev?.hooks.get(k), next.hooks.get(k), agentPriority)) {
      out.push({ type: d.type, fields: { netns: d.netns, device: d.device, direction: d.direction, pref: d.pref, ...d.detail } });
    }
  }
  if (prev && recommendationChanged(prev.result.recommendation, next.result.recommendation)) {
    const r = prev.result.recommendation;
    out.push({ type: 'recommendation-changed', fields: { before: { action: r.action, classifierPriority: r.classifierPriority }, after: next.result.recommendation } });
  }
  return out;
}

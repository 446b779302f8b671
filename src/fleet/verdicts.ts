// Who forces the cluster answer, and finding tallies per group.
import type { Finding } from '../model/findings.js';
import type { Recommendation } from '../recommend/types.js';
import type { Representative } from './represent.js';
import { locationKey } from './represent.js';
import type { FindingCount, ShapeGroup } from './types.js';

/** Nodes that force `rec`. disable-network: the nodes that need it on their own (when the
 *  combination alone forces it, the holders of the blocking shapes). set-priority and
 *  unknown: nodes holding a hook shape that the recommendation names as a blocker, else
 *  the nodes whose own answer is the same. keep forces nothing. */
export function forcingNodes(
  rec: Recommendation,
  groups: ShapeGroup[],
  groupShapes: number[][],
  reps: readonly Representative[],
): string[] {
  if (rec.action === 'keep') return [];
  const sameAction = (g: ShapeGroup): boolean =>
    g.recommendation.action === rec.action &&
    (rec.action !== 'set-priority' || g.recommendation.classifierPriority === rec.classifierPriority);
  let chosen = rec.action === 'disable-network' ? groups.filter((g) => g.recommendation.action === 'disable-network') : [];
  if (chosen.length === 0) {
    const blocking = new Set(rec.blockers.map((b) => locationKey(b.node, b.netns, b.device, b.direction)));
    const shapeBlocks = (i: number): boolean => {
      const r = reps[i];
      return r !== undefined && blocking.has(locationKey(r.nodeName, r.netns.id, r.device.name, r.device.hooks[0]?.direction ?? null));
    };
    chosen = groups.filter((g) => (groupShapes[g.index] ?? []).some(shapeBlocks));
  }
  if (chosen.length === 0) chosen = groups.filter(sameAction);
  return chosen.flatMap((g) => g.nodes).sort();
}

export function findingCounts(shapeIdx: number[], findings: ReadonlyMap<number, Finding[]>, wholeNode: readonly Finding[] = []): FindingCount[] {
  const counts = new Map<string, FindingCount>();
  for (const f of wholeNode) {
    const k = `${f.ruleId}\0${f.severity}\0node`;
    if (!counts.has(k)) counts.set(k, { ruleId: f.ruleId, severity: f.severity, shapes: 0, wholeNode: true });
  }
  for (const i of shapeIdx) {
    const seen = new Set<string>();
    for (const f of findings.get(i) ?? []) {
      const k = `${f.ruleId}\0${f.severity}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const c = counts.get(k) ?? { ruleId: f.ruleId, severity: f.severity, shapes: 0 };
      c.shapes++;
      counts.set(k, c);
    }
  }
  return [...counts.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

// Deterministic finding order: most severe first, then where (node, netns, interface,
// direction), then rule order, then the program's pref and the text. Whole-node and
// agent-wide findings (null location) come before the hooks of the same node.
import type { Finding } from '../../model/findings.js';
import { severityRank } from '../../model/findings.js';
import { RULE_IDS } from './ids.js';

const ruleOrder = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));

// One collator for every comparison: `localeCompare(b, 'en', opts)` builds a new one per
// call, which dominated sorting the tens of thousands of findings of a large node.
const natural = new Intl.Collator('en', { numeric: true });

function cmpNullable<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Natural order so lxc2 comes before lxc10 on nodes with hundreds of veths.
  return natural.compare(String(a), String(b));
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank[b.severity] - severityRank[a.severity] ||
    cmpNullable(a.node, b.node) ||
    cmpNullable(a.netns, b.netns) ||
    cmpNullable(a.interface, b.interface) ||
    cmpNullable(a.direction, b.direction) ||
    (ruleOrder.get(a.ruleId) ?? 99) - (ruleOrder.get(b.ruleId) ?? 99) ||
    cmpNullable(a.filter?.pref ?? null, b.filter?.pref ?? null) ||
    cmpNullable(a.message, b.message) ||
    cmpNullable(a.filter?.name ?? null, b.filter?.name ?? null)
  );
}

export const sortFindings = (fs: readonly Finding[]): Finding[] => [...fs].sort(compareFindings);

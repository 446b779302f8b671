// Deterministic finding order: most severe first, then where (node, netns, interface,
// direction), then rule order, then the program's pref and the text. Whole-node and
// agent-wide findings (null location) come before the hooks of the same node.
import type { Finding } from '../../model/findings.js';
import { severityRank } from '../../model/findings.js';
import { RULE_IDS } from './ids.js';
import { collatorCompare, comparePlain, isPlain, plainKey } from './naturalOrder.js';

const ruleOrder = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));

function cmpNullable<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Natural order so lxc2 comes before lxc10 on nodes with hundreds of veths.
  const x = String(a);
  const y = String(b);
  return isPlain(x) && isPlain(y) ? comparePlain(x, y) : collatorCompare(x, y);
}

/** The report order, field by field (orderFindings in order.ts reaches it place by place). */
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

/** Each distinct string's place in natural order (null: -1). Strings the collator calls
 *  equal ("lxc01", "lxc1") share a place, so comparing places is comparing the strings. */
export function naturalRanks(values: Set<string>): Map<string | null, number> {
  const distinct = [...values];
  const rank = new Map<string | null, number>([[null, -1]]);
  let r = 0;
  if (distinct.every(isPlain)) {
    // Sorted natively on plainKey, the value after a NUL (plain text has none).
    const keyed = distinct.map((v) => `${plainKey(v)}\u0000${v}`).sort();
    let prev: string | null = null;
    for (const k of keyed) {
      const cut = k.lastIndexOf('\u0000');
      const key = k.slice(0, cut);
      if (prev !== null && key !== prev) r++;
      prev = key;
      rank.set(k.slice(cut + 1), r);
    }
    return rank;
  }
  distinct.sort(collatorCompare);
  distinct.forEach((v, i) => {
    if (i > 0 && collatorCompare(distinct[i - 1]!, v) !== 0) r++;
    rank.set(v, r);
  });
  return rank;
}

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

/** The reference order, field by field (sortFindings gives the same order faster). */
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

interface Keyed { f: Finding; sev: number; node: number; netns: number; dev: number; dir: number; rule: number }

const addTo = (set: Set<string>, v: string | null): void => {
  if (v !== null) set.add(v);
};

/** compareFindings' order. A large node has tens of thousands of findings over a few
 *  thousand places and a few dozen texts: each distinct string is placed once and the sort
 *  compares integers, instead of running the collator on every comparison. Findings come
 *  hook by hook, so a finding at the place of the one before reuses its places. Texts are
 *  placed only when two findings are alike up to their text (rarely on most runs). */
export function sortFindings(fs: readonly Finding[]): Finding[] {
  const placeSet = new Set<string>();
  let prev: Finding | null = null;
  // Index loops here: a for...of step allocates its iterator result until optimised.
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i]!;
    if (prev === null || f.node !== prev.node || f.netns !== prev.netns || f.interface !== prev.interface || f.direction !== prev.direction) {
      addTo(placeSet, f.node);
      addTo(placeSet, f.netns);
      addTo(placeSet, f.interface);
      addTo(placeSet, f.direction);
    }
    prev = f;
  }
  const places = naturalRanks(placeSet);
  let texts: Map<string | null, number> | null = null;
  const textOrder = (a: string, b: string): number => {
    if (a === b) return 0;
    texts ??= naturalRanks(new Set(fs.map((f) => f.message)));
    return texts.get(a)! - texts.get(b)!;
  };
  const keyed: Keyed[] = [];
  let last: Keyed | null = null;
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i]!;
    const p = last?.f;
    const samePlace = p !== undefined && f.node === p.node && f.netns === p.netns && f.interface === p.interface && f.direction === p.direction;
    const k: Keyed = {
      f,
      sev: severityRank[f.severity],
      node: samePlace ? last!.node : places.get(f.node)!,
      netns: samePlace ? last!.netns : places.get(f.netns)!,
      dev: samePlace ? last!.dev : places.get(f.interface)!,
      dir: samePlace ? last!.dir : places.get(f.direction)!,
      rule: ruleOrder.get(f.ruleId) ?? 99,
    };
    keyed.push(k);
    last = k;
  }
  keyed.sort((a, b) =>
    b.sev - a.sev || a.node - b.node || a.netns - b.netns || a.dev - b.dev || a.dir - b.dir || a.rule - b.rule ||
    cmpNullable(a.f.filter?.pref ?? null, b.f.filter?.pref ?? null) ||
    textOrder(a.f.message, b.f.message) ||
    cmpNullable(a.f.filter?.name ?? null, b.f.filter?.name ?? null));
  return keyed.map((k) => k.f);
}

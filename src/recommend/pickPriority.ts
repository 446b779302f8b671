// The agent must never share a pref with another filter: the kernel refuses a different
// kind at an existing pref ("Specified filter kind does not match existing one"), a same-kind
// add lands newest-first in that pref's list, and a shared pref/handle is what caused the
// 7.36-7.39.1 race. So pick the largest pref strictly below the lowest blocker that no filter
// on any audited hook uses.
import type { AnalyzedHook } from '../model/analysis.js';
import { isAgent } from './blockers.js';

export function usedPrefs(hooks: readonly AnalyzedHook[]): Set<number> {
  const used = new Set<number>();
  for (const h of hooks) {
    for (const f of h.filters ?? []) if (f.filter.pref !== null && !isAgent(f)) used.add(f.filter.pref);
  }
  return used;
}

/** Largest free pref in [1, below); null when every one is taken (or below <= 1). */
export function largestFreePrefBelow(below: number, used: ReadonlySet<number>): number | null {
  for (let p = below - 1; p >= 1; p--) if (!used.has(p)) return p;
  return null;
}

// The report order of findings (sort.ts: compareFindings) reached place by place. Rules
// emit findings hook by hook, so a node's 12,000 findings come as runs that share a place.
// Each run's place becomes one number from the natural ranks of its four fields, the
// runs are sorted by it natively, runs at the same place are joined, and only within a
// place do findings meet the comparator (a few each). Findings come out by severity first,
// as compareFindings orders them. The places found are kept as an index from hook to its
// findings (FindingPlaces), which the table would otherwise rebuild finding by finding;
// places are told apart by their strings there, as the table does.
import type { AnalyzedHook } from '../../model/analysis.js';
import type { Finding, FindingPlaces } from '../../model/findings.js';
import { severityRank } from '../../model/findings.js';
import { compareFindings, naturalRanks } from './sort.js';

interface Ranks { rank: Map<string | null, number>; size: number }

/** Natural ranks of one field's values from 1 (null: 0), and how many ranks there are. */
function fieldRanks(values: Set<string>): Ranks {
  const rank = naturalRanks(values);
  let size = 1;
  for (const [v, r] of rank) {
    rank.set(v, r + 1);
    if (r + 2 > size) size = r + 2;
  }
  return { rank, size };
}

const addTo = (set: Set<string>, v: string | null): void => {
  if (v !== null) set.add(v);
};

/** Is `g` in compareFindings' order already? (Then a stable sort would leave it as it is.) */
function inOrder(g: readonly Finding[]): boolean {
  for (let i = 1; i < g.length; i++) if (compareFindings(g[i - 1]!, g[i]!) > 0) return false;
  return true;
}

const samePlace = (a: Finding, b: Finding): boolean =>
  a.node === b.node && a.netns === b.netns && a.interface === b.interface && a.direction === b.direction;

/** Findings in compareFindings' order and, with `hooks`, each hook's findings (those at its
 *  place, as FindingsByPlace in the table finds them). */
export function orderFindings(fs: readonly Finding[], hooks: readonly AnalyzedHook[] | null = null): { findings: Finding[]; places: FindingPlaces | null } {
  const n = fs.length;
  const nodes = new Set<string>();
  const netnss = new Set<string>();
  const devs = new Set<string>();
  const dirs = new Set<string>();
  const runs: number[] = []; // where each run of findings at one place starts
  // (Index loops: a for...of step allocates its iterator result until optimised.) Runs
  // mostly change device only: the other fields are added when they change.
  for (let i = 0; i < n; i++) {
    const f = fs[i]!;
    const p = i > 0 ? fs[i - 1]! : null;
    if (p !== null && samePlace(f, p)) continue;
    runs.push(i);
    if (p === null || f.node !== p.node) addTo(nodes, f.node);
    if (p === null || f.netns !== p.netns) addTo(netnss, f.netns);
    addTo(devs, f.interface);
    if (p === null || f.direction !== p.direction) addTo(dirs, f.direction);
  }
  const node = fieldRanks(nodes);
  const netns = fieldRanks(netnss);
  const dev = fieldRanks(devs);
  const dir = fieldRanks(dirs);
  const r = runs.length;
  // A place as one number, its ranks as digits, and a run as (place, run) in one: past 2^53
  // (no real input) numbers would collide, and the comparator sorts the whole list instead.
  const span = node.size * netns.size * dev.size * dir.size;
  if (span * (r + 1) > Number.MAX_SAFE_INTEGER) return { findings: [...fs].sort(compareFindings), places: null };
  // The place number of consecutive places, which mostly differ in the device only: the
  // other fields' ranks are looked up when they change.
  let lastNd: string | null | undefined;
  let lastNs: string | null | undefined;
  let lastDi: string | null | undefined;
  let a: number | undefined;
  let b: number | undefined;
  let e: number | undefined;
  const placeOf = (nd: string | null, ns: string | null, d: string | null, di: string | null): number => {
    if (nd !== lastNd) { lastNd = nd; a = node.rank.get(nd); }
    if (ns !== lastNs) { lastNs = ns; b = netns.rank.get(ns); }
    if (di !== lastDi) { lastDi = di; e = dir.rank.get(di); }
    const c = dev.rank.get(d);
    return a === undefined || b === undefined || c === undefined || e === undefined ? -1 : ((a * netns.size + b) * dev.size + c) * dir.size + e;
  };
  const keys = new Float64Array(r);
  for (let k = 0; k < r; k++) {
    const f = fs[runs[k]!]!;
    keys[k] = placeOf(f.node, f.netns, f.interface, f.direction) * r + k;
  }
  keys.sort();
  // Runs at one place (collator-equal names, or a place met twice) make one group, in input
  // order, sorted the comparator's way: its place fields compare equal, the rest decides.
  const groups: Finding[][] = [];
  const groupAt = new Map<number, number>();
  // Whether some group holds findings at two places the comparator calls equal ("lxc01",
  // "lxc1"): the table tells those apart, and builds its own index then.
  let mixed = false;
  for (let k = 0; k < r;) {
    const place = Math.floor(keys[k]! / r);
    const group: Finding[] = [];
    for (; k < r && Math.floor(keys[k]! / r) === place; k++) {
      const run = keys[k]! % r;
      const end = run + 1 < r ? runs[run + 1]! : n;
      if (group.length > 0 && !samePlace(group[0]!, fs[runs[run]!]!)) mixed = true;
      for (let i = runs[run]!; i < end; i++) group.push(fs[i]!);
    }
    // A hook's findings mostly come in order already (rules run in an order close to
    // severity's): checked in one pass, sorted only when not.
    if (group.length > 1 && !inOrder(group)) group.sort(compareFindings);
    groupAt.set(place, groups.length);
    groups.push(group);
  }
  // Most severe first, then by place: each group's findings of one severity are together.
  const bySeverity: Finding[][] = [[], [], [], []];
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    for (let i = 0; i < group.length; i++) bySeverity[severityRank[group[i]!.severity]]!.push(group[i]!);
  }
  const findings = bySeverity[3]!.concat(bySeverity[2]!, bySeverity[1]!);
  if (hooks === null || mixed) return { findings, places: null };
  const ofHook = new Map<AnalyzedHook, number>();
  for (let k = 0; k < hooks.length; k++) {
    const h = hooks[k]!;
    const g = groupAt.get(placeOf(h.node, h.netns, h.device, h.direction));
    // Ranks are equal for collator-equal names: the hook's own strings must be the group's.
    const f = g === undefined ? undefined : groups[g]![0]!;
    if (f !== undefined && f.node === h.node && f.netns === h.netns && f.interface === h.device && f.direction === h.direction) ofHook.set(h, g!);
  }
  return { findings, places: { findings, groups, ofHook } };
}

// Rules over one representative hook per shape (src/analyze/shapeKey.ts), findings for
// every hook. Node-wide rules see complete inputs on the representatives: the prefs,
// vendors, tcx visibility and unobserved hooks of a node are all part of the shape keys,
// so sets and "any hook" checks come out the same. A rule that counts hooks would not; none
// does, and test/analyze/rulesByShape.test.ts compares against every hook audited alone.
import type { Analysis, AnalyzedFilter, AnalyzedHook, AnalyzedTcx } from '../model/analysis.js';
import type { Finding } from '../model/findings.js';
import type { SourceRef } from '../model/snapshot.js';
import type { Representatives } from './analyze.js';
import { ABOUT, filterRef, tcxRef, type About } from './rules/util/where.js';

type Found = Finding & { [ABOUT]?: About };

/** The finding without its note, at `h`. Fields listed rather than spread: 12,000 copies
 *  of symbol-keyed objects spread twice each was a third of the rules' time, and the
 *  compiler checks the list is complete. */
function at(f: Found, h: { node: string | null; netns: string | null; device: string | null; direction: Finding['direction'] }, filter: Finding['filter'], source: Finding['source']): Finding {
  return {
    ruleId: f.ruleId, severity: f.severity,
    node: h.node, netns: h.netns, interface: h.device, direction: h.direction,
    message: f.message, remediation: f.remediation, filter, source,
  };
}

const strip = (f: Found): Finding =>
  at(f, { node: f.node, netns: f.netns, device: f.interface, direction: f.direction }, f.filter, f.source);

/** The same program slot on another hook of the shape. */
function slot(rep: AnalyzedHook, h: AnalyzedHook, p: AnalyzedFilter | AnalyzedTcx): AnalyzedFilter | AnalyzedTcx | null {
  const i = rep.filters?.indexOf(p as AnalyzedFilter) ?? -1;
  if (i >= 0) return h.filters![i]!;
  const j = rep.tcx?.indexOf(p as AnalyzedTcx) ?? -1;
  return j >= 0 ? h.tcx![j]! : null;
}

/** A dump line quoted without a program (pref-unknown quotes the hook's first filter). */
function sameSource(rep: AnalyzedHook, h: AnalyzedHook, s: SourceRef | null): SourceRef | null {
  if (s === null) return null;
  const i = rep.filters?.findIndex((f) => f.filter.source === s) ?? -1;
  if (i >= 0) return h.filters![i]!.filter.source;
  const j = rep.tcx?.findIndex((t) => t.source === s) ?? -1;
  return j >= 0 ? h.tcx![j]!.source : s;
}

/** The representative's finding as it reads on `h`: its location, program and dump line. */
function retarget(f: Found, about: About, h: AnalyzedHook): Finding {
  const p = about.program === null ? null : slot(about.hook, h, about.program);
  if (p === null) return at(f, h, f.filter, sameSource(about.hook, h, f.source));
  const tcx = 'attach' in p;
  return at(f, h, f.filter === null ? null : tcx ? tcxRef(p) : filterRef(p), tcx ? p.source : p.filter.source);
}

// Messages are written without device names (rules/util/describe.ts) so they can be
// cloned; one that names its device anyway (pref-unknown's remediation quotes
// `tc filter show dev X`) is recomputed for each hook instead of copied.
const namesDevice = (f: Finding, h: AnalyzedHook): boolean =>
  h.device !== null && (f.message.includes(h.device) || (f.remediation?.includes(h.device) ?? false));

const withHookInstead = (reps: Analysis, rep: AnalyzedHook, h: AnalyzedHook): Analysis => ({
  nodes: reps.nodes.map((n) => (n.hooks.includes(rep) ? { ...n, hooks: n.hooks.map((x) => (x === rep ? h : x)) } : n)),
});

type Check = (a: Analysis) => Found[];

/** Every rule's findings for every hook of `analysis`, each rule checking only the
 *  representatives. Findings come out node-wide ones first, then hook by hook in rule
 *  order: runRules sorts them, and since findings of different rules or hooks never tie,
 *  the sorted order is the one checking every hook rule by rule gives. One pass over the
 *  hooks for all rules (rather than one per rule) matters on a node of 10,000 hooks. */
export function checkByShape(analysis: Analysis, repOf: Representatives | null, checks: readonly Check[]): Finding[] {
  const repFor = (h: AnalyzedHook): AnalyzedHook => repOf?.get(h) ?? h;
  const reps = repOf === null ? analysis : { nodes: analysis.nodes.map((n) => ({ ...n, hooks: n.hooks.filter((h) => repFor(h) === h) })) };
  const out: Finding[] = [];
  // Per representative: its findings in rule order, and which rule each came from.
  const perRep = new Map<AnalyzedHook, { fs: Found[]; rules: number[] }>();
  checks.forEach((check, rule) => {
    for (const f of check(reps)) {
      const about = f[ABOUT];
      if (about === undefined) { out.push(f); continue; }
      let mine = perRep.get(about.hook);
      if (mine === undefined) perRep.set(about.hook, (mine = { fs: [], rules: [] }));
      mine.fs.push(f);
      mine.rules.push(rule);
    }
  });
  if (perRep.size === 0) return out;
  // (representative, rule) pairs whose findings name the device: recomputed per hook.
  const named = new Map<AnalyzedHook, Set<number>>();
  for (const [rep, { fs, rules }] of perRep) {
    fs.forEach((f, i) => {
      if (!namesDevice(f, rep)) return;
      let set = named.get(rep);
      if (set === undefined) named.set(rep, (set = new Set()));
      set.add(rules[i]!);
    });
  }
  for (const n of analysis.nodes) {
    const hooks = n.hooks;
    // (An index loop: a for...of step allocates its iterator result until optimised.)
    for (let k = 0; k < hooks.length; k++) {
      const h = hooks[k]!;
      const rep = repFor(h);
      const mine = perRep.get(rep);
      if (mine === undefined) continue;
      if (h === rep) { for (const f of mine.fs) out.push(strip(f)); continue; }
      const renamed = named.get(rep);
      let last = -1;
      for (let i = 0; i < mine.fs.length; i++) {
        const f = mine.fs[i]!;
        const rule = mine.rules[i]!;
        if (renamed === undefined || !renamed.has(rule)) { out.push(retarget(f, f[ABOUT]!, h)); continue; }
        if (rule === last) continue; // this rule's findings for h were recomputed already
        last = rule;
        for (const g of checks[rule]!(withHookInstead(reps, rep, h))) if (g[ABOUT]?.hook === h) out.push(strip(g));
      }
    }
  }
  return out;
}

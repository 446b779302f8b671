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
  const i = rep.filters?.findIndex((f) => f.source === s) ?? -1;
  if (i >= 0) return h.filters![i]!.source;
  const j = rep.tcx?.findIndex((t) => t.source === s) ?? -1;
  return j >= 0 ? h.tcx![j]!.source : s;
}

/** The representative's finding as it reads on `h`: its location, program and dump line. */
function retarget(f: Found, about: About, h: AnalyzedHook): Finding {
  const p = about.program === null ? null : slot(about.hook, h, about.program);
  if (p === null) return at(f, h, f.filter, sameSource(about.hook, h, f.source));
  return at(f, h, f.filter === null ? null : 'attach' in p ? tcxRef(p) : filterRef(p), p.source);
}

// Messages are written without device names (rules/util/describe.ts) so they can be
// cloned; one that names its device anyway (pref-unknown's remediation quotes
// `tc filter show dev X`) is recomputed for each hook instead of copied.
const namesDevice = (f: Finding, h: AnalyzedHook): boolean =>
  h.device !== null && (f.message.includes(h.device) || (f.remediation?.includes(h.device) ?? false));

const withHookInstead = (reps: Analysis, rep: AnalyzedHook, h: AnalyzedHook): Analysis => ({
  nodes: reps.nodes.map((n) => (n.hooks.includes(rep) ? { ...n, hooks: n.hooks.map((x) => (x === rep ? h : x)) } : n)),
});

/** One rule's findings for every hook of `analysis`, checking only representatives. */
export function checkByShape(analysis: Analysis, repOf: Representatives | null, check: (a: Analysis) => Found[]): Finding[] {
  const repFor = (h: AnalyzedHook): AnalyzedHook => repOf?.get(h) ?? h;
  const reps = repOf === null ? analysis : { nodes: analysis.nodes.map((n) => ({ ...n, hooks: n.hooks.filter((h) => repFor(h) === h) })) };
  const out: Finding[] = [];
  const perRep = new Map<AnalyzedHook, Found[]>();
  for (const f of check(reps)) {
    const about = f[ABOUT];
    if (about === undefined) out.push(f);
    else perRep.set(about.hook, [...(perRep.get(about.hook) ?? []), f]);
  }
  if (perRep.size === 0) return out;
  const named = new Set([...perRep].filter(([rep, fs]) => fs.some((f) => namesDevice(f, rep))).map(([rep]) => rep));
  // Hook order as if every hook had been checked: sorting is stable, so ties keep it.
  for (const n of analysis.nodes) {
    for (const h of n.hooks) {
      const rep = repFor(h);
      const fs = perRep.get(rep);
      if (fs === undefined) continue;
      if (h === rep) for (const f of fs) out.push(strip(f));
      else if (named.has(rep)) {
        for (const f of check(withHookInstead(reps, rep, h))) if (f[ABOUT]?.hook === h) out.push(strip(f));
      } else for (const f of fs) out.push(retarget(f, f[ABOUT]!, h));
    }
  }
  return out;
}

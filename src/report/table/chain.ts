// One hook's chain as a table, in the order the kernel runs it: tcx programs first
// (they see the packet before any clsact filter), then legacy filters by pref.
import type { AnalyzedFilter, AnalyzedHook, AnalyzedTcx, Reach, Verdict } from '../../model/analysis.js';
import { reachMark } from '../describe.js';
import { safeLine } from '../text.js';
import { grid } from './grid.js';
import type { TupleIds } from '../../tupleIds.js';

const HEADER = ['#', 'pref', 'proto', 'kind', 'handle', 'vendor', 'name', 'prog', 'verdict', 'codes', 'source', 'v4', 'v6', 'other'];

const str = (v: string | number | null): string => (v === null ? '-' : safeLine(String(v)));
const codes = (c: number[] | null): string => (c === null ? 'any' : c.join(','));

const tcxRow = (t: AnalyzedTcx, i: number): string[] => [
  `${t.attach}${i + 1}`, '-', '-', t.attach, '-', t.vendor.id, str(t.program.name), str(t.program.id),
  t.verdict.terminal, codes(t.verdict.returnCodes), t.verdict.source,
  reachMark(t.reaches.ipv4), reachMark(t.reaches.ipv6), reachMark(t.reaches.other),
];

const filterRow = (f: AnalyzedFilter, i: number): string[] => [
  String(i + 1), str(f.filter.pref), str(f.filter.protocol), str(f.filter.kind), str(f.filter.handle), f.vendor.id,
  str(f.filter.program?.name ?? f.filter.tcName), str(f.filter.program?.id ?? null),
  f.verdict.terminal, codes(f.verdict.returnCodes), f.verdict.source,
  reachMark(f.reaches.ipv4), reachMark(f.reaches.ipv6), reachMark(f.reaches.other),
];

/** Rows only (no header), so identical chains can be compared and grouped. */
export const chainRows = (h: AnalyzedHook): string[][] => [
  ...(h.tcx ?? []).map(tcxRow),
  ...(h.filters ?? []).map(filterRow),
];

const TCX = Symbol('tcx');
const FILTER = Symbol('filter');

/** Verdict and reach columns as one atom: verdicts and reaches are shared by every hook of
 *  a shape, so the text is made once per pair of objects rather than once per row. */
const rowTexts = new WeakMap<Verdict, WeakMap<Reach, string>>();
function verdictAtom(v: Verdict, r: Reach): string {
  let byReach = rowTexts.get(v);
  if (byReach === undefined) rowTexts.set(v, (byReach = new WeakMap()));
  let s = byReach.get(r);
  if (s === undefined) byReach.set(r, (s = `${v.terminal} ${v.returnCodes === null ? '~' : v.returnCodes.join(',')} ${v.source} ${r.ipv4} ${r.ipv6} ${r.other}`));
  return s;
}

/** Adds what the chain's rows and notes show apart from names and prog ids (which differ per
 *  lxc). Read from the analysis: rendering 10,000 hooks' rows only to compare them cost more
 *  than drawing the grids that are shown. Hooks of one shape (AuditResult.representatives)
 *  add the same atoms here, so the report adds them once per shape. */
export function addRows(ids: TupleIds, h: AnalyzedHook): TupleIds {
  ids.add(h.direction).add(h.tcx === null).add(h.filters === null).add(h.legacyPrefsKnown);
  for (const t of h.tcx ?? []) ids.add(TCX).add(t.attach).add(t.vendor.id).add(verdictAtom(t.verdict, t.reaches));
  for (const f of h.filters ?? []) {
    ids.add(FILTER).add(f.filter.pref).add(f.filter.protocol).add(f.filter.kind).add(f.filter.handle).add(f.vendor.id).add(verdictAtom(f.verdict, f.reaches));
  }
  return ids;
}

/** Adds the name column of every row, in row order (their number follows from addRows). */
export function addNames(ids: TupleIds, h: AnalyzedHook): TupleIds {
  for (const t of h.tcx ?? []) ids.add(t.program.name);
  for (const f of h.filters ?? []) ids.add(f.filter.program?.name ?? f.filter.tcName);
  return ids;
}

/** Do two hooks of one shape (same rows) show the same names? */
export function sameNames(a: AnalyzedHook, b: AnalyzedHook): boolean {
  const at = a.tcx ?? [], bt = b.tcx ?? [], af = a.filters ?? [], bf = b.filters ?? [];
  if (at.length !== bt.length || af.length !== bf.length) return false;
  for (let i = 0; i < at.length; i++) if (at[i]!.program.name !== bt[i]!.program.name) return false;
  for (let i = 0; i < af.length; i++) if ((af[i]!.filter.program?.name ?? af[i]!.filter.tcName) !== (bf[i]!.filter.program?.name ?? bf[i]!.filter.tcName)) return false;
  return true;
}

export const renderChain = (h: AnalyzedHook): string => {
  const rows = chainRows(h);
  const gaps: string[] = [];
  if (h.tcx === null) gaps.push('tcx: not observed');
  if (h.filters === null) gaps.push('legacy filters: not observed');
  if (!h.legacyPrefsKnown) gaps.push('prefs unknown (bpftool net order)');
  const body = rows.length === 0
    ? '  (no programs or filters)\n'
    : grid([HEADER, ...rows]).trimEnd().replace(/^/gm, '  ') + '\n';
  return gaps.length > 0 ? `${body}  ${gaps.join('; ')}\n` : body;
};

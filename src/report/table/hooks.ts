// The per-hook section. On a 500-pod node most lxc chains are identical, so hooks that
// share a chain signature and the same findings are printed once with a count and a few
// example names: the operator needs the distinct situations, not 10,000 grids. Findings
// of one shape read the same on every hook (messages name no device, by design).
import type { AnalyzedHook } from '../../model/analysis.js';
import type { Finding } from '../../model/findings.js';
import type { AuditResult } from '../../model/result.js';
import { allHooks, hookLabel, hookLocation, hookMatters } from '../describe.js';
import type { FormatOptions } from '../types.js';
import { bold, safeLine } from '../text.js';
import { TupleIds } from '../../tupleIds.js';
import { addNames, addRows, renderChain, sameNames } from './chain.js';

const EXAMPLES = 3;

interface Group { hooks: AnalyzedHook[]; hasFindings: boolean }

/** A hook's findings: the place id of a hook (-1 when no finding names it), and the
 *  findings at a place id. */
export interface FindingsAt {
  placeOf(h: AnalyzedHook): number;
  at(place: number): readonly Finding[] | undefined;
}

/** The audit's own index (AuditResult.findingPlaces) when it indexes these findings, else
 *  one built from them. */
export function findingsAt(r: AuditResult): FindingsAt {
  const p = r.findingPlaces;
  if (p === undefined || p.findings !== r.findings) return new FindingsByPlace(r.findings);
  return { placeOf: (h) => p.ofHook.get(h) ?? -1, at: (place) => (place < 0 ? undefined : p.groups[place]) };
}

/** Findings by the place they name (node, netns, interface, direction), looked up by place
 *  ids rather than a key string per finding and per hook. */
export class FindingsByPlace implements FindingsAt {
  private readonly places = new TupleIds();
  private readonly lists: Finding[][] = [];

  constructor(findings: readonly Finding[]) {
    // (An index loop: a for...of step allocates its iterator result until optimised.)
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      const id = this.places.begin().add(f.node).add(f.netns).add(f.interface).add(f.direction).id();
      const list = this.lists[id];
      if (list) list.push(f);
      else this.lists[id] = [f];
    }
  }

  /** The place id of a hook, or -1 when no finding names it. */
  placeOf(h: AnalyzedHook): number {
    return this.places.find().add(h.node).add(h.netns).add(h.device).add(h.direction).id();
  }

  /** The findings at a place id from placeOf. */
  at(place: number): Finding[] | undefined {
    return place < 0 ? undefined : this.lists[place];
  }
}

const HAS_FINDINGS = Symbol('findings');
const OWN_GRID = Symbol('own grid');

/** What a hook's findings say, apart from where: rule, severity, text and program slot.
 *  Texts are numbered: 12,000 findings of a large node repeat a few dozen of them. */
interface TextIds { next: number; byText: Map<string, Map<string | null, number>> }
function addFindings(ids: TupleIds, fs: readonly Finding[], texts: TextIds): void {
  ids.add(HAS_FINDINGS).add(fs.length);
  for (const f of fs) {
    let byRemedy = texts.byText.get(f.message);
    if (!byRemedy) texts.byText.set(f.message, (byRemedy = new Map()));
    let id = byRemedy.get(f.remediation);
    if (id === undefined) byRemedy.set(f.remediation, (id = texts.next++));
    ids.add(f.ruleId).add(f.severity).add(id).add(f.filter?.pref ?? '-').add(f.filter?.vendor ?? '-');
  }
}

/** Hooks with the same chain and the same findings share a grid; with `verbose`, hooks
 *  with findings each get their own, as every finding is then listed on its own too.
 *  `reps` (AuditResult.representatives) lets hooks of one shape share their rows' id. */
export const groupHooks = (
  hooks: readonly AnalyzedHook[],
  findings: FindingsAt,
  verbose = false,
  reps?: ReadonlyMap<AnalyzedHook, AnalyzedHook>,
): Group[] => {
  // A chain is its rows (shared by the hooks of a shape) and their names (most often the
  // representative's too, compared as strings instead of looked up atom by atom).
  const rowIds = new TupleIds();
  const chainIds = new TupleIds();
  const ofRep = new Map<AnalyzedHook, { rows: number; chain: number }>();
  const chainOf = (h: AnalyzedHook, rows: number): number => addNames(chainIds.begin().add(rows), h).id();
  const chainId = (h: AnalyzedHook): number => {
    const rep = reps?.get(h);
    if (rep === undefined) return chainOf(h, addRows(rowIds.begin(), h).id());
    let r = ofRep.get(rep);
    if (r === undefined) {
      const rows = addRows(rowIds.begin(), rep).id();
      ofRep.set(rep, (r = { rows, chain: chainOf(rep, rows) }));
    }
    return h === rep || sameNames(h, rep) ? r.chain : chainOf(h, r.rows);
  };
  const ids = new TupleIds();
  const texts: TextIds = { next: 0, byText: new Map() };
  const byId: Group[] = [];
  const out: Group[] = [];
  // Most hooks of a shape show its representative's names and the same findings as the first
  // of them seen: they join that one's group on a comparison, without a tuple of their own.
  const usual = new Map<AnalyzedHook, { fs: readonly Finding[] | undefined; group: Group }>();
  for (let i = 0; i < hooks.length; i++) {
    const h = hooks[i]!;
    const place = findings.placeOf(h);
    const fs = findings.at(place);
    const hasFindings = fs !== undefined;
    const own = hasFindings && verbose;
    const rep = own ? undefined : reps?.get(h);
    const likeRep = rep !== undefined && (h === rep || sameNames(h, rep));
    const u = likeRep ? usual.get(rep) : undefined;
    if (u !== undefined && sameFindings(fs, u.fs)) {
      u.group.hooks.push(h);
      continue;
    }
    ids.begin();
    if (own) ids.add(OWN_GRID).add(place);
    else {
      ids.add(chainId(h));
      if (hasFindings) addFindings(ids, fs, texts);
    }
    const id = ids.id();
    let g = byId[id];
    if (g) g.hooks.push(h);
    else out.push((g = byId[id] = { hooks: [h], hasFindings }));
    if (likeRep && u === undefined) usual.set(rep, { fs, group: g });
  }
  return out;
};

/** Would addFindings add the same atoms for both lists? */
function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.ruleId !== y.ruleId || x.severity !== y.severity || x.message !== y.message || x.remediation !== y.remediation ||
      (x.filter?.pref ?? '-') !== (y.filter?.pref ?? '-') || (x.filter?.vendor ?? '-') !== (y.filter?.vendor ?? '-')) return false;
  }
  return true;
}

const groupTitle = (g: Group): string => {
  const first = g.hooks[0] as AnalyzedHook;
  if (g.hooks.length === 1) return safeLine(hookLabel(hookLocation(first)));
  const names = g.hooks.slice(0, EXAMPLES).map((h) => safeLine(`${h.netns}/${h.device ?? '?'}`));
  const more = g.hooks.length > EXAMPLES ? `, … and ${g.hooks.length - EXAMPLES} more` : '';
  const same = g.hasFindings ? 'the same chain and findings' : 'the same chain';
  return `${g.hooks.length} hooks with ${same} (${first.direction ?? '?'}): ${names.join(', ')}${more}`;
};

/** What the chain tables' symbols mean (docs/output.md). */
const LEGEND = '(v4 v6 other: ✓ that traffic reaches the program, ✗ it does not, ? cannot be told; codes: what it returns, -1 = UNSPEC/NEXT, any = not known; verdict: whether it ends the walk)';

export const renderHooks = (r: AuditResult, opts: FormatOptions): string => {
  const findings = findingsAt(r);
  const hooks = allHooks(r.analysis.nodes);
  const hasFindings = (x: AnalyzedHook): boolean => findings.placeOf(x) >= 0;
  const shown = opts.verbose ? hooks : hooks.filter((h) => hookMatters(h, hasFindings));
  const hidden = hooks.length - shown.length;
  const parts = [bold(opts.color)(`Hooks (${shown.length} shown of ${hooks.length})`)];
  if (shown.length > 0) parts.push(LEGEND);
  // A raw dump names neither: say how to, rather than leave '?' to guess at.
  if (hooks.some((h) => h.device === null || h.direction === null)) {
    parts.push('(the input names no device or no direction for some hooks, shown as ?: pass --dev NAME and --direction ingress|egress)');
  }
  for (const g of groupHooks(shown, findings, opts.verbose, r.representatives)) parts.push(`${groupTitle(g)}\n${renderChain(g.hooks[0] as AnalyzedHook)}`);
  if (hidden > 0) {
    // A hook whose legacy filters nobody listed (no tc output) has no BPF program as far as
    // bpftool knows, but a u32 or flower filter may still sit there: say so.
    const unlisted = hooks.reduce((n, h) => (h.filters === null && !hookMatters(h, hasFindings) ? n + 1 : n), 0);
    const note = unlisted > 0 ? ` (${unlisted} of them without tc output: their legacy filters were not listed)` : '';
    parts.push(`${hidden} hook(s) with no BPF program and no finding hidden${note}; --verbose shows them.`);
  }
  if (shown.length === 0 && hidden === 0) parts.push('No hooks observed.');
  return parts.join('\n');
};

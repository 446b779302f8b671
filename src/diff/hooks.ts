// Per-hook chain comparison. Program ids change on every reload, so programs are matched
// by what they are (kind, name, protocol), not by id; a pref change is a move.
import type { AnalyzedFilter, AnalyzedHook, AnalyzedTcx, Verdict } from '../model/analysis.js';
import { allHooks, hookKey, hookLocation } from '../report/describe.js';
import type { AuditResult } from '../model/result.js';
import type { HookChange, HookDiff } from './types.js';

const filterKey = (f: AnalyzedFilter): string => JSON.stringify([f.filter.kind, f.filter.program?.name ?? f.filter.tcName, f.filter.protocol, f.filter.chain]);
const tcxKey = (t: AnalyzedTcx): string => JSON.stringify([t.attach, t.program.name]);

const filterName = (f: AnalyzedFilter): string =>
  `pref ${f.filter.pref ?? '?'} ${f.filter.protocol ?? '?'} ${f.filter.kind} ${f.vendor.id} ${f.filter.program?.name ?? f.filter.tcName ?? ''}`.trimEnd();
const tcxName = (t: AnalyzedTcx): string => `${t.attach} ${t.vendor.id} ${t.program.name ?? `id ${t.program.id ?? '?'}`}`;

const verdictWords = (v: Verdict): string => `${v.terminal} [${v.returnCodes === null ? 'any' : v.returnCodes.join(',')}]`;

/** Pair items with equal keys in order; the rest are added/removed. */
const match = <T>(before: readonly T[], after: readonly T[], key: (x: T) => string) => {
  const pool = before.map((b, i) => ({ b, i, k: key(b), used: false }));
  const pairs: Array<{ b: T; a: T; bi: number; ai: number }> = [];
  const added: T[] = [];
  after.forEach((a, ai) => {
    const k = key(a);
    const hit = pool.find((p) => !p.used && p.k === k);
    if (hit) { hit.used = true; pairs.push({ b: hit.b, a, bi: hit.i, ai }); } else added.push(a);
  });
  return { pairs, added, removed: pool.filter((p) => !p.used).map((p) => p.b) };
};

const common = (what: string, b: { vendor: { id: string }; verdict: Verdict }, a: { vendor: { id: string }; verdict: Verdict }): HookChange[] => {
  const out: HookChange[] = [];
  if (b.vendor.id !== a.vendor.id) out.push({ kind: 'vendor-changed', detail: `${what}: vendor ${b.vendor.id} -> ${a.vendor.id}` });
  if (verdictWords(b.verdict) !== verdictWords(a.verdict)) {
    // A capture's knowledge-base verdict against a bundle's bytecode one differs in its codes
    // with nothing changed on the node: name where each came from.
    const from = b.verdict.source === a.verdict.source ? ['', ''] : [` (${b.verdict.source})`, ` (${a.verdict.source})`];
    out.push({ kind: 'verdict-changed', detail: `${what}: ${verdictWords(b.verdict)}${from[0]} -> ${verdictWords(a.verdict)}${from[1]}` });
  }
  return out;
};

export const diffHook = (b: AnalyzedHook, a: AnalyzedHook): HookChange[] => {
  const changes: HookChange[] = [];
  const t = match(b.tcx ?? [], a.tcx ?? [], tcxKey);
  for (const x of t.added) changes.push({ kind: 'tcx-added', detail: `${tcxName(x)} appeared (runs before every clsact filter)` });
  for (const x of t.removed) changes.push({ kind: 'tcx-removed', detail: `${tcxName(x)} removed` });
  for (const p of t.pairs) changes.push(...common(tcxName(p.a), p.b, p.a));
  const f = match(b.filters ?? [], a.filters ?? [], filterKey);
  for (const x of f.added) changes.push({ kind: 'filter-added', detail: `${filterName(x)} added` });
  for (const x of f.removed) changes.push({ kind: 'filter-removed', detail: `${filterName(x)} removed` });
  for (const p of f.pairs) {
    if (p.b.filter.pref !== p.a.filter.pref) {
      const what = `${p.a.filter.protocol ?? '?'} ${p.a.filter.kind} ${p.a.vendor.id} ${p.a.filter.program?.name ?? p.a.filter.tcName ?? ''}`.trimEnd();
      changes.push({ kind: 'filter-moved', detail: `${what}: moved from pref ${p.b.filter.pref ?? '?'} to ${p.a.filter.pref ?? '?'}` });
    }
    changes.push(...common(filterName(p.a), p.b, p.a));
  }
  return changes;
};

const size = (h: AnalyzedHook): number => (h.tcx?.length ?? 0) + (h.filters?.length ?? 0);

/** Empty hooks (a clsact with nothing on it, lo) come and go with pods; only hooks that
 *  carry programs are worth a line when they appear or disappear. */
export const diffHooks = (before: AuditResult, after: AuditResult): HookDiff[] => {
  const old = new Map(allHooks(before.analysis.nodes).map((h) => [hookKey(h), h]));
  const out: HookDiff[] = [];
  for (const a of allHooks(after.analysis.nodes)) {
    const b = old.get(hookKey(a));
    old.delete(hookKey(a));
    if (!b && size(a) === 0) continue;
    const changes = b ? diffHook(b, a) : [{ kind: 'hook-added' as const, detail: `new hook with ${size(a)} program(s)/filter(s)` }, ...diffHook({ ...a, tcx: [], filters: [] }, a)];
    if (changes.length > 0) out.push({ location: hookLocation(a), changes });
  }
  for (const b of old.values()) {
    if (size(b) > 0) out.push({ location: hookLocation(b), changes: [{ kind: 'hook-removed', detail: `hook with ${size(b)} program(s)/filter(s) no longer present` }] });
  }
  return out;
};

// What a change on one hook means for the agent, from the analysed hook before and after.
// Pure: the watcher feeds it audit results and prints what comes back.
import type { AnalyzedFilter, AnalyzedHook } from '../model/analysis.js';
import type { Recommendation } from '../recommend/types.js';

export type DerivedType = 'agent-filter-replaced' | 'terminal-ahead-of-agent' | 'tcx-attached';

export interface DerivedEvent {
  type: DerivedType;
  netns: string;
  device: string | null;
  direction: string | null;
  pref: number | null;
  detail: Record<string, unknown>;
}

const isAgent = (f: AnalyzedFilter): boolean => f.vendor.id === 'datadog';
const mayEnd = (t: string): boolean => t === 'always' || t === 'sometimes';
const ident = (f: AnalyzedFilter): string => JSON.stringify([f.filter.pref, f.filter.handle, f.filter.chain, f.filter.program?.id ?? null, f.filter.tcName]);
const who = (f: AnalyzedFilter) => ({ vendor: f.vendor.id, name: f.filter.tcName ?? f.filter.program?.name ?? null, progId: f.filter.program?.id ?? null, handle: f.filter.handle });

/** Filters that run before the agent's first filter on this hook at priority `p`. */
function aheadOfAgent(filters: AnalyzedFilter[], p: number): AnalyzedFilter[] {
  const firstAgent = filters.findIndex((f) => isAgent(f) && f.filter.pref === p);
  return filters.filter((f, i) => !isAgent(f) && f.filter.pref !== null && (f.filter.pref < p || (f.filter.pref === p && (firstAgent < 0 || i < firstAgent))));
}

export function deriveHookEvents(before: AnalyzedHook | undefined, after: AnalyzedHook | undefined, agentPriority: number): DerivedEvent[] {
  if (!after) return [];
  const out: DerivedEvent[] = [];
  const at = { netns: after.netns, device: after.device, direction: after.direction };
  const was = before?.filters ?? [];
  const now = after.filters ?? [];

  // The agent's filter at its pref is gone and another owner sits there now.
  for (const old of was.filter((f) => isAgent(f) && f.filter.pref !== null)) {
    if (now.some((f) => isAgent(f) && f.filter.pref === old.filter.pref)) continue;
    const other = now.find((f) => !isAgent(f) && f.filter.pref === old.filter.pref);
    if (other) out.push({ type: 'agent-filter-replaced', ...at, pref: old.filter.pref, detail: { previous: who(old), now: who(other) } });
  }

  const known = new Set(was.map(ident));
  for (const f of aheadOfAgent(now, agentPriority)) {
    if (known.has(ident(f)) || !mayEnd(f.verdict.terminal)) continue;
    out.push({ type: 'terminal-ahead-of-agent', ...at, pref: f.filter.pref, detail: { ...who(f), terminal: f.verdict.terminal, agentPriority } });
  }

  const tcxBefore = new Set((before?.tcx ?? []).map((t) => t.program.id));
  for (const t of after.tcx ?? []) {
    if (tcxBefore.has(t.program.id)) continue;
    out.push({ type: 'tcx-attached', ...at, pref: null, detail: { attach: t.attach, vendor: t.vendor.id, name: t.program.name, progId: t.program.id, linkId: t.linkId, terminal: t.verdict.terminal } });
  }
  return out;
}

export function recommendationChanged(before: Recommendation | null, after: Recommendation): boolean {
  return before === null || before.action !== after.action || before.classifierPriority !== after.classifierPriority;
}

// Small shared wordings so every format names hooks, verdicts and reach the same way.
import type { AnalyzedFilter, AnalyzedHook, Reach, Verdict } from '../model/analysis.js';
import type { FindingLocation } from '../model/findings.js';
import { ebpfDriven } from '../analyze/actions.js';

/** ✓ reaches, ✗ never reaches, ? the data cannot tell. */
export const reachMark = (v: boolean | null): string => (v === null ? '?' : v ? '✓' : '✗');

export const reachText = (r: Reach): string =>
  `v4 ${reachMark(r.ipv4)} v6 ${reachMark(r.ipv6)} other ${reachMark(r.other)}`;

export const verdictText = (v: Verdict): string => {
  const codes = v.returnCodes === null ? 'any' : v.returnCodes.join(',');
  return `${v.terminal} [${codes}] (${v.source})`;
};

const orQ = (s: string | null): string => s ?? '?';

/** node / netns / device / direction; "?" where the input did not say. */
export const hookLabel = (h: FindingLocation): string =>
  h.netns === null && h.interface === null && h.direction === null
    ? h.node === null ? 'all nodes' : `${h.node} (whole node)`
    : [orQ(h.node), orQ(h.netns), orQ(h.interface), orQ(h.direction)].join(' / ');

export const hookLocation = (h: AnalyzedHook): FindingLocation => ({
  node: h.node,
  netns: h.netns,
  interface: h.device,
  direction: h.direction,
});

const part = (s: string | null): string => (s === null ? '~' : `${s.length}:${s}`);

/** Identity of a hook, used to attach findings to hooks and to match hooks across a diff.
 *  Only ever a map key; length-prefixed parts (cheaper than JSON for 20,000 of them). */
export const locationKey = (l: FindingLocation): string =>
  `${part(l.node)} ${part(l.netns)} ${part(l.interface)} ${part(l.direction)}`;

export const hookKey = (h: AnalyzedHook): string => locationKey(hookLocation(h));

/** A hook matters when a finding names it or any BPF program runs on it (checked first:
 *  it is cheaper than looking the hook's findings up). */
export const hookMatters = (h: AnalyzedHook, hasFindings: (h: AnalyzedHook) => boolean): boolean =>
  (h.tcx?.length ?? 0) > 0 ||
  (h.filters?.some(isBpf) ?? false) ||
  hasFindings(h);
// (Module-level: an arrow written at the call is a new closure for each of 10,000 hooks.)
const isBpf = (f: AnalyzedFilter): boolean => ebpfDriven(f.filter);

/** Hooks of every node, flattened in report order. */
export const allHooks = (nodes: ReadonlyArray<{ hooks: AnalyzedHook[] }>): AnalyzedHook[] =>
  nodes.flatMap((n) => n.hooks);

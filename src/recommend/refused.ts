// Where the kernel refuses the agent's classifier. A pref holds one classifier instance
// (tcf_proto) per chain, of one kind and one protocol: adding a filter of another protocol
// at that pref fails ("Protocol mismatch for filter with specified priority",
// net/sched/cls_api.c tcf_chain_tp_find), of another kind too ("Specified filter kind does
// not match existing one"). The agent adds cls_bpf, protocol all, in chain 0: where its pref
// holds anything else, it has no classifier on that hook (test/live/agentPrefRefused.test.ts).
import type { AnalyzedFilter, AnalyzedHook } from '../model/analysis.js';
import { isAgent } from './blockers.js';

/** A protocol other than the agent's `all` (tc prints it lower case; a JSON input may not). */
export const otherProtocol = (f: AnalyzedFilter): boolean => f.filter.protocol !== null && f.filter.protocol.toLowerCase() !== 'all';

/** The kernel's words for the refusal: the protocol is checked first (tcf_chain_tp_find),
 *  the kind after (tc_new_tfilter). */
export const refusal = (f: AnalyzedFilter): string =>
  otherProtocol(f) ? 'Protocol mismatch for filter with specified priority' : 'Specified filter kind does not match existing one';

/** The filter holding pref `P` on `h` that the agent's classifier cannot join, or null (the
 *  agent's own filter is there, the pref is free, or what holds it is cls_bpf on all). */
export function refusingFilter(h: AnalyzedHook, P: number): AnalyzedFilter | null {
  const fs = h.filters ?? [];
  let other: AnalyzedFilter | null = null;
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i]!;
    if (f.filter.pref !== P || (f.filter.chain !== null && f.filter.chain !== 0)) continue;
    if (isAgent(f)) return null;
    if (other === null && (f.filter.kind !== 'bpf' || otherProtocol(f))) other = f;
  }
  return other;
}

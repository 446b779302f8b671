// The words of a recommendation: what the answer tells beside its value (vendor settings,
// pref 1's hazard, who holds the prefs, where the kernel refuses the agent). Pure helpers of
// recommend.ts, over the same hooks.
import type { AnalyzedFilter, AnalyzedHook } from '../model/analysis.js';
import { VENDORS } from '../analyze/vendors/index.js';
import type { VendorId } from '../analyze/vendors/ids.js';
import { vendorKnob } from '../analyze/vendors/knob.js';
import { refusingFilter } from './refused.js';
import { endingOtherwise, unconfirmedRange } from '../analyze/vendors/unconfirmed.js';
import type { Blocker } from './types.js';

/** Each blocking vendor's own setting (src/analyze/vendors/knob.ts). */
export const knobsFor = (blockers: readonly Blocker[], cniVersion: string | null): string[] => {
  // Per vendor, its tcx knob when any of its blockers is a tcx program (that is what must
  // move first), else its legacy one.
  const byVendor = new Map<VendorId, boolean>();
  for (let i = 0; i < blockers.length; i++) {
    const id = blockers[i]!.vendor as VendorId;
    byVendor.set(id, (byVendor.get(id) ?? false) || blockers[i]!.attach !== 'legacy');
  }
  const out: string[] = [];
  for (const [id, tcx] of byVendor) {
    const k = vendorKnob(id, cniVersion, tcx);
    if (k) out.push(`${VENDORS[id].displayName}: ${k}`);
  }
  return out;
};

/** Pref 1 is where the vendors that hard-code a pref attach (Cilium, AWS network policy
 *  agent, Retina, Beyla, NetObserv): one added there later shares it with the agent. */
export function prefOneCaution(p: number, forced = true): string[] {
  return p === 1
    ? [`pref 1 is where Cilium, the AWS network policy agent, Retina, Beyla and NetObserv attach by default: one added there later (a new pod, a new agent) shares the pref with the agent, newest first, and pref 1 / handle 0x1 is the shape of the known race${forced ? '; moving the filter that forces this answer to a higher pref, where its vendor allows it, is the safer fix' : ''}`]
    : [];
}

const WALK = { never: 'never ends the walk', always: 'always ends the walk', sometimes: 'may end the walk', unknown: 'what it returns is unknown' } as const;

/** Who holds the prefs below `below` (at most three named): what a free pref would take. */
export function holders(hooks: readonly AnalyzedHook[], below: number): string {
  const at = new Map<number, string>();
  for (const h of hooks) {
    for (const f of h.filters ?? []) {
      const p = f.filter.pref;
      if (p !== null && p < below && !at.has(p)) at.set(p, `pref ${p}: ${f.vendor.id} ${f.filter.kind}${f.filter.kind === 'bpf' ? `, ${WALK[f.verdict.terminal]}` : ''}`);
    }
  }
  const list = [...at.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
  return list.length <= 3 ? list.join('; ') : `${list.slice(0, 3).join('; ')} and ${list.length - 3} more`;
}

/** The first audited hook where the kernel refuses the agent at its pref, and what holds it. */
export function firstRefused(hooks: readonly AnalyzedHook[], P: number): { h: AnalyzedHook; f: AnalyzedFilter } | null {
  for (let i = 0; i < hooks.length; i++) {
    const f = refusingFilter(hooks[i]!, P);
    if (f !== null) return { h: hooks[i]!, f };
  }
  return null;
}

/** Vendors before the agent whose harmless verdict the knowledge base gives for a version
 *  range the input does not confirm, while other versions end the walk: the answer assumes
 *  the covered versions, and says so. */
export function versionAssumptions(hooks: readonly AnalyzedHook[], P: number): string[] {
  const seen = new Map<string, string>();
  for (const h of hooks) {
    for (const f of h.filters ?? []) {
      if (f.filter.pref === null || f.filter.pref > P || seen.has(f.vendor.id)) continue;
      const range = unconfirmedRange(f.verdict);
      const older = range === null ? null : endingOtherwise(f.vendor.id);
      if (older === null) continue;
      seen.set(f.vendor.id, `this answer assumes ${VENDORS[f.vendor.id as VendorId].displayName} ${range}, as the version was not given (${older.note}): confirm it with --cni-version ${f.vendor.id}:X.Y.Z`);
    }
  }
  return [...seen.values()];
}

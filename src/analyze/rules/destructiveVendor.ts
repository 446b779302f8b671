// Some vendors remove filters they do not own: deleting clsact takes every legacy filter on
// the device with it (clsact_destroy), and a delete by handle or a chain flush ignores the
// owner. The agent's classifiers can vanish without any pref being wrong.
import type { AnalyzedNode } from '../../model/analysis.js';
import type { VendorId } from '../vendors/ids.js';
import { VENDORS } from '../vendors/index.js';
import type { HazardKind } from '../vendors/types.js';
import { defineRule, type FindingDraft } from './types.js';
import { cniVersionOf, inRange } from '../vendors/versions.js';
import { nodeLocation } from './util/where.js';

/** prio-handle-collision is agent-pref-collision's business: it needs a shared pref to bite. */
const DESTRUCTIVE: ReadonlySet<HazardKind> = new Set(['deletes-clsact', 'deletes-handle-1', 'deletes-legacy-after-tcx', 'flushes-hook']);

const WHAT: Record<HazardKind, string> = {
  'deletes-clsact': "deletes the clsact qdisc, which removes every vendor's filters on that device, the agent's included",
  'deletes-handle-1': 'deletes any filter with handle 0x1, whoever owns it',
  'deletes-legacy-after-tcx': 'deletes every legacy filter in a direction after its tcx attach succeeds, the agent\'s included',
  'flushes-hook': 'flushes every filter on the hook',
  'prio-handle-collision': 'collides on pref and handle',
};

function vendorsOn(n: AnalyzedNode): VendorId[] {
  const ids = new Set<VendorId>();
  for (const h of n.hooks) {
    for (const f of h.filters ?? []) ids.add(f.vendor.id);
    for (const p of h.tcx ?? []) ids.add(p.vendor.id);
  }
  return [...ids].sort();
}

export default defineRule({
  id: 'destructive-vendor',
  severity: 'warning',
  title: "A vendor on the node is known to delete other vendors' filters",
  check(analysis, ctx) {
    const out: FindingDraft[] = [];
    for (const n of analysis.nodes) {
      for (const id of vendorsOn(n)) {
        const v = VENDORS[id];
        for (const hz of v.hazards) {
          if (!DESTRUCTIVE.has(hz.kind)) continue;
          // A known vendor version outside the affected range is a fact, not a guess: skip.
          const version = cniVersionOf(id, ctx.agent.cniVersion);
          if (version !== null && inRange(version, hz.versions) === false) continue;
          const range = hz.versions ? `versions ${hz.versions}` : 'all known versions';
          out.push({
            ...nodeLocation(n),
            filter: null,
            source: null,
            message: `${v.displayName} (${range}${version ? `; this node runs ${version}` : ''}) ${WHAT[hz.kind]}: ${hz.description} (${hz.source}).`,
            // (No vendor knob here: it moves the vendor's pref, it does not stop the deleting.)
            remediation: `after ${v.displayName} restarts, upgrades or detaches, re-run tc-audit (or restart system-probe) to confirm the agent's classifiers are still attached`,
          });
        }
      }
    }
    return out;
  },
});

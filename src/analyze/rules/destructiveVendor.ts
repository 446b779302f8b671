// Some vendors remove filters they do not own: deleting clsact takes every legacy filter on
// the device with it (clsact_destroy), and a delete by handle or a chain flush ignores the
// owner. The agent's classifiers can vanish without any pref being wrong.
import type { AnalyzedNode } from '../../model/analysis.js';
import type { VendorId } from '../vendors/ids.js';
import { VENDORS } from '../vendors/index.js';
import type { HazardKind } from '../vendors/types.js';
import { defineRule, type FindingDraft, type RuleContext } from './types.js';
import { cniVersionOf, inRange } from '../vendors/versions.js';
import { nodeLocation } from './util/where.js';
import { PRIORITY_CONFIGURABLE_FROM } from '../../agent/versionEra.js';

/** prio-handle-collision is agent-pref-collision's business: it needs a shared pref to bite. */
const DESTRUCTIVE: ReadonlySet<HazardKind> = new Set(['deletes-clsact', 'deletes-handle-1', 'deletes-legacy-after-tcx', 'flushes-hook']);

const WHAT: Record<HazardKind, string> = {
  'deletes-clsact': "deletes the clsact qdisc, which removes every vendor's filters on that device, the agent's included",
  'deletes-handle-1': 'deletes any filter with handle 0x1, whoever owns it',
  'deletes-legacy-after-tcx': 'deletes every legacy filter in a direction after its tcx attach succeeds, the agent\'s included',
  'flushes-hook': 'flushes every filter on the hook',
  'prio-handle-collision': 'collides on pref and handle',
};

/** The agent's classifiers seen on the node with handle 0x1. */
const agentAtHandle1 = (n: AnalyzedNode): boolean =>
  n.hooks.some((h) => (h.filters ?? []).some((f) => f.vendor.id === 'datadog' && f.filter.handle === '0x1'));

/** Against a vendor that deletes any handle 0x1 filter, the agent's own handle setting: with
 *  classifier_handle 0 (the default) the kernel gives its first filter at a pref handle 0x1. */
function handleFix(ctx: RuleContext, seen: boolean): string | null {
  const h = ctx.agent.classifierHandle;
  if (!seen && h !== null && h !== 0 && h !== 1) return null;
  const raw = ctx.agent.rawPacketEnabled === false ? '' : '; with raw packet capture on, set raw_classifier_handle to another non-zero value as well (e.g. 3: the agent refuses two handles unless both are 0 or both non-zero and different)';
  // Agents 7.36.0-7.39.1 read no handle setting either (src/agent/versionEra.ts).
  const upgrade = ctx.agent.hardCodedPriority !== null ? `upgrade the agent to ${PRIORITY_CONFIGURABLE_FROM} or later (${ctx.agent.agentVersion ?? 'this version'} reads no classifier_handle) and ` : '';
  return `${upgrade}give the agent's classifiers a handle other than 0x1: set runtime_security_config.network.classifier_handle: 2 (env DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_HANDLE=2)${raw}, and restart system-probe${seen ? '; its classifiers seen here at handle 0x1 go whenever this vendor detaches' : ''}`;
}

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
        const version = cniVersionOf(id, ctx.agent.cniVersion);
        // Hazards of version ranges, with the version not given: at most one may hold, and
        // which one the input cannot tell; one finding says so rather than each as a fact.
        const ranged = v.hazards.filter((hz) => DESTRUCTIVE.has(hz.kind) && hz.versions !== null);
        if (version === null && ranged.length > 1) {
          out.push({
            ...nodeLocation(n), filter: null, source: null,
            message: `${v.displayName}, depending on its version (not given): ${ranged.map((hz) => `versions ${hz.versions}: it ${WHAT[hz.kind]} (${hz.description}; ${hz.source})`).join('; ')}.`,
            remediation: `give its version with --cni-version ${id}:X.Y.Z to learn which holds; after ${v.displayName} restarts, upgrades or detaches, re-run tc-audit (or restart system-probe) to confirm the agent's classifiers are still attached`,
          });
        }
        for (const hz of v.hazards) {
          if (!DESTRUCTIVE.has(hz.kind)) continue;
          if (version === null && ranged.length > 1 && ranged.includes(hz)) continue;
          // A known vendor version outside the affected range is a fact, not a guess: skip.
          if (version !== null && inRange(version, hz.versions) === false) continue;
          const range = hz.versions ? `versions ${hz.versions}` : 'all known versions';
          out.push({
            ...nodeLocation(n),
            filter: null,
            source: null,
            message: `${v.displayName} (${range}${version ? `; this node runs ${version}` : ''}) ${WHAT[hz.kind]}: ${hz.description} (${hz.source}).`,
            // (No vendor knob here: it moves the vendor's pref, it does not stop the deleting.)
            // A delete by handle 0x1 spares a filter with another handle: the agent's own
            // handle setting takes its classifiers out of reach.
            remediation: (hz.kind === 'deletes-handle-1' ? handleFix(ctx, agentAtHandle1(n)) : null)
              ?? `after ${v.displayName} restarts, upgrades or detaches, re-run tc-audit (or restart system-probe) to confirm the agent's classifiers are still attached`,
          });
        }
      }
    }
    return out;
  },
});

// The agent must not share a pref with another vendor: same-kind filters at one pref run
// newest-first, and a shared pref/handle is how agents 7.36-7.39.1 (hard-coded pref 1) and
// Cilium <= 1.9 (pref 1 / handle 0x1 on lxc veths) replaced and then deleted each other's
// filter, cutting a new pod's connectivity (DataDog/datadog-agent PR #13692).
import type { AnalyzedFilter } from '../../model/analysis.js';
import { isAgent } from '../../recommend/blockers.js';
import { largestFreePrefBelow, usedPrefs } from '../../recommend/pickPriority.js';
import { defineRule, type FindingDraft, type RuleContext } from './types.js';
import { who } from './util/describe.js';
import { disableNetworkFix, setPriorityFix, upgradeFix } from './util/fix.js';
import { agentHooks, allHooks } from './util/select.js';
import { cniVersionOf, inRange } from '../vendors/versions.js';
import { aboutFilter } from './util/where.js';
import { VENDORS } from '../vendors/index.js';

const agentRange = VENDORS.datadog.hazards.find((h) => h.kind === 'prio-handle-collision')?.versions ?? null;
const ciliumRange = VENDORS.cilium.hazards.find((h) => h.kind === 'prio-handle-collision')?.versions ?? null;
const RACE = 'known race: agent 7.36–7.39.1 with Cilium 1.9 and older could cut a new pod\'s connectivity';

function risk(ctx: RuleContext, other: AnalyzedFilter, agentF: AnalyzedFilter): string {
  const parts: string[] = [];
  if (inRange(ctx.agent.agentVersion, agentRange) === true) parts.push(`agent ${ctx.agent.agentVersion} is in the affected range`);
  const cil = other.vendor.id === 'cilium' ? cniVersionOf('cilium', ctx.agent.cniVersion) : null;
  if (cil && inRange(cil, ciliumRange) === true) parts.push(`Cilium ${cil} is in the affected range`);
  const shape = agentF.filter.pref === 1 && other.filter.pref === 1 && (agentF.filter.handle === '0x1' || other.filter.handle === '0x1');
  if (parts.length > 0) return ` (${RACE}; ${parts.join(', ')})`;
  return shape ? ` (pref 1 / handle 0x1 is the shape of the ${RACE})` : '';
}

function remedy(ctx: RuleContext, analysisPrefs: Set<number>): string {
  // An agent that reads no priority leaves the pref only by the upgrade.
  const up = upgradeFix(ctx);
  if (up !== null) return up;
  const upgrade = inRange(ctx.agent.agentVersion, agentRange) === true ? '; upgrade the agent to 7.39.2 or later' : '';
  const set = setPriorityFix(ctx);
  if (set) return set + upgrade;
  // A free pref ends the collision, but not where the answer is that no pref is safe: the
  // finding must not send the operator to a value the recommendation rejects.
  const free = ctx.recommendation.action === 'disable-network' ? null : largestFreePrefBelow(ctx.agent.classifierPriority, analysisPrefs);
  if (free !== null) return `set runtime_security_config.network.classifier_priority: ${free} (a pref no other filter uses)${upgrade}`;
  return disableNetworkFix(ctx) + upgrade;
}

export default defineRule({
  id: 'agent-pref-collision',
  severity: 'error',
  title: "The agent's filter shares a pref with another vendor's",
  check(analysis, ctx) {
    const out: FindingDraft[] = [];
    const used = usedPrefs(allHooks(analysis));
    // On a hook the agent does not attach to by its configuration (ingress or network turned
    // off, not yet applied), its filter is there all the same and so is the race: a warning
    // that says so, not an error about a hook the report does not audit.
    const configured = new Set(agentHooks(analysis, ctx));
    for (const h of allHooks(analysis)) {
      const filters = h.filters ?? [];
      const outside = !configured.has(h);
      const agentFs = filters.filter((f) => isAgent(f) && f.filter.pref !== null);
      for (const other of filters) {
        if (isAgent(other) || other.filter.pref === null) continue;
        // Each chain has its own classifier at a pref: only the agent's chain is shared.
        const agentF = agentFs.find((a) => a.filter.pref === other.filter.pref && (a.filter.chain ?? 0) === (other.filter.chain ?? 0));
        if (!agentF) continue;
        out.push({
          ...aboutFilter(h, other),
          ...(outside ? { severity: 'warning' as const } : {}),
          message: `The agent's classifier (handle ${agentF.filter.handle ?? '?'}) shares pref ${other.filter.pref} with ${who(other)} (handle ${other.filter.handle ?? '?'}): same-pref filters run newest-first and a shared pref/handle lets one replace or delete the other${risk(ctx, other, agentF)}${outside ? '; the configuration says the agent does not attach to this hook, yet its filter is here (agent-priority-mismatch)' : ''}.`,
          remediation: remedy(ctx, used),
        });
      }
    }
    return out;
  },
});

// Concrete remediations from the recommendation computed before the rules ran, so a
// finding and the summary never disagree about the value to set.
import { disableNetworkSnippets, setPrioritySnippets, systemProbeKeys } from '../../../recommend/snippets.js';
import type { Snippets } from '../../../recommend/types.js';
import { VENDORS } from '../../vendors/index.js';
import type { VendorId } from '../../vendors/ids.js';
import { vendorKnob } from '../../vendors/knob.js';
import type { RuleContext } from '../types.js';
import { envOverridden } from '../../../recommend/cautions.js';
import { yaml } from '../../../lazy.js';

/** "runtime_security_config.network.enabled: false" from a system-probe.yaml snippet. */
export function dottedKeys(yamlText: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    } else out.push(`${path.join('.')}: ${String(v)}`);
  };
  walk(yaml().parse(yamlText), []);
  return out;
}

// The recommender's own snippets carry their keys (snippets.ts); any other text is parsed,
// once per distinct text (every finding of a run quotes the same one or two).
const keysOf = new Map<string, string>();
const keyAndEnv = (s: Snippets): string => {
  let keys = systemProbeKeys(s.systemProbeYaml) ?? keysOf.get(s.systemProbeYaml);
  if (keys === undefined) keysOf.set(s.systemProbeYaml, (keys = dottedKeys(s.systemProbeYaml).join(', ')));
  return `${keys} (env ${s.env.trim()})`;
};

/** The setting as it takes effect: with the key in system-probe.yaml (or written there by
 *  the Helm chart) the environment forms change nothing, so they are not offered. */
function setting(ctx: RuleContext, s: Snippets, action: 'set-priority' | 'disable-network'): string {
  const over = envOverridden(ctx.agent, action);
  if (over === null) return keyAndEnv(s);
  const keys = systemProbeKeys(s.systemProbeYaml) ?? dottedKeys(s.systemProbeYaml).join(', ');
  return 'chart' in over
    ? 'datadog.securityAgent.runtime.network.enabled: false in the Helm values (the chart writes it into system-probe.yaml, over any environment variable)'
    : `${keys} in ${over.file} (it sets the key there, over any environment variable)`;
}

export function disableNetworkFix(ctx: RuleContext): string {
  const r = ctx.recommendation;
  const s = r.action === 'disable-network' && r.snippets ? r.snippets : disableNetworkSnippets();
  return `set ${setting(ctx, s, 'disable-network')}`;
}

/** The set-priority remediation, or null when the recommendation is not set-priority. */
export function setPriorityFix(ctx: RuleContext): string | null {
  const r = ctx.recommendation;
  if (r.action !== 'set-priority' || r.classifierPriority === null) return null;
  return `set ${setting(ctx, r.snippets ?? setPrioritySnippets(r.classifierPriority), 'set-priority')}`;
}

/** For an agent that hard-codes its pref (src/agent/versionEra.ts): the upgrade, and what to
 *  set with it from the answer for the upgraded agent; null for any other agent. */
export function upgradeFix(ctx: RuleContext): string | null {
  const up = ctx.recommendation.afterUpgrade;
  if (ctx.agent.hardCodedPriority === null || up === undefined) return null;
  const later = up.recommendation;
  const to = `upgrade the agent to ${up.agentVersion} or later`;
  switch (later.action) {
    case 'set-priority':
      return `${to} and ${setPriorityFix({ ...ctx, recommendation: later }) ?? `set classifier_priority: ${later.classifierPriority}`} with it (the priority it would attach at otherwise is not safe here)`;
    case 'keep':
      return `${to}; it then attaches at pref ${later.classifierPriority ?? '?'}, which the answer after the upgrade keeps`;
    case 'disable-network':
      return `${to}; even then no classifier_priority is safe here: ${disableNetworkFix({ ...ctx, recommendation: later })}`;
    case 'unknown':
      return `${to}; what it can see then cannot be told from this input (see the recommendation)`;
  }
}

/** "or move Cilium: <knob>" when the knowledge base knows how to move the vendor (its tcx
 *  programs, for a tcx blocker); where the vendor's known version lacks it, said so. */
export const withKnob = (fix: string, id: VendorId, ctx?: RuleContext, attach: 'legacy' | 'tcx' = 'legacy'): string => {
  const k = vendorKnob(id, ctx?.agent.cniVersion ?? null, attach === 'tcx');
  return k ? `${fix}; or move ${VENDORS[id].displayName} instead: ${k}` : fix;
};

/** For a program that ends the walk at `pref` (<= the agent's): the value to set, or why
 *  no value works. The recommendation is global: a pref-1 vendor or a tcx program on
 *  another hook may force disable-network, or every pref below this one may be taken. */
export function beforeAgentFix(ctx: RuleContext, pref: number): string {
  if (pref <= 1) return disableNetworkFix(ctx);
  const set = setPriorityFix(ctx);
  if (set) return set;
  const r = ctx.recommendation;
  const why = r.action === 'disable-network' ? r.reasons[0] ?? 'see the recommendation' : `the recommendation is ${r.action}`;
  return `no classifier_priority below ${pref} works for every audited hook (${why}); ${disableNetworkFix(ctx)}`;
}

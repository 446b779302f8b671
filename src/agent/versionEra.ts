// Agents 7.36.0 to 7.39.1 attach their classifiers at pref 1, hard-coded (ebpf-manager
// TCFilterPrio: 1 in the agent's tc.go of that era), and read no classifier_priority or
// classifier_handle: DataDog/datadog-agent PR #13692 made both configurable and moved the
// default to 10, and PR #13762 brought that to 7.39.2. On such an agent a configured
// priority changes nothing, and the way out of the pref 1 / handle 0x1 race with Cilium is
// the upgrade, after which the configured (or default) priority applies.
import { semver } from '../lazy.js';
import type { AgentSettings } from './types.js';

/** The first version that reads classifier_priority. */
export const PRIORITY_CONFIGURABLE_FROM = '7.39.2';
/** What those agents attach at, whatever the configuration says. */
export const HARD_CODED_PRIORITY = 1;
/** The versions that hard-code it (the known race's agent range, same source). */
export const HARD_CODED_RANGE = '>=7.36.0 <7.39.2';
/** HARD_CODED_RANGE in words, for reports. */
export const HARD_CODED_VERSIONS = 'versions 7.36.0 to 7.39.1';

/** HARD_CODED_PRIORITY for an agent version in HARD_CODED_RANGE; null for any other
 *  version, one that cannot be read, or none (then the configuration is what applies). */
export function hardCodedPriority(agentVersion: string | null): number | null {
  if (agentVersion === null) return null;
  const v = semver().coerce(agentVersion);
  return v !== null && semver().satisfies(v, HARD_CODED_RANGE) ? HARD_CODED_PRIORITY : null;
}

/** Settings an agent of a version that hard-codes its pref (hardCodedPriority set) does not
 *  read: the priority (--agent-priority too), the handle, and ingress (it attaches ingress
 *  classifiers always: GetTCProbes() of that era takes no ingress switch). */
const UNREAD = new Set<AgentSettings['trace'][number]['setting']>(['priority', 'handle', 'ingress']);

/** The settings such an agent runs with: its pref, no configured handle, ingress on, and
 *  the values it does not read marked so in the trace. */
export function pinToVersion(a: AgentSettings): AgentSettings {
  return {
    ...a,
    classifierPriority: a.hardCodedPriority ?? a.classifierPriority,
    source: 'agent-version',
    configuredPriority: a.upgraded?.configuredPriority ?? null,
    classifierHandle: null,
    ingressEnabled: true,
    trace: a.trace.map((t) => (UNREAD.has(t.setting) ? { ...t, used: false, ignoredBecause: 'agent-version' as const } : t)),
  };
}

// Agents 7.36.0 to 7.39.1 attach their classifiers at pref 1, hard-coded (ebpf-manager
// TCFilterPrio: 1 in the agent's tc.go of that era), and read no classifier_priority or
// classifier_handle: DataDog/datadog-agent PR #13692 made both configurable and moved the
// default to 10, and PR #13762 brought that to 7.39.2. On such an agent a configured
// priority changes nothing, and the way out of the pref 1 / handle 0x1 race with Cilium is
// the upgrade, after which the configured (or default) priority applies.
import { semver } from '../lazy.js';
import { DEFAULT_CLASSIFIER_PRIORITY, LIBRARY_FALLBACK_PRIORITY } from './defaults.js';
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

/** The pref an upgraded agent attaches at: the configured priority (0 reads as the
 *  library's 50), else the default. */
export function upgradedPriority(agent: Pick<AgentSettings, 'configuredPriority'>): number {
  const c = agent.configuredPriority;
  return c === null ? DEFAULT_CLASSIFIER_PRIORITY : c === 0 ? LIBRARY_FALLBACK_PRIORITY : c;
}

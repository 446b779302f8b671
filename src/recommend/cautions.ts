// Where the agent's current configuration would stop a snippet from taking effect. The
// agent reads runtime_security_config.network.* in system-probe.yaml over any environment
// variable, and DD_EVENT_MONITORING_CONFIG_NETWORK_* over DD_RUNTIME_SECURITY_CONFIG_NETWORK_*
// (src/agent/layers.ts RANK), so a snippet that sets the weaker one changes nothing while
// the stronger one is set. Read from the settings' trace: what the inputs said, not a guess.
import type { AgentSettings } from '../agent/types.js';
import type { RecommendationAction } from './types.js';

const SETTING = { 'set-priority': ['classifier_priority', 'CLASSIFIER_PRIORITY'], 'disable-network': ['enabled', 'ENABLED'] } as const;

/** Where the environment forms of a snippet take no effect: the setting sits in
 *  system-probe.yaml (named), or, for enabled, the Helm chart writes it there. */
export function envOverridden(agent: AgentSettings, action: 'set-priority' | 'disable-network'): { file: string } | { chart: true } | null {
  const [key] = SETTING[action];
  const inFile = agent.trace.find((t) => t.key === `runtime_security_config.network.${key}` && t.from === 'system-probe.yaml');
  if (inFile) return { file: inFile.file ?? 'system-probe.yaml' };
  if (action === 'disable-network' && agent.trace.some((t) => t.from === 'helm-values' && t.key.startsWith('datadog.securityAgent.runtime.network.enabled'))) return { chart: true };
  return null;
}

export function configCautions(agent: AgentSettings, action: RecommendationAction): string[] {
  if (action !== 'set-priority' && action !== 'disable-network') return [];
  const [key, suffix] = SETTING[action];
  const out: string[] = [];
  const over = envOverridden(agent, action);
  if (over !== null && 'file' in over) {
    out.push(`${over.file} sets runtime_security_config.network.${key}, which the agent takes over every environment variable: change it there (the environment, Helm env and Operator forms take effect only without it)`);
  }
  // The Helm chart always writes runtime_security_config.network.enabled into the file.
  if (over !== null && 'chart' in over) {
    out.push('the Helm chart writes runtime_security_config.network.enabled into system-probe.yaml, which the agent takes over every environment variable: use the Helm values form (datadog.securityAgent.runtime.network.enabled: false); the environment and Operator env forms take no effect under this chart');
  }
  const emVar = `DD_EVENT_MONITORING_CONFIG_NETWORK_${suffix}`;
  // Set means its last value (a later source may set it again, or empty it) is not empty.
  const em = agent.trace.filter((t) => t.key === emVar).at(-1);
  if (em && em.value !== '') {
    out.push(`${emVar} is set (${em.file ?? em.from}) and the agent takes it over DD_RUNTIME_SECURITY_CONFIG_NETWORK_${suffix}: give it the snippet's value, or remove it`);
  }
  return out;
}

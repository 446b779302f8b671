// The agent's own defaults (datadog-agent pkg/config/setup/system_probe.go, newest stored).
import type { AgentSettings } from './types.js';

export const DEFAULT_CLASSIFIER_PRIORITY = 10;
/** ebpf-manager uses this when the configured priority is 0 (DefaultTCFilterPriority). */
export const LIBRARY_FALLBACK_PRIORITY = 50;

export function defaultAgentSettings(): AgentSettings {
  return {
    classifierPriority: DEFAULT_CLASSIFIER_PRIORITY,
    source: 'default',
    configuredPriority: null,
    observedPriorities: [],
    networkEnabled: true,
    ingressEnabled: true,
    rawPacketEnabled: null,
    classifierHandle: null,
    agentVersion: null,
    cniVersion: null,
    hardCodedPriority: null,
    upgraded: null,
    trace: [],
  };
}

/** The agent's order of precedence for each network setting (layers.ts RANK), for reports. */
export const AGENT_PRECEDENCE =
  'the agent takes runtime_security_config.network.* from system-probe.yaml (where the Helm chart writes network.enabled) over DD_EVENT_MONITORING_CONFIG_NETWORK_*, over DD_RUNTIME_SECURITY_CONFIG_NETWORK_*, over event_monitoring_config.network.*; --agent-priority overrides them all';

import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import type { AgentSettings } from '../../src/agent/types.js';
import { configCautions } from '../../src/recommend/cautions.js';

const withTrace = (trace: AgentSettings['trace']): AgentSettings => ({ ...defaultAgentSettings(), trace });

describe('configCautions: where the current configuration would override a snippet', () => {
  it('says nothing when no stronger source is set', () => {
    expect(configCautions(withTrace([{ key: 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY', value: '9', from: 'env', file: null, setting: 'priority' as const, used: true, ignoredBecause: null }]), 'set-priority')).toEqual([]);
    expect(configCautions(withTrace([]), 'disable-network')).toEqual([]);
  });

  it('names the file key that wins over every variable, and the variable that wins over the snippet\'s', () => {
    const a = withTrace([
      { key: 'DD_EVENT_MONITORING_CONFIG_NETWORK_ENABLED', value: 'true', from: 'env', file: '--agent-env', setting: 'enabled' as const, used: false, ignoredBecause: 'overridden' as const },
      { key: 'runtime_security_config.network.enabled', value: 'true', from: 'system-probe.yaml', file: 'sp.yaml', setting: 'enabled' as const, used: true, ignoredBecause: null },
    ]);
    expect(configCautions(a, 'disable-network')).toEqual([
      'sp.yaml sets runtime_security_config.network.enabled, which the agent takes over every environment variable: change it there (the environment, Helm env and Operator forms take effect only without it)',
      'DD_EVENT_MONITORING_CONFIG_NETWORK_ENABLED is set (--agent-env) and the agent takes it over DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED: give it the snippet\'s value, or remove it',
    ]);
    // The priority's sources are not the enabled setting's.
    expect(configCautions(a, 'set-priority')).toEqual([]);
    expect(configCautions(a, 'keep')).toEqual([]);
  });
  it('under the Helm chart, a disable answer says the environment forms take no effect', () => {
    const a = withTrace([{ key: 'datadog.securityAgent.runtime.network.enabled (chart default)', value: 'true', from: 'helm-values', file: 'v.yaml', setting: 'enabled' as const, used: true, ignoredBecause: null }]);
    expect(configCautions(a, 'disable-network')).toEqual([expect.stringContaining('use the Helm values form (datadog.securityAgent.runtime.network.enabled: false)')]);
    expect(configCautions(a, 'set-priority')).toEqual([]);
  });
  it('an empty or re-emptied DD_EVENT_MONITORING_* variable is not "set"', () => {
    const empty = withTrace([{ key: 'DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY', value: '', from: 'env', file: null, setting: 'priority' as const, used: false, ignoredBecause: 'overridden' as const }]);
    expect(configCautions(empty, 'set-priority')).toEqual([]);
    const emptied = withTrace([
      { key: 'DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY', value: '5', from: 'helm-values', file: 'v.yaml', setting: 'priority' as const, used: false, ignoredBecause: 'overridden' as const },
      { key: 'DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY', value: '', from: 'env', file: '--agent-env', setting: 'priority' as const, used: false, ignoredBecause: 'overridden' as const },
    ]);
    expect(configCautions(emptied, 'set-priority')).toEqual([]);
  });
});

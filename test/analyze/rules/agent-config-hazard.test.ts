import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/agentConfigHazard.js';
import { analysisOf, ctx, recommendation } from '../../helpers/analysisBuilders.js';

const run = (o: Parameters<typeof ctx>[0]) => rule.check(analysisOf(), ctx(o));

describe('agent-config-hazard', () => {
  it('defaults: nothing to say', () => expect(run({})).toEqual([]));

  it('classifier_priority 0 -> warning naming the library fallback 50', () => {
    const [f] = run({ agent: { configuredPriority: 0, classifierPriority: 50, source: 'system-probe.yaml' } });
    expect(f!.severity).toBeUndefined(); // rule default: warning
    expect(f!.message).toContain('pref 50');
    expect(f!.remediation).toContain('classifier_priority: 50 explicitly');
  });

  it('classifier_priority 0 with a set-priority recommendation names the value', () => {
    const [f] = run({ agent: { configuredPriority: 0, classifierPriority: 50 }, recommendation: recommendation('set-priority', 9) });
    expect(f!.remediation).toContain('classifier_priority: 9');
  });

  it('configured 1 is not 0', () => expect(run({ agent: { configuredPriority: 1 } })).toEqual([]));

  it('network disabled -> one info note, nothing else', () => {
    const fs = run({ agent: { networkEnabled: false, configuredPriority: 0, ingressEnabled: false } });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'info', remediation: null, node: null });
    expect(fs[0]!.message).toContain('nothing for other classifiers to hide');
  });

  it('ingress disabled -> info: only egress is audited', () => {
    const fs = run({ agent: { ingressEnabled: false } });
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe('info');
    expect(fs[0]!.message).toContain('only egress');
  });

  describe('an agent version that hard-codes pref 1 (7.36.0-7.39.1)', () => {
    const later = { ...recommendation('set-priority', 4) };
    const up = { ...recommendation('keep', 1), afterUpgrade: { agentVersion: '7.39.2', recommendation: later } };
    const old = { agentVersion: '7.37.0', hardCodedPriority: 1, classifierPriority: 1, source: 'agent-version' as const };

    it('a warning: the pref is fixed, the setting is not read, and the upgrade is the fix with the value to set', () => {
      const trace = [{ key: 'runtime_security_config.network.classifier_priority', value: '4', from: 'system-probe.yaml' as const, file: '/etc/dd/system-probe.yaml', setting: 'priority' as const, used: false, ignoredBecause: 'agent-version' as const }];
      const [f] = run({ agent: { ...old, configuredPriority: 4, trace }, recommendation: up });
      expect(f!.severity).toBeUndefined(); // warning
      expect(f!.message).toBe('agent 7.37.0 attaches at pref 1 whatever its configuration says (versions 7.36.0 to 7.39.1), so runtime_security_config.network.classifier_priority (/etc/dd/system-probe.yaml) is not applied; these versions are the agent side of the known pref 1 / handle 0x1 race with Cilium 1.9 and older.');
      expect(f!.remediation).toBe('upgrade the agent to 7.39.2 or later and set runtime_security_config.network.classifier_priority: 4 in /etc/dd/system-probe.yaml (it sets the key there, over any environment variable) with it (the priority it would attach at otherwise is not safe here)');
    });

    it('a configured 0 is not read either: no library-fallback warning', () => {
      const fs = run({ agent: { ...old, configuredPriority: 0 }, recommendation: up });
      expect(fs).toHaveLength(1);
      expect(fs[0]!.message).not.toContain('pref 50');
    });

    it.each([
      ['keep', recommendation('keep', 10), 'upgrade the agent to 7.39.2 or later; it then attaches at pref 10, which the answer after the upgrade keeps'],
      ['disable-network', recommendation('disable-network'), 'upgrade the agent to 7.39.2 or later; even then no classifier_priority is safe here: set runtime_security_config.network.enabled: false (env DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED=false)'],
      ['unknown', recommendation('unknown'), 'upgrade the agent to 7.39.2 or later; what it can see then cannot be told from this input (see the recommendation)'],
    ])('after the upgrade: %s', (_n, after, remedy) => {
      const [f] = run({ agent: old, recommendation: { ...recommendation('keep', 1), afterUpgrade: { agentVersion: '7.39.2', recommendation: after } } });
      expect(f!.remediation).toBe(remedy);
    });
  });
});

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
});

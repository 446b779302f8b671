import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/agentPriorityMismatch.js';
import { agentFilter, analysisOf, ctx, hook } from '../../helpers/analysisBuilders.js';

const one = analysisOf(hook({ filters: [agentFilter()] }));

describe('agent-priority-mismatch', () => {
  it.each([
    ['default source: nothing configured to compare', { source: 'default' as const, observedPriorities: [1] }, 0],
    ['observed source', { source: 'observed' as const, classifierPriority: 1, observedPriorities: [1] }, 0],
    ['flag 5, observed 10', { source: 'flag' as const, configuredPriority: 5, classifierPriority: 5, observedPriorities: [10] }, 1],
    ['file 10, observed 10', { source: 'system-probe.yaml' as const, configuredPriority: 10, observedPriorities: [10] }, 0],
    ['configured 0 means 50, observed 50', { source: 'env' as const, configuredPriority: 0, classifierPriority: 50, observedPriorities: [50] }, 0],
    ['configured 0, observed 10', { source: 'env' as const, configuredPriority: 0, classifierPriority: 50, observedPriorities: [10] }, 1],
    ['configured but no agent filter seen', { source: 'flag' as const, configuredPriority: 5, observedPriorities: [] }, 0],
  ])('%s', (_n, agent, n) => expect(rule.check(one, ctx({ agent }))).toHaveLength(n));

  it('says which is configured and which observed', () => {
    const [f] = rule.check(one, ctx({ agent: { source: 'helm-values', configuredPriority: 5, classifierPriority: 5, observedPriorities: [10] } }));
    expect(f!.message).toMatch(/configured as 5 \(from helm-values\), but the agent's filters were seen at pref 10/);
    expect(f!.remediation).toContain('restart system-probe');
  });

  it('agent filters at two prefs on one node', () => {
    const a = analysisOf(hook({ device: 'lxc1', filters: [agentFilter({ pref: 1 }), agentFilter()] }), hook({ device: 'eth0', filters: [agentFilter()] }));
    const fs = rule.check(a, ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ node: 'node-a', interface: null });
    expect(fs[0]!.message).toContain('2 different prefs on this node (1, 10)');
    expect(fs[0]!.remediation).toContain('pref 1');
  });
});

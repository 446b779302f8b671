import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/agentPriorityMismatch.js';
import { agentFilter, analysisOf, ctx, foreign, hook, node, recommendation } from '../../helpers/analysisBuilders.js';

const one = analysisOf(hook({ filters: [agentFilter()] }));

describe('agent-priority-mismatch', () => {
  it.each([
    ['default source: nothing configured to compare', { source: 'default' as const, observedPriorities: [1] }, 0],
    ['observed source', { source: 'observed' as const, classifierPriority: 10, observedPriorities: [10] }, 0],
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

  it('--agent-priority is tc-audit\'s assumption: the fix is to configure it, not to restart', () => {
    const [f] = rule.check(one, ctx({ agent: { source: 'flag', configuredPriority: 3, classifierPriority: 3, observedPriorities: [10] } }));
    expect(f!.message).toContain('assumed as 3 (from --agent-priority)');
    expect(f!.remediation).toContain("set classifier_priority: 3 in the agent's configuration");
  });

  it('never advises restarting into a value the recommendation rejects (0 means pref 50)', () => {
    const [f] = rule.check(one, ctx({ agent: { source: 'env', configuredPriority: 0, classifierPriority: 50, observedPriorities: [10] }, recommendation: recommendation('set-priority', 4) }));
    expect(f!.remediation).toMatch(/^set classifier_priority to 4, the recommended value/);
  });

  it('under a disable-network answer, no restart into any priority is advised', () => {
    const [f] = rule.check(one, ctx({ agent: { source: 'env', configuredPriority: 5, classifierPriority: 5, observedPriorities: [10] }, recommendation: recommendation('disable-network') }));
    expect(f!.remediation).toMatch(/^no classifier_priority is safe on this node/);
  });

    it('network detection configured off while the agent\'s classifiers are attached, and ingress off while ingress ones are', () => {
    expect(rule.check(one, ctx({ agent: { networkEnabled: false, observedPriorities: [10] } }))[0]!.message).toMatch(/^network detection is configured off, but the agent's classifiers were seen at pref 10/);
    const ingress = analysisOf(hook({ direction: 'ingress', filters: [agentFilter()] }));
    expect(rule.check(ingress, ctx({ agent: { ingressEnabled: false } }))[0]!.message).toMatch(/^ingress network detection is configured off/);
  });

    it('agent filters at two prefs on one node', () => {
    const a = analysisOf(hook({ device: 'lxc1', filters: [agentFilter({ pref: 1 }), agentFilter()] }), hook({ device: 'eth0', filters: [agentFilter()] }));
    const fs = rule.check(a, ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ node: 'node-a', interface: null });
    expect(fs[0]!.message).toContain('2 different prefs on this node (1, 10)');
    expect(fs[0]!.remediation).toContain('pref 1');
  });

  describe('an agent version that hard-codes pref 1 (7.36.0-7.39.1)', () => {
    const old = { agentVersion: '7.38.0', configuredPriority: null, observedPriorities: [10] };
    it('its filters seen only elsewhere: not that version, and tc-audit reasons with what runs', () => {
      // (agentPriority.ts has then dropped the version's pref for the observed one.)
      const [f] = rule.check(one, ctx({ agent: { ...old, source: 'observed', classifierPriority: 10, hardCodedPriority: null } }));
      expect(f!.message).toBe("agent 7.38.0 attaches at pref 1 whatever its configuration says (versions before 7.39.2), but the agent's filters were seen at pref 10: the running agent is not that version, and tc-audit reasons with pref 10 (where its filters are), as for an agent that reads its configuration.");
      expect(f!.remediation).toContain('--agent-version');
    });
    it('seen at 1 and elsewhere: the others were left by another agent', () => {
      const [f] = rule.check(one, ctx({ agent: { ...old, source: 'agent-version', classifierPriority: 1, hardCodedPriority: 1, observedPriorities: [1, 10] } }));
      expect(f!.message).toContain('filters at another pref were left by another agent; tc-audit reasons with pref 1');
    });
    it('seen at 1 only, or a version that reads the setting: nothing to say about the version', () => {
      expect(rule.check(one, ctx({ agent: { ...old, source: 'agent-version', classifierPriority: 1, hardCodedPriority: 1, observedPriorities: [1] } }))).toEqual([]);
      expect(rule.check(one, ctx({ agent: { agentVersion: '7.39.2', source: 'observed', classifierPriority: 10, observedPriorities: [10] } }))).toEqual([]);
    });
  });

  it('a node whose agent runs only elsewhere than the highest pref seen across the inputs: named', () => {
    const two = { nodes: [node([hook({ filters: [agentFilter({ pref: 3 })] })], { name: 'nB' }), node([hook({ filters: [agentFilter({ pref: 10 })] })], { name: 'nA' })] };
    const fs = rule.check(two, ctx({ agent: { source: 'observed', classifierPriority: 10, observedPriorities: [3, 10] } }));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ node: 'nB' });
    expect(fs[0]!.message).toBe("The agent's filters on this node sit at pref 3, not at 10, the highest pref they were seen at across the inputs, which tc-audit reasons with: the agents of these nodes run at different prefs, and what hides traffic from this node's agent now is not what the answer weighs.");
    expect(fs[0]!.remediation).toContain('apply classifier_priority: 10 on every node');
    // The answer's value when it sets one.
    const set = rule.check(two, ctx({ agent: { source: 'observed', classifierPriority: 10, observedPriorities: [3, 10] }, recommendation: recommendation('set-priority', 4) }));
    expect(set[0]!.remediation).toContain('apply classifier_priority: 4 on every node');
    // A configured priority is agent-priority-mismatch's other case; off, nothing to roll out.
    expect(rule.check(two, ctx({ agent: { source: 'observed', classifierPriority: 10, observedPriorities: [3, 10], networkEnabled: false } })).map((f) => f.message)).not.toContainEqual(expect.stringContaining('across the inputs'));
  });

  it("an error when the agent's filters where they sit now see no traffic", () => {
    const blindHook = hook({ filters: [foreign(5, 'always'), agentFilter({ pref: 10, reaches: { ipv4: false, ipv6: false, other: false } })] });
    const fs = rule.check(analysisOf(blindHook), ctx({ agent: { source: 'flag', classifierPriority: 4, configuredPriority: 4, observedPriorities: [10] } }));
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe('error');
    expect(fs[0]!.message).toContain('no traffic reaches them (a classifier before them ends the walk): network detection is blind there until the agent runs at pref 4');
    const seeing = hook({ filters: [agentFilter({ pref: 10 })] });
    expect(rule.check(analysisOf(seeing), ctx({ agent: { source: 'flag', classifierPriority: 4, configuredPriority: 4, observedPriorities: [10] } }))[0]!.severity).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/legacyIngressQdisc.js';
import { analysisOf, ctx, hook } from '../../helpers/analysisBuilders.js';

describe('legacy-ingress-qdisc', () => {
  it.each([
    ['egress hook of a device with the ingress qdisc', { direction: 'egress' as const, ingressQdisc: true }, 1],
    ["its ingress hook: the agent's ingress classifier works there", { direction: 'ingress' as const, ingressQdisc: true }, 0],
    ['clsact', { direction: 'egress' as const, ingressQdisc: false }, 0],
    ['not known (offline dumps)', { direction: 'egress' as const, ingressQdisc: null }, 0],
  ])('%s', (_n, o, n) => expect(rule.check(analysisOf(hook(o)), ctx())).toHaveLength(n));

  it('is an error on the hook, and no priority is offered as the fix', () => {
    const [f] = rule.check(analysisOf(hook({ direction: 'egress', ingressQdisc: true })), ctx());
    expect(rule.severity).toBe('error');
    expect(f).toMatchObject({ node: 'node-a', interface: 'lxc1', direction: 'egress', filter: null });
    expect(f!.message).toContain("none of the device's outgoing traffic is seen, whatever classifier_priority says");
    expect(f!.remediation).toMatch(/^replace the ingress qdisc with clsact/);
  });

  it('says nothing where the agent attaches no classifiers', () => {
    expect(rule.check(analysisOf(hook({ direction: 'egress', ingressQdisc: true })), ctx({ agent: { networkEnabled: false } }))).toEqual([]);
  });
});

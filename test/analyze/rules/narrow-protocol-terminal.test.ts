import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/narrowProtocolTerminal.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, ctx, foreign, hook, recommendation } from '../../helpers/analysisBuilders.js';

const run = (f: AnalyzedFilter, cx = ctx({ recommendation: recommendation('set-priority', 4) })) =>
  rule.check(analysisOf(hook({ device: 'eth0', filters: [f, agentFilter()] })), cx);

describe('narrow-protocol-terminal', () => {
  it.each([
    ['protocol ip hides IPv4 only', foreign(5, 'always', { protocol: 'ip' }), /only for IPv4 traffic.*IPv6 and non-IP traffic/],
    ['protocol ipv6 hides IPv6 only', foreign(5, 'always', { protocol: 'ipv6' }), /only for IPv6 traffic.*IPv4 and non-IP/],
    ['protocol arp', foreign(5, 'sometimes', { protocol: 'arp' }), /only for arp frames/],
    ['pref 1 protocol ip (KubeSkoop)', foreign(1, 'always', { protocol: 'ip', vendor: 'kubeskoop' }), /IPv4/],
  ])('%s', (_n, f, re) => {
    const fs = run(f);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(re);
  });

  it.each([
    ['protocol all', foreign(5, 'always')],
    ['protocol unknown', foreign(5, 'always', { protocol: null })],
    ['after the agent', foreign(11, 'always', { protocol: 'ip' })],
    ['never', foreign(5, 'never', { protocol: 'ip' })],
    ['unknown verdict', foreign(5, 'unknown', { protocol: 'ip' })],
  ])('no finding: %s', (_n, f) => expect(run(f)).toHaveLength(0));

  it('remediation: set-priority before pref 2+, disable-network at pref 1', () => {
    expect(run(foreign(5, 'always', { protocol: 'ip' }))[0]!.remediation).toContain('classifier_priority: 4');
    expect(run(foreign(1, 'always', { protocol: 'ip' }))[0]!.remediation).toContain('network.enabled: false');
  });
});

describe('narrow-protocol-terminal and VLAN protocols', () => {
  it('a filter of protocol 802.1Q is what matches tagged frames: not said to let them through', () => {
    const [f] = rule.check(analysisOf(hook({ filters: [foreign(5, 'always', { protocol: '802.1Q' }), agentFilter()] })), ctx());
    expect(f!.message).not.toContain('VLAN-tagged frames');
    const [g] = rule.check(analysisOf(hook({ filters: [foreign(5, 'always', { protocol: 'ip' }), agentFilter()] })), ctx());
    expect(g!.message).toContain('(and VLAN-tagged frames) still reach the agent');
  });
});

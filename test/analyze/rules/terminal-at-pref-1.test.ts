import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/terminalAtPref1.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, cilium, ctx, foreign, hook, recommendation, NONE } from '../../helpers/analysisBuilders.js';

const c = ctx({ recommendation: recommendation('disable-network') });
const run = (f: AnalyzedFilter, o: Parameters<typeof hook>[0] = {}, cx = c) =>
  rule.check(analysisOf(hook({ filters: [f, agentFilter()], ...o })), cx);

describe('terminal-at-pref-1', () => {
  it.each([
    ['cilium always at pref 1', cilium(), 1],
    ['sometimes at pref 1', foreign(1, 'sometimes'), 1],
    ['always at pref 2', foreign(2, 'always'), 0],
    ['never at pref 1', foreign(1, 'never'), 0],
    ['unknown at pref 1 (its own rule)', foreign(1, 'unknown'), 0],
    ['the agent itself at pref 1', agentFilter({ pref: 1 }), 0],
    ['non-bpf at pref 1', foreign(1, 'always', { kind: 'matchall' }), 0],
    ['pref unknown', foreign(null, 'always'), 0],
    ['chain 5 never jumped to', foreign(1, 'always', { chain: 5, reaches: NONE }), 0],
  ])('%s', (_name, f, n) => {
    expect(run(f)).toHaveLength(n);
  });

  it('says "inside containers" on a pod veth, not on eth0', () => {
    expect(run(cilium(), { device: 'lxc9f3a' })[0]!.message).toContain('inside containers');
    expect(run(cilium(), { device: 'cali12ab' })[0]!.message).toContain('inside containers');
    expect(run(cilium(), { device: 'eth0' })[0]!.message).not.toContain('inside containers');
  });

  it('carries location, filter ref and dump line; remediation disables network or moves the vendor', () => {
    const [f] = run(cilium({ line: 3 }));
    expect(f).toMatchObject({
      node: 'node-a', netns: 'host', interface: 'lxc1', direction: 'ingress',
      filter: { pref: 1, handle: '0x1', kind: 'bpf', vendor: 'cilium', progId: 12, name: 'cil_from_container-lxc1' },
      source: { file: 'node-a.tc.txt', line: 3 },
    });
    expect(f!.message).toMatch(/^Cilium \(cil_from_contai\) at pref 1 always ends the walk/);
    expect(f!.remediation).toContain('runtime_security_config.network.enabled: false');
    expect(f!.remediation).toContain('DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED=false');
    expect(f!.remediation).toContain('--bpf-filter-priority');
  });

  it('ignores ingress hooks when ingress is disabled, and everything when network is off', () => {
    expect(run(cilium(), {}, ctx({ agent: { ingressEnabled: false } }))).toHaveLength(0);
    expect(run(cilium(), { direction: 'egress' }, ctx({ agent: { ingressEnabled: false } }))).toHaveLength(1);
    expect(run(cilium(), {}, ctx({ agent: { networkEnabled: false } }))).toHaveLength(0);
  });

  it('counts a hook with no direction (the agent may use it)', () => {
    expect(run(cilium(), { direction: null }, ctx({ agent: { ingressEnabled: false } }))).toHaveLength(1);
  });

  it("the vendor's setting, said missing where its known version lacks it", () => {
    const a = analysisOf(hook({ filters: [cilium(), agentFilter()] }));
    expect(rule.check(a, ctx())[0]!.remediation).toContain('--bpf-filter-priority');
    expect(rule.check(a, ctx())[0]!.remediation).not.toContain('not in');
    expect(rule.check(a, ctx({ agent: { cniVersion: 'cilium:1.9.4' } }))[0]!.remediation).toContain('(not in 1.9.4, which this node runs: the setting came with >=1.12.0; upgrade first)');
  });
});

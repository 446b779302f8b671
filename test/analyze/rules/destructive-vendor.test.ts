import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/destructiveVendor.js';
import type { Analysis } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, cilium, ctx, foreign, hook, node, tcx } from '../../helpers/analysisBuilders.js';

describe('destructive-vendor', () => {
  it('one finding per (node, vendor, hazard), however many hooks carry the vendor', () => {
    const hooks = Array.from({ length: 300 }, (_, i) => hook({ device: `lxc${i}`, filters: [foreign(1, 'never', { vendor: 'retina' }), agentFilter()] }));
    const fs = rule.check(analysisOf(...hooks), ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ node: 'node-a', netns: null, interface: null, filter: null });
    expect(fs[0]!.message).toContain('Microsoft Retina');
    expect(fs[0]!.message).toContain('all known versions');
    expect(fs[0]!.message).toContain('clsact');
  });

  it('names the affected version range from the knowledge base', () => {
    const fs = rule.check(analysisOf(hook({ filters: [foreign(1, 'always', { vendor: 'aws-network-policy-agent' })] })), ctx());
    expect(fs.map((f) => f.message)).toEqual([expect.stringContaining('versions >=1.4.0')]);
    expect(fs[0]!.message).toContain('handle 0x1');
  });

  it("against a delete of any handle 0x1 filter: the agent's classifier_handle, and whether its classifiers sit at 0x1", () => {
    const aws = foreign(1, 'always', { vendor: 'aws-network-policy-agent' });
    const seen = rule.check(analysisOf(hook({ filters: [aws, agentFilter({ handle: '0x1' })] })), ctx());
    expect(seen[0]!.remediation).toContain('classifier_handle: 2 (env DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_HANDLE=2)');
    expect(seen[0]!.remediation).toContain('raw_classifier_handle');
    expect(seen[0]!.remediation).toContain('its classifiers seen here at handle 0x1 go whenever this vendor detaches');
    // The default handle (0) gets 0x1 from the kernel at a fresh pref: still advised.
    const unseen = rule.check(analysisOf(hook({ filters: [aws] })), ctx({ agent: { rawPacketEnabled: false } }));
    expect(unseen[0]!.remediation).toContain('classifier_handle: 2');
    expect(unseen[0]!.remediation).not.toContain('raw_classifier_handle');
    // An agent 7.36.0-7.39.1 reads no handle setting: the upgrade first.
    const old = rule.check(analysisOf(hook({ filters: [aws, agentFilter({ handle: '0x1' })] })), ctx({ agent: { agentVersion: '7.38.0', hardCodedPriority: 1 } }));
    expect(old[0]!.remediation).toMatch(/^upgrade the agent to 7\.39\.2 or later \(7\.38\.0 reads no classifier_handle\) and give the agent's classifiers a handle other than 0x1/);
    // A handle set elsewhere and no classifier at 0x1: nothing to move.
    const moved = rule.check(analysisOf(hook({ filters: [aws, agentFilter({ handle: '0x5' })] })), ctx({ agent: { classifierHandle: 5 } }));
    expect(moved[0]!.remediation).toContain('re-run tc-audit');
  });

  it('cilium, version not given: its two destructive hazards (of exclusive ranges) in one finding, and not the collision hazard', () => {
    const fs = rule.check(analysisOf(hook({ filters: [cilium()] })), ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(/^Cilium, depending on its version \(not given\): /);
    expect(fs[0]!.message).toContain('versions <1.6.0: it deletes the clsact qdisc');
    expect(fs[0]!.message).toContain('versions >=1.16.0: it deletes every legacy filter');
    expect(fs[0]!.remediation).toContain('--cni-version cilium:X.Y.Z');
  });

  it('skips hazards whose range excludes the known CNI version', () => {
    const fs = rule.check(analysisOf(hook({ filters: [cilium()] })), ctx({ agent: { cniVersion: 'cilium 1.15.3' } }));
    expect(fs).toHaveLength(0);
    const newer = rule.check(analysisOf(hook({ filters: [cilium()] })), ctx({ agent: { cniVersion: 'cilium 1.16.2' } }));
    expect(newer).toHaveLength(1);
    expect(newer[0]!.message).toContain('this node runs 1.16.2');
  });

  it('sees vendors in tcx too, and nothing for vendors without hazards', () => {
    expect(rule.check(analysisOf(hook({ tcx: [tcx({ vendor: 'calico', terminal: 'sometimes' })] })), ctx())).toHaveLength(1);
    expect(rule.check(analysisOf(hook({ filters: [agentFilter(), foreign(1, 'never', { vendor: 'beyla' })] })), ctx())).toHaveLength(0);
  });

  it('per node', () => {
    const a: Analysis = { nodes: [node([hook({ filters: [foreign(1, 'never', { vendor: 'retina' })] })], { name: 'a' }), node([hook({ filters: [foreign(1, 'never', { vendor: 'retina' })] })], { name: 'b' })] };
    expect(rule.check(a, ctx()).map((f) => f.node)).toEqual(['a', 'b']);
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/agentPrefCollision.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, cilium, ctx, foreign, hook, recommendation } from '../../helpers/analysisBuilders.js';

const run = (fs: AnalyzedFilter[], cx = ctx()) => rule.check(analysisOf(hook({ filters: fs })), cx);
const old = { agentVersion: '7.37.1', cniVersion: 'cilium 1.9.3' };

describe('agent-pref-collision', () => {
  it.each([
    ['foreign filter at the agent pref', [foreign(10, 'never'), agentFilter()], 1],
    ['cilium and agent both at pref 1', [agentFilter({ pref: 1, handle: '0x2' }), cilium()], 1],
    ['different prefs', [cilium(), agentFilter()], 0],
    ['raw-packet and main agent classifiers share a pref (same vendor)', [agentFilter(), agentFilter({ handle: '0x2', progName: 'classifier_raw_' })], 0],
    ['foreign pref unknown', [foreign(null, 'always'), agentFilter()], 0],
  ])('%s', (_n, fs, n) => expect(run(fs)).toHaveLength(n));

  it('on a hook the configuration says the agent does not attach to: a warning that says so, not hidden', () => {
    const fs = [agentFilter({ pref: 1, handle: '0x2' }), cilium()];
    const [off] = run(fs, ctx({ agent: { networkEnabled: false } }));
    expect(off).toMatchObject({ severity: 'warning' });
    expect(off!.message).toContain('the configuration says the agent does not attach to this hook, yet its filter is here');
    expect(run(fs)[0]!.severity).toBeUndefined(); // on a configured hook: the rule's own error
  });

    it('names the versions at risk of the known race', () => {
    const [f] = run([agentFilter({ pref: 1, handle: '0x2' }), cilium()], ctx({ agent: old, recommendation: recommendation('disable-network') }));
    expect(f!.message).toContain("known race: agent 7.36–7.39.1 with Cilium 1.9 and older could cut a new pod's connectivity");
    expect(f!.message).toContain('agent 7.37.1 is in the affected range');
    expect(f!.message).toContain('Cilium 1.9.3 is in the affected range');
    expect(f!.remediation).toContain('upgrade the agent to 7.39.2 or later');
  });

  it.each([
    ['agent 7.39.2 and Cilium 1.10 are fixed', { agentVersion: '7.39.2', cniVersion: 'cilium 1.10.0' }, false],
    ['agent 7.36.0 is the first affected', { agentVersion: '7.36.0', cniVersion: null }, true],
    ['agent 7.35.9 predates it', { agentVersion: '7.35.9', cniVersion: null }, false],
    ['Cilium v1.9 alone', { agentVersion: null, cniVersion: 'Cilium v1.9' }, true],
    ['a CNI that is not Cilium', { agentVersion: null, cniVersion: 'calico 1.9.0' }, false],
  ])('version boundary: %s', (_n, versions, named) => {
    const [f] = run([foreign(10, 'never', { vendor: 'cilium' }), agentFilter()], ctx({ agent: versions }));
    expect(f!.message.includes('affected range')).toBe(named);
  });

  it('without versions, still names the race for the pref 1 / handle 0x1 shape', () => {
    const [f] = run([agentFilter({ pref: 1, handle: '0x2' }), cilium()]);
    expect(f!.message).toContain('pref 1 / handle 0x1 is the shape of the known race');
  });

  it('remediation: the recommended value, else a free pref below the agent', () => {
    expect(run([foreign(10, 'never'), agentFilter()], ctx({ recommendation: recommendation('set-priority', 4) }))[0]!.remediation)
      .toMatch(/^set runtime_security_config\.network\.classifier_priority: 4/);
    expect(run([foreign(10, 'never'), foreign(9, 'never', { handle: '0x3' }), agentFilter()])[0]!.remediation)
      .toContain('classifier_priority: 8');
    expect(run([foreign(1, 'never'), agentFilter({ pref: 1 })], ctx({ agent: { classifierPriority: 1 } }))[0]!.remediation)
      .toContain('network.enabled: false');
    // Never a free pref the recommendation rejects: where no pref is safe, the same answer.
    expect(run([foreign(10, 'never'), agentFilter()], ctx({ recommendation: recommendation('disable-network') }))[0]!.remediation)
      .toBe('set runtime_security_config.network.enabled: false (env DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED=false)');
  });

  it('points at the foreign filter and its dump line', () => {
    const [f] = run([agentFilter({ pref: 1, handle: '0x2' }), cilium({ line: 7 })]);
    expect(f).toMatchObject({ filter: { vendor: 'cilium', pref: 1, handle: '0x1' }, source: { line: 7 } });
  });

  it('an agent that reads no priority leaves pref 1 only by the upgrade, with what to set then', () => {
    const up = { ...recommendation('disable-network'), afterUpgrade: { agentVersion: '7.39.2', recommendation: recommendation('set-priority', 4) } };
    const [f] = run([agentFilter({ pref: 1, handle: '0x2' }), foreign(1, 'never', { vendor: 'cilium' })], ctx({ agent: { ...old, hardCodedPriority: 1, classifierPriority: 1, source: 'agent-version' }, recommendation: up }));
    expect(f!.remediation).toBe('upgrade the agent to 7.39.2 or later and set runtime_security_config.network.classifier_priority: 4 (env DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=4) with it (the priority it would attach at otherwise is not safe here)');
  });
});

describe('agent-pref-collision and chains', () => {
  it('a filter at the agent\'s pref in another chain shares nothing with it', () => {
    const other = foreign(10, 'never');
    const inChain5 = { ...other, filter: { ...other.filter, chain: 5 } };
    expect(rule.check(analysisOf(hook({ filters: [inChain5, agentFilter()] })), ctx())).toHaveLength(0);
    expect(rule.check(analysisOf(hook({ filters: [other, agentFilter()] })), ctx())).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/terminalTcx.js';
import type { AnalyzedTcx } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, ctx, hook, recommendation, tcx } from '../../helpers/analysisBuilders.js';

const c = ctx({ recommendation: recommendation('disable-network') });
const run = (p: AnalyzedTcx, o: Parameters<typeof hook>[0] = {}, cx = c) =>
  rule.check(analysisOf(hook({ filters: [agentFilter()], tcx: [p], ...o })), cx);

describe('terminal-tcx', () => {
  it.each([
    ['always', tcx({ terminal: 'always' }), 'error'],
    ['sometimes', tcx({ terminal: 'sometimes', vendor: 'calico', name: 'cali_tc_preamble' }), 'error'],
    ['unknown -> warning', tcx({ terminal: 'unknown', vendor: 'unknown', name: 'x' }), 'warning'],
    ['netkit always', tcx({ terminal: 'always', attach: 'netkit' }), 'error'],
  ])('%s', (_n, p, severity) => {
    const fs = run(p);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity ?? rule.severity).toBe(severity);
    expect(fs[0]!.filter).toMatchObject({ pref: null, kind: p.attach, progId: p.program.id });
  });

  it.each([
    ['never (NEXT)', tcx({ terminal: 'never', vendor: 'retina' })],
    ["the agent's own program", tcx({ vendor: 'datadog' })],
    // An earlier tcx program stopped the chain (returned a value other than -1): none reach it.
    ['unreached', { ...tcx({ terminal: 'always' }), reaches: { ipv4: false, ipv6: false, other: false } }],
  ])('no finding: %s', (_n, p) => expect(run(p)).toHaveLength(0));

  it('says no priority helps and "may" when unknown', () => {
    expect(run(tcx())[0]!.message).toMatch(/cannot see .* whatever its classifier_priority/);
    expect(run(tcx({ terminal: 'unknown' }))[0]!.message).toContain('may not see');
    expect(run(tcx())[0]!.remediation).toContain('runtime_security_config.network.enabled: false');
  });

  it('only hooks the agent uses', () => {
    expect(run(tcx(), {}, ctx({ agent: { ingressEnabled: false } }))).toHaveLength(0);
    expect(run(tcx(), { direction: 'egress' }, ctx({ agent: { ingressEnabled: false } }))).toHaveLength(1);
  });

  it('an unknown verdict: how to learn it comes first, then what to do if it ends the walk', () => {
    const [f] = rule.check(analysisOf(hook({ filters: [agentFilter()], tcx: [tcx({ terminal: 'unknown', vendor: 'unknown', name: 'x' })] })), ctx());
    expect(f!.severity).toBe('warning');
    expect(f!.remediation).toMatch(/^learn what it returns first: run a live audit .* --assume unknown=unspec \(returns TCX_NEXT: no concern\) .*; if it may end the walk: set runtime_security_config\.network\.enabled: false/);
  });

  it("a Cilium tcx program: the vendor's way out is its tcx setting first", () => {
    const [f] = rule.check(analysisOf(hook({ filters: [agentFilter()], tcx: [tcx({ vendor: 'cilium' })] })), ctx());
    expect(f!.remediation).toContain('or move Cilium instead: set bpf.enableTCX=false');
  });
});

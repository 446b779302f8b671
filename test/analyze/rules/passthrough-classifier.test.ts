import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/passthroughClassifier.js';
import { agentFilter, analysisOf, ctx, foreign, hook, tcx } from '../../helpers/analysisBuilders.js';

describe('passthrough-classifier', () => {
  it.each([
    ['Retina at pref 1 returning UNSPEC', foreign(1, 'never', { vendor: 'retina', progName: 'endpoint_ingres' }), 1],
    ['unspec vendor after the agent', foreign(20, 'never'), 1],
    ['terminal vendor', foreign(1, 'always'), 0],
    ['unknown verdict', foreign(1, 'unknown'), 0],
    ["the agent's own filter", agentFilter(), 0],
    ['non-bpf that continues', foreign(3, 'never', { kind: 'u32' }), 0],
  ])('%s', (_n, f, n) => expect(rule.check(analysisOf(hook({ filters: [f] })), ctx())).toHaveLength(n));

  it('covers tcx programs that return NEXT', () => {
    const fs = rule.check(analysisOf(hook({ tcx: [tcx({ vendor: 'beyla', terminal: 'never', name: 'beyla_app_egress' })] })), ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toContain('NEXT');
  });

  it('a tcx program that returns something other than -1 is said to skip the tcx programs after it, not to return NEXT', () => {
    const p = { ...tcx({ terminal: 'never', vendor: 'unknown', name: 'stopper' }), verdict: { ...tcx({ terminal: 'never' }).verdict, returnCodes: [3] } };
    const [f] = rule.check(analysisOf(hook({ filters: [agentFilter()], tcx: [p] })), ctx());
    expect(f!.message).toContain('a value other than -1 skips the tcx programs after it');
    expect(f!.message).not.toContain('always returns NEXT');
  });

    it('is info and says no concern', () => {
    const [f] = rule.check(analysisOf(hook({ filters: [foreign(1, 'never', { vendor: 'retina' })] })), ctx());
    expect(rule.severity).toBe('info');
    expect(f!.message).toContain('no concern');
    expect(f!.remediation).toBeNull();
  });

  it('says what the codes are when they are not UNSPEC, and the version range a knowledge-base verdict holds for', () => {
    const pipe = foreign(3, 'never');
    const [f] = rule.check(analysisOf(hook({ filters: [{ ...pipe, verdict: { ...pipe.verdict, returnCodes: [3] } }] })), ctx());
    expect(f!.message).toContain('(returns 3, values that continue the walk)');
    const kb = foreign(1, 'never', { vendor: 'retina' });
    const withRange = { ...kb, verdict: { ...kb.verdict, evidence: ['knowledge base, retina (verified): returns UNSPEC (holds for versions >=0.0.8; version not given, --cni-version to check)'] } };
    const [w] = rule.check(analysisOf(hook({ filters: [withRange] })), ctx());
    expect(w!.message).toContain('no concern (the knowledge base says so for versions >=0.0.8; --cni-version confirms it for this node)');
    // Retina before 0.0.8 returned OK: unconfirmed, it is a warning that says how to confirm.
    expect(w!.severity).toBe('warning');
    expect(w!.message).toContain('Other versions end the walk (before v0.0.8 packetparser returned TC_ACT_OK (retina#252))');
    expect(w!.remediation).toContain('--cni-version (e.g. retina:X.Y.Z)');
  });
});

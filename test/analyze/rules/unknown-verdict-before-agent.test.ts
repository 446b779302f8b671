import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/unknownVerdictBeforeAgent.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, ctx, foreign, hook } from '../../helpers/analysisBuilders.js';

const run = (f: AnalyzedFilter, cx = ctx()) => rule.check(analysisOf(hook({ filters: [f, agentFilter()] })), cx);

describe('unknown-verdict-before-agent', () => {
  it.each([
    ['pref 1', foreign(1, 'unknown'), 1],
    ['pref 2', foreign(2, 'unknown'), 1],
    ['pref P', foreign(10, 'unknown'), 1],
    ['pref P+1', foreign(11, 'unknown'), 0],
    ['pref unknown (pref-unknown instead)', foreign(null, 'unknown'), 0],
    ['known verdict', foreign(5, 'always'), 0],
    ['non-bpf', foreign(5, 'unknown', { kind: 'flower' }), 0],
  ])('%s', (_n, f, n) => expect(run(f)).toHaveLength(n));

  it('tells how to resolve it with the vendor id', () => {
    const [f] = run(foreign(3, 'unknown', { vendor: 'beyla' }));
    expect(f!.message).toContain('treats it as ending the walk');
    expect(f!.remediation).toContain('live audit');
    expect(f!.remediation).toContain('--assume beyla=unspec');
    expect(f!.remediation).toContain('--assume beyla=ok');
  });

  it('ingress disabled: no finding on ingress', () => {
    expect(run(foreign(3, 'unknown'), ctx({ agent: { ingressEnabled: false } }))).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/terminalAfterAgent.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, ctx, foreign, hook } from '../../helpers/analysisBuilders.js';

const run = (f: AnalyzedFilter, cx = ctx()) => rule.check(analysisOf(hook({ filters: [agentFilter(), f] })), cx);

describe('terminal-after-agent', () => {
  it.each([
    ['pref P', foreign(10, 'always'), 0],
    ['pref P+1', foreign(11, 'always'), 1],
    ['kernel-assigned pref, sometimes (Calico)', foreign(49152, 'sometimes', { vendor: 'calico' }), 1],
    ['pref P+1 never (passthrough instead)', foreign(11, 'never'), 0],
    ['pref P+1 unknown', foreign(11, 'unknown'), 0],
    ['agent at P+1', agentFilter({ pref: 11 }), 0],
  ])('%s', (_n, f, n) => expect(run(f)).toHaveLength(n));

  it('is info with no remediation', () => {
    const [f] = run(foreign(20, 'always'));
    expect(rule.severity).toBe('info');
    expect(f!.remediation).toBeNull();
    expect(f!.message).toContain('no concern');
  });

  it('skips ingress hooks when ingress is disabled', () => {
    expect(run(foreign(20, 'always'), ctx({ agent: { ingressEnabled: false } }))).toHaveLength(0);
  });

  describe('an agent that hard-codes pref 1 (7.36.0-7.39.1)', () => {
    const upgraded = (p: number) => ({ classifierPriority: p, configuredPriority: p === 10 ? null : p, source: 'default' as const, ingressEnabled: true, classifierHandle: null });
    const old = (later = 10) => ctx({ agent: { agentVersion: '7.38.0', hardCodedPriority: 1, classifierPriority: 1, source: 'agent-version', upgraded: upgraded(later) } });
    it('no concern only until the upgrade puts the agent at the default 10, behind the vendor', () => {
      expect(run(foreign(5, 'always'), old())[0]!.message).toMatch(/runs after the agent's classifier at pref 1: no concern while the agent reads no classifier_priority; upgraded, it attaches at pref 10, after this one \(see the answer after the upgrade\)\.$/);
      expect(run(foreign(4, 'always'), old(4))[0]!.message).toContain('upgraded, it attaches at pref 4, beside this one');
    });
    it('a vendor after the upgraded agent\'s pref is no concern either way', () => {
      expect(run(foreign(20, 'always'), old())[0]!.message).toMatch(/at pref 1: no concern\.$/);
    });
  });
});

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

  it('attached without direct-action: says to state the effect (UNSPEC is a match there)', () => {
    const base = foreign(3, 'unknown');
    const [f] = run({ ...base, filter: { ...base.filter, directAction: false } });
    expect(f!.remediation).toContain('--assume unknown=passthrough (never ends the walk) or --assume unknown=terminal (ends it)');
    expect(f!.remediation).toContain('a program returning UNSPEC matches');
  });

  it('ingress disabled: no finding on ingress', () => {
    expect(run(foreign(3, 'unknown'), ctx({ agent: { ingressEnabled: false } }))).toHaveLength(0);
  });

  describe('an agent that reads no priority (7.36.0-7.39.1, pinned at pref 1)', () => {
    const upgraded = (p: number, ingressEnabled = true) => ({ classifierPriority: p, configuredPriority: p === 10 ? null : p, source: 'default' as const, ingressEnabled, classifierHandle: null });
    const old = (later = 10, ingress = true) => ctx({ agent: { agentVersion: '7.38.0', hardCodedPriority: 1, classifierPriority: 1, source: 'agent-version', upgraded: upgraded(later, ingress) } });
    // agentFilter() sits at pref 10; the pinned agent's own filters would be at 1, which
    // changes nothing here: the rule looks at the foreign one.
    it.each([
      ['between the pinned pref and the upgraded one', 5, 10, 1],
      ['at the upgraded pref', 10, 10, 1],
      ['after the upgraded pref', 11, 10, 0],
      ['after a lower upgraded pref', 5, 4, 0],
    ])('%s', (_n, pref, later, n) => expect(run(foreign(pref, 'unknown'), old(later))).toHaveLength(n));

    it('says the answer after the upgrade counts it as terminal, and how to resolve it', () => {
      const [f] = run(foreign(5, 'unknown', { vendor: 'beyla' }), old());
      expect(f!.message).toContain('at pref 5 will run before the agent\'s classifier once the agent is upgraded (it then attaches at pref 10)');
      expect(f!.message).toContain('the answer after the upgrade treats it as ending the walk');
      expect(f!.remediation).toContain('--assume beyla=unspec');
    });

    it('upgraded with ingress off: not on ingress', () => {
      expect(run(foreign(5, 'unknown'), old(10, false))).toHaveLength(0);
    });
  });
});

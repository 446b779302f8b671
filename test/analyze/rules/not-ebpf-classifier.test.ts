import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/notEbpfClassifier.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, ctx, foreign, hook } from '../../helpers/analysisBuilders.js';

const run = (f: AnalyzedFilter, cx = ctx()) => rule.check(analysisOf(hook({ filters: [f, agentFilter()] })), cx);

describe('not-ebpf-classifier', () => {
  it.each([
    ['matchall drop before the agent', foreign(2, 'always', { kind: 'matchall' }), /matches every packet and ends the walk.*runs before the agent at pref 10/],
    ['u32 that ends on match', foreign(5, 'sometimes', { kind: 'u32', protocol: 'ip' }), /the part of IPv4 traffic it matches is hidden from later filters/],
    ['flower that continues', foreign(5, 'never', { kind: 'flower' }), /its actions continue the walk, so it hides nothing/],
    ['u32 key without the terminal flag', foreign(5, 'never', { kind: 'u32', u32: { terminal: false, link: null } }), /u32 key without the terminal flag \(no class, no action\), so a match moves on and it hides nothing/],
    ['u32 with an action tc-audit cannot follow', foreign(5, 'unknown', { kind: 'u32' }), /cannot follow/],
    ['after the agent', foreign(20, 'always', { kind: 'matchall' }), /runs after the agent/],
    ['same pref as the agent', foreign(10, 'always', { kind: 'matchall' }), /shares pref 10/],
  ])('%s', (_n, f, re) => {
    const fs = run(f);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(re);
    expect(fs[0]!.filter).toMatchObject({ kind: f.filter.kind, progId: null });
  });

  it('ignores bpf filters', () => expect(run(foreign(1, 'always'))).toEqual([]));

  it('a warning, with the fix, when it ends the walk for every packet at or before the agent', () => {
    for (const pref of [2, 10]) {
      const [f] = run(foreign(pref, 'always', { kind: 'u32', protocol: 'ip' }));
      expect([f!.severity, f!.remediation]).toEqual(['warning', `the agent sees none of that traffic on this hook: set classifier_priority below ${pref}, or move the filter after the agent (add it again at a pref above 10, then \`tc filter del ... pref ${pref}\`)`]);
    }
    // At pref 1 no priority can run before it: only moving the filter helps.
    expect(run(foreign(1, 'always', { kind: 'matchall' }))[0]!.remediation).toBe('the agent sees none of that traffic on this hook: no classifier_priority runs before pref 1, so move the filter after the agent (add it again at a pref above 10, then `tc filter del ... pref 1`)');
    // Otherwise an info, as the rule is: only some packets, after the agent, or a hook the agent leaves alone.
    for (const f of [run(foreign(5, 'sometimes', { kind: 'u32' }))[0]!, run(foreign(20, 'always', { kind: 'matchall' }))[0]!]) {
      expect([f.severity, f.remediation]).toEqual([undefined, null]);
    }
    expect(run(foreign(2, 'always', { kind: 'matchall' }), ctx({ agent: { ingressEnabled: false } }))[0]!.severity).toBeUndefined();
  });

  it('notes when the agent does not attach to the hook', () => {
    const [f] = run(foreign(2, 'always', { kind: 'matchall' }), ctx({ agent: { ingressEnabled: false } }));
    expect(f!.message).toContain('the agent does not attach to this hook');
  });
});

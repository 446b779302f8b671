import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/bytecodeKbMismatch.js';
import { analysisOf, ctx, foreign, hook, tcx, verdict } from '../../helpers/analysisBuilders.js';

const DIS = 'knowledge base expects retina to be "never" (returns TC_ACT_UNSPEC since PR #276); the bytecode says "always"';

describe('bytecode-kb-mismatch', () => {
  it('reports a legacy filter whose bytecode contradicts the knowledge base', () => {
    const f = foreign(1, 'always', { vendor: 'retina', progName: 'endpoint_ingres', line: 4, verdict: verdict('always', { source: 'bytecode', disagreement: DIS }) });
    const fs = rule.check(analysisOf(hook({ filters: [f] })), ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toContain(DIS);
    expect(fs[0]!.message).toMatch(/^Microsoft Retina \(packetparser\) \(endpoint_ingres\)/);
    expect(fs[0]).toMatchObject({ filter: { vendor: 'retina', pref: 1 }, source: { line: 4 } });
    expect(fs[0]!.remediation).toBeTruthy();
  });

  it('reports tcx programs too, on any hook (even ones the agent skips)', () => {
    const fs = rule.check(analysisOf(hook({ tcx: [tcx({ disagreement: DIS })] })), ctx({ agent: { ingressEnabled: false } }));
    expect(fs).toHaveLength(1);
  });

  it('nothing when bytecode and knowledge base agree', () => {
    const f = foreign(1, 'never', { vendor: 'retina', verdict: verdict('never', { source: 'bytecode' }) });
    expect(rule.check(analysisOf(hook({ filters: [f], tcx: [tcx()] })), ctx())).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/agentPrefRefused.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { recommend } from '../../../src/recommend/recommend.js';
import { agentFilter, analysisOf, ctx, foreign, hook } from '../../helpers/analysisBuilders.js';

const at10 = (o: Partial<AnalyzedFilter['filter']>): AnalyzedFilter => {
  const f = foreign(10, 'never', o.kind && o.kind !== 'bpf' ? { kind: o.kind } : {});
  return { ...f, filter: { ...f.filter, ...o } };
};
const run = (fs: AnalyzedFilter[], cx = ctx()) => rule.check(analysisOf(hook({ filters: fs })), cx);

describe('agent-pref-refused', () => {
  it.each([
    ['u32 at the agent\'s pref', [at10({ kind: 'u32', protocol: 'ip' })], 1],
    ['cls_bpf of protocol ip', [at10({ protocol: 'ip' })], 1],
    ['cls_bpf of protocol all (agent-pref-collision instead)', [at10({})], 0],
    ['the agent\'s own classifier is there', [at10({ kind: 'u32', protocol: 'all' }), agentFilter()], 0],
    ['another chain', [at10({ kind: 'u32', protocol: 'ip', chain: 5 })], 0],
    ['another pref', [{ ...at10({ kind: 'u32', protocol: 'ip' }), filter: { ...at10({ kind: 'u32', protocol: 'ip' }).filter, pref: 11 } }], 0],
  ])('%s', (_n, fs, n) => expect(run(fs)).toHaveLength(n));

  it('names the kernel\'s refusal: the protocol is checked first, the kind after', () => {
    expect(run([at10({ kind: 'u32', protocol: 'all' })])[0]!.message).toContain('"Specified filter kind does not match existing one"');
    expect(run([at10({ kind: 'u32', protocol: 'ip' })])[0]!.message).toContain('"Protocol mismatch for filter with specified priority"');
    expect(run([at10({ protocol: 'ipv6' })])[0]!.message).toContain('"Protocol mismatch for filter with specified priority"');
  });

  it('protocol all in capitals (a JSON input) is all', () => {
    expect(run([at10({ protocol: 'ALL' })])).toHaveLength(0);
  });

  it('the rules beside it do not say the filter runs before the agent or shares its pref', async () => {
    const { RULES } = await import('../../../src/analyze/rules/index.js');
    const f = { ...at10({ kind: 'u32', protocol: 'ip' }), verdict: { ...at10({}).verdict, terminal: 'always' as const } };
    const a = analysisOf(hook({ filters: [f] }));
    expect(RULES['terminal-before-agent'].check(a, ctx())).toHaveLength(0);
    expect(RULES['narrow-protocol-terminal'].check(a, ctx())).toHaveLength(0);
    expect(RULES['not-ebpf-classifier'].check(a, ctx())[0]!.message).toContain("it holds pref 10, the agent's, where the kernel refuses the agent's classifier (agent-pref-refused)");
  });

  it('not on a hook the agent does not attach to', () => {
    expect(run([at10({ kind: 'u32', protocol: 'ip' })], ctx({ agent: { ingressEnabled: false } }))).toHaveLength(0);
  });

  it('the recommendation moves the agent to the largest free pref below, or disables when none is free', () => {
    const a = ctx().agent;
    const h = hook({ filters: [at10({ kind: 'u32', protocol: 'ip' })] });
    expect(recommend([h], a, { tcxBlind: false })).toMatchObject({ action: 'set-priority', classifierPriority: 9 });
    const pinned = { ...a, classifierPriority: 1 };
    const h1 = hook({ filters: [{ ...at10({ kind: 'u32', protocol: 'ip' }), filter: { ...at10({ kind: 'u32', protocol: 'ip' }).filter, pref: 1 } }] });
    expect(recommend([h1], pinned, { tcxBlind: false }).action).toBe('disable-network');
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/nothingAudited.js';
import { recommend } from '../../../src/recommend/recommend.js';
import { defaultAgentSettings } from '../../../src/agent/defaults.js';
import { agentFilter, analysisOf, ctx, hook } from '../../helpers/analysisBuilders.js';

const ingressOnly = analysisOf(hook({ device: 'lxc1', direction: 'ingress', filters: [agentFilter()] }), hook({ device: 'lxc2', direction: 'ingress', filters: [] }));

describe('nothing-audited', () => {
  it.each([
    ['no hook at all', analysisOf(), {}, 'No hook was observed at all'],
    ['ingress hooks only, ingress detection off', ingressOnly, { ingressEnabled: false }, 'Hooks were observed, none of them one the agent attaches to (ingress detection is off)'],
  ] as const)('%s -> one warning, nowhere in particular', (_n, a, agent, start) => {
    const fs = rule.check(a, ctx({ agent }));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ node: null, netns: null, interface: null, direction: null, filter: null, source: null });
    expect(fs[0]!.message).toBe(`${start}, so nothing here shows whether another program hides packets from the agent's classifiers.`);
    expect(fs[0]!.remediation).toContain('docs/capture.sh');
  });

  it('live: the remediation is about the scope flags', () => {
    expect(rule.check(analysisOf(), ctx({ mode: 'live' }))[0]!.remediation).toMatch(/^check the scope: --netns/);
  });

  it.each([
    ['an egress hook', analysisOf(hook({ device: 'lxc1', direction: 'egress', filters: [] })), {}],
    ['ingress hooks with ingress detection on', ingressOnly, {}],
    ['network detection off (the agent attaches nothing)', analysisOf(), { networkEnabled: false }],
  ] as const)('no finding: %s', (_n, a, agent) => expect(rule.check(a, ctx({ agent }))).toEqual([]));

  it('the recommendation is unknown, not keep, when no hook is audited', () => {
    const r = recommend([], defaultAgentSettings(), { tcxBlind: false });
    expect(r).toMatchObject({ action: 'unknown', classifierPriority: null, blockers: [] });
    expect(r.reasons).toEqual(['no hook the agent attaches to was observed, so nothing supports keep (the nothing-audited finding says why)']);
    expect(recommend([], { ...defaultAgentSettings(), networkEnabled: false }, { tcxBlind: false }).action).toBe('keep');
  });
});

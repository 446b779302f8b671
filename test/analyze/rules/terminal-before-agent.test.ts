import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/terminalBeforeAgent.js';
import type { AnalyzedFilter } from '../../../src/model/analysis.js';
import { agentFilter, analysisOf, ctx, foreign, hook, recommendation } from '../../helpers/analysisBuilders.js';

const run = (f: AnalyzedFilter, cx = ctx({ recommendation: recommendation('set-priority', 4) })) =>
  rule.check(analysisOf(hook({ device: 'eth0', direction: 'egress', filters: [f, agentFilter()] })), cx);

describe('terminal-before-agent (P = 10)', () => {
  it.each([
    ['pref 1 (terminal-at-pref-1 instead)', foreign(1, 'always'), 0],
    ['pref 2', foreign(2, 'always'), 1],
    ['pref 5 sometimes', foreign(5, 'sometimes'), 1],
    ['pref P', foreign(10, 'always'), 1],
    ['pref P+1', foreign(11, 'always'), 0],
    ['pref 5 never', foreign(5, 'never'), 0],
    ['pref 5 unknown (its own rule)', foreign(5, 'unknown'), 0],
    ['pref 5 non-bpf', foreign(5, 'always', { kind: 'u32' }), 0],
  ])('%s', (_n, f, n) => expect(run(f)).toHaveLength(n));

  it('at the agent\'s own pref, says which runs first today (tc runs a pref\'s filters newest first)', () => {
    const vendorFirst = rule.check(analysisOf(hook({ device: 'eth0', direction: 'egress', filters: [foreign(10, 'always'), agentFilter()] })), ctx());
    expect(vendorFirst[0]!.message).toContain('before the agent\'s classifier at pref 10 (the same pref: it was added later');
    const agentFirst = rule.check(analysisOf(hook({ device: 'eth0', direction: 'egress', filters: [agentFilter(), foreign(10, 'always')] })), ctx());
    expect(agentFirst[0]!.message).toMatch(/shares pref 10 with the agent's classifier, which runs first today because it was added later; a re-attach of .* puts it first/);
  });

  it('names the concrete value from a set-priority recommendation', () => {
    const [f] = run(foreign(5, 'always'));
    expect(f!.message).toContain('strictly lower than 5');
    expect(f!.remediation).toMatch(/^set runtime_security_config\.network\.classifier_priority: 4 \(env DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=4\)/);
  });

  it('follows the agent priority P from the context', () => {
    expect(run(foreign(12, 'always'), ctx({ agent: { classifierPriority: 20 } }))).toHaveLength(1);
    expect(run(foreign(10, 'always'), ctx({ agent: { classifierPriority: 9 } }))).toHaveLength(0);
  });

  it('says why no priority works when the recommendation is disable-network', () => {
    const [f] = run(foreign(5, 'always'), ctx({ recommendation: recommendation('disable-network') }));
    expect(f!.remediation).toContain('no classifier_priority below 5 works');
    expect(f!.remediation).toContain('pref 1');
    expect(f!.remediation).toContain('runtime_security_config.network.enabled: false');
  });

  it('adds the vendor knob when the knowledge base has one', () => {
    const [f] = run(foreign(5, 'always', { vendor: 'cilium' }));
    expect(f!.remediation).toContain('--bpf-filter-priority');
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/model/findings.js';
import { renderFindings } from '../../../src/report/table/findings.js';

const f = (device: string, direction: 'ingress' | 'egress'): Finding => ({
  ruleId: 'not-ebpf-classifier', severity: 'info', node: 'n', netns: 'host', interface: device, direction,
  message: 'u32 filter at pref 1 is outside the eBPF checklist', remediation: null, filter: null, source: null,
});

describe('renderFindings folding', () => {
  it('says how many findings a folded line holds when a hook holds several, so the counts add up', () => {
    const out = renderFindings([f('eth0', 'ingress'), f('eth0', 'ingress'), f('eth1', 'ingress')], false);
    expect(out).toContain('Info (3)');
    expect(out).toContain('3 findings on 2 hooks: ');
  });
  it('one finding per hook: just the hooks', () => {
    expect(renderFindings([f('eth0', 'ingress'), f('eth1', 'ingress')], false)).toMatch(/ on 2 hooks: /);
  });
});

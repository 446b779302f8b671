import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/prefUnknown.js';
import { agentFilter, analysisOf, cilium, ctx, hook } from '../../helpers/analysisBuilders.js';

describe('pref-unknown', () => {
  it.each([
    ['bpftool-only hook with filters', hook({ legacyPrefsKnown: false, filters: [cilium({ pref: null, handle: null, line: 2 }), agentFilter({ pref: null })] }), 1],
    ['bpftool-only hook without filters', hook({ legacyPrefsKnown: false, filters: [] }), 0],
    ['bpftool-only hook, legacy not observed', hook({ legacyPrefsKnown: false, filters: null }), 0],
    ['tc output with prefs', hook({ filters: [cilium()] }), 0],
  ])('%s', (_n, h, n) => expect(rule.check(analysisOf(h), ctx())).toHaveLength(n));

  it('asks for tc filter show on that very hook, one finding per hook', () => {
    const a = analysisOf(
      hook({ device: 'lxc1', legacyPrefsKnown: false, filters: [cilium({ pref: null, line: 2 })] }),
      hook({ device: 'lxc2', direction: 'egress', legacyPrefsKnown: false, filters: [cilium({ pref: null })] }),
    );
    const fs = rule.check(a, ctx());
    expect(fs.map((f) => f.remediation)).toEqual([
      expect.stringContaining('tc filter show dev lxc1 ingress'),
      expect.stringContaining('tc filter show dev lxc2 egress'),
    ]);
    expect(fs[0]!.message).toBe(fs[1]!.message);
    expect(fs[0]!.source).toEqual({ file: 'node-a.tc.txt', line: 2 });
  });
});

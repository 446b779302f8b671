// orderFindings ranks places once and sorts runs by number; it must give exactly the order
// of the field-by-field comparator, ties (stable order) included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFindings } from '../../../src/analyze/rules/sort.js';
import { orderFindings } from '../../../src/analyze/rules/order.js';
import { RULE_IDS } from '../../../src/analyze/rules/ids.js';
import { SEVERITIES, type Finding } from '../../../src/model/findings.js';

const sortFindings = (fs: readonly Finding[]): Finding[] => orderFindings(fs).findings;

// Few distinct values, so ties and collator-equal strings ("lxc01" / "lxc1") are common.
const name = fc.constantFrom(null, 'lxc1', 'lxc01', 'lxc2', 'lxc10', 'LXC2', 'eth0', 'é', 'e', '');
const finding: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.constantFrom(...RULE_IDS, 'rollout-regression'),
  severity: fc.constantFrom(...SEVERITIES),
  node: name,
  netns: name,
  interface: name,
  direction: fc.constantFrom(null, 'ingress', 'egress'),
  message: fc.constantFrom('a 2', 'a 10', 'a 02', 'b', 'B'),
  remediation: fc.constant(null),
  filter: fc.option(fc.record({
    pref: fc.option(fc.constantFrom(1, 2, 10, 49152)),
    handle: fc.constant('0x1'),
    kind: fc.constant('bpf'),
    vendor: fc.constant('cilium'),
    progId: fc.constant(null),
    name: name,
  })),
  source: fc.constant(null),
});

describe('orderFindings on any list', () => {
  it('orders exactly as compareFindings, stable on ties', () => {
    fc.assert(fc.property(fc.array(finding, { maxLength: 60 }), (fs) => {
      const got = sortFindings(fs);
      const want = [...fs].sort(compareFindings);
      expect(got).toHaveLength(want.length);
      got.forEach((f, i) => expect(f).toBe(want[i]));
    }), { numRuns: 300 });
  });

  it('orders findings that come hook by hook (runs sharing a place) exactly as compareFindings', () => {
    const run = fc.tuple(finding, fc.array(fc.tuple(fc.constantFrom(...RULE_IDS), fc.constantFrom(...SEVERITIES), fc.constantFrom('a 2', 'b', 'B')), { minLength: 1, maxLength: 4 }))
      .map(([f, rest]) => rest.map(([ruleId, severity, message]) => ({ ...f, ruleId, severity, message })));
    fc.assert(fc.property(fc.array(run, { maxLength: 20 }), (runs) => {
      const fs = runs.flat();
      const got = sortFindings(fs);
      const want = [...fs].sort(compareFindings);
      got.forEach((f, i) => expect(f).toBe(want[i]));
    }), { numRuns: 300 });
  });

  it('puts lxc2 before lxc10 and whole-node findings before hooks', () => {
    const base: Finding = { ruleId: 'terminal-at-pref-1', severity: 'error', node: 'n', netns: 'host', interface: null, direction: null, message: 'm', remediation: null, filter: null, source: null };
    const fs = [{ ...base, interface: 'lxc10' }, { ...base, interface: 'lxc2' }, base];
    expect(sortFindings(fs).map((f) => f.interface)).toEqual([null, 'lxc2', 'lxc10']);
  });
});

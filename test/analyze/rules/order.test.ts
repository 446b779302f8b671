// orderFindings reaches compareFindings' order place by place, and indexes each hook's
// findings on the way: both must be exactly what sorting the whole list and looking the
// findings up by place (FindingsByPlace, the table's own way) give.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderFindings } from '../../../src/analyze/rules/order.js';
import { compareFindings } from '../../../src/analyze/rules/sort.js';
import { RULE_IDS } from '../../../src/analyze/rules/ids.js';
import { SEVERITIES, type Finding } from '../../../src/model/findings.js';
import type { AnalyzedHook } from '../../../src/model/analysis.js';
import { FindingsByPlace } from '../../../src/report/table/hooks.js';

// Few distinct values: ties, places met twice and collator-equal names ("lxc01", "lxc1").
const name = fc.constantFrom(null, 'lxc1', 'lxc01', 'lxc2', 'lxc10', 'LXC2', 'eth0', 'é', '');
const direction = fc.constantFrom(null, 'ingress', 'egress' as const);
const place = fc.record({ node: fc.constantFrom(null, 'n1', 'n2'), netns: name, interface: name, direction });
const what = fc.record({
  ruleId: fc.constantFrom(...RULE_IDS, 'rollout-regression'),
  severity: fc.constantFrom(...SEVERITIES),
  message: fc.constantFrom('a 2', 'a 10', 'a 02', 'b', 'B'),
  pref: fc.option(fc.constantFrom(1, 2, 10, 49152)),
  filterName: name,
});
type Place = { node: string | null; netns: string | null; interface: string | null; direction: 'ingress' | 'egress' | null };
type What = { ruleId: string; severity: Finding['severity']; message: string; pref: number | null; filterName: string | null };
const findingAt = (p: Place, w: What): Finding => ({
  ruleId: w.ruleId, severity: w.severity, ...p, message: w.message, remediation: null,
  filter: w.pref === null ? null : { pref: w.pref, handle: '0x1', kind: 'bpf', vendor: 'cilium', progId: null, name: w.filterName },
  source: null,
});
// Findings as rules emit them: runs at one place (a hook), the place strings shared.
const runs = fc.array(fc.tuple(place, fc.array(what, { minLength: 1, maxLength: 4 })), { maxLength: 15 })
  .map((rs) => rs.flatMap(([p, ws]) => ws.map((w) => findingAt(p, w))));

const hookAt = (p: Place): AnalyzedHook => ({
  node: p.node, netns: p.netns ?? 'host', device: p.interface, ifindex: null, direction: p.direction, filters: [], legacyPrefsKnown: true, tcx: [],
  legacyReach: { ipv4: true, ipv6: true, other: true }, exitReach: { ipv4: true, ipv6: true, other: true },
  ingressQdisc: null,
});

describe('orderFindings', () => {
  it('orders exactly as compareFindings, stable on ties', () => {
    fc.assert(fc.property(runs, (fs) => {
      const got = orderFindings(fs).findings;
      const want = [...fs].sort(compareFindings);
      expect(got).toHaveLength(want.length);
      got.forEach((f, i) => expect(f).toBe(want[i]));
    }), { numRuns: 500 });
  });

  it('gives every hook the findings FindingsByPlace finds at its place, in report order', () => {
    let indexed = 0;
    fc.assert(fc.property(runs, fc.array(place, { maxLength: 12 }), (fs, extra) => {
      // The hooks the findings are at, and others (some at no finding's place).
      const hooks = [...fs.map((f) => hookAt(f)), ...extra.map(hookAt)];
      const { findings, places } = orderFindings(fs, hooks);
      // Two collator-equal names of places ("lxc01", "lxc1"): no index, the table builds its own.
      if (places === null) return;
      indexed++;
      expect(places.findings).toBe(findings);
      const byPlace = new FindingsByPlace(findings);
      for (const h of hooks) {
        const want = byPlace.at(byPlace.placeOf(h));
        const g = places.ofHook.get(h);
        const got = g === undefined ? undefined : places.groups[g];
        expect(got?.length, JSON.stringify(h)).toBe(want?.length);
        got?.forEach((f, i) => expect(f).toBe(want![i]));
      }
    }), { numRuns: 500 });
    expect(indexed).toBeGreaterThan(150); // most runs do reach the index
  });

  it('indexes the usual findings, and leaves collator-equal names to the table', () => {
    const w: What = { ruleId: 'terminal-at-pref-1', severity: 'error', message: 'm', pref: 1, filterName: 'x' };
    const at = (d: string): Place => ({ node: 'n', netns: 'host', interface: d, direction: 'egress' });
    const usual = [at('lxc1'), at('lxc2'), at('lxc10')];
    expect(orderFindings(usual.map((p) => findingAt(p, w)), usual.map(hookAt)).places?.ofHook.size).toBe(3);
    const equalish = [at('lxc1'), at('lxc01')];
    expect(orderFindings(equalish.map((p) => findingAt(p, w)), equalish.map(hookAt)).places).toBeNull();
    // A hook at lxc01 where only lxc1 has findings has none.
    const one = orderFindings([findingAt(at('lxc1'), w)], [hookAt(at('lxc01')), hookAt(at('lxc1'))]).places!;
    expect([...one.ofHook.values()]).toEqual([0]);
  });

  it('puts whole-node findings before the hooks of their node, most severe first', () => {
    const at = { node: 'n', netns: 'host', interface: 'lxc10', direction: 'egress' as const };
    const w = { ruleId: 'terminal-at-pref-1', severity: 'error' as const, message: 'm', pref: 1, filterName: 'x' };
    const fs = [
      findingAt(at, w), findingAt({ ...at, interface: 'lxc2' }, w), findingAt({ ...at, interface: 'lxc2' }, { ...w, severity: 'info' }),
      findingAt({ node: 'n', netns: null, interface: null, direction: null }, w),
    ];
    expect(orderFindings(fs).findings.map((f) => [f.severity, f.interface])).toEqual([['error', null], ['error', 'lxc2'], ['error', 'lxc10'], ['info', 'lxc2']]);
  });
});

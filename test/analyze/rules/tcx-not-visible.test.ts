import { describe, expect, it } from 'vitest';
import rule from '../../../src/analyze/rules/tcxNotVisible.js';
import type { Analysis } from '../../../src/model/analysis.js';
import { agentFilter, ctx, hook, node } from '../../helpers/analysisBuilders.js';

const nodeWith = (tcxVisible: boolean | null, tcxNull: number, total = 3): Analysis => ({
  nodes: [node(Array.from({ length: total }, (_, i) => hook({ device: `lxc${i}`, filters: [agentFilter()], tcx: i < tcxNull ? null : [] })), { tcxVisible, versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.1.0' } })],
});

describe('tcx-not-visible', () => {
  it.each([
    ['blind node (live)', nodeWith(false, 3), 'live', 'warning'],
    ['blind node (offline)', nodeWith(false, 3), 'offline', 'warning'],
    ['offline, no bpftool data for some hooks', nodeWith(null, 2), 'offline', 'info'],
    ['offline, tcx visible but one hook without data', nodeWith(true, 1), 'offline', 'info'],
  ] as const)('%s -> one %s finding per node', (_n, a, mode, severity) => {
    const fs = rule.check(a, ctx({ mode }));
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity ?? rule.severity).toBe(severity);
    expect(fs[0]).toMatchObject({ node: 'node-a', interface: null, filter: null });
  });

  it.each([
    ['tcx seen everywhere', nodeWith(true, 0), 'offline'],
    ['live, tcx data missing but node not blind', nodeWith(null, 3), 'live'],
  ] as const)('no finding: %s', (_n, a, mode) => expect(rule.check(a, ctx({ mode }))).toEqual([]));

  it('the blind message says the recommendation cannot be keep', () => {
    const [f] = rule.check(nodeWith(false, 3), ctx({ mode: 'live' }));
    expect(f!.message).toContain('tcx attachments are not visible');
    expect(f!.message).toContain('cannot be keep');
    expect(f!.message).toContain('bpftool 7.1.0');
    expect(f!.remediation).toContain('bpftool 7.3');
  });

  it('the offline note says reachability assumes no tcx', () => {
    expect(rule.check(nodeWith(null, 3), ctx())[0]!.message).toContain('assumes no tcx programs');
  });
});

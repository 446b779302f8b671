// netkit (drivers/net/netkit.c netkit_xmit): NEXT and PASS hand the packet on to the peer,
// REDIRECT sends it elsewhere, DROP and any other value drop it; the primary's programs run as
// it transmits, after its egress tc hook. No kernel here has netkit (CONFIG_NETKIT is off),
// so these hold the model to the kernel source.
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/analyze/audit.js';
import { endsWalk, terminalFor } from '../../src/analyze/attachMode.js';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import type { Direction, LegacyFilter, NodeSnapshot, TcxProgram } from '../../src/model/snapshot.js';

const agent = (d: Direction): LegacyFilter => ({
  pref: 10, protocol: 'all', chain: 0, kind: 'bpf', handle: '0x1', directAction: true, flags: [], tcName: `classifier_${d}_security_1:[30]`,
  program: { id: 30, name: d === 'ingress' ? 'classifier_ingr' : 'classifier_egre', tag: null }, classid: null, actions: [], source: null,
});
const nk = (id: number): TcxProgram => ({ attach: 'netkit', program: { id, name: 'mystery_nk', tag: null }, linkId: 5, source: null });

function run(direction: Direction, assume: 'ok' | 'unspec'): ReturnType<typeof audit> {
  const snap: NodeSnapshot = {
    name: 'n', versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true,
    netns: [{ id: 'host', inode: null, path: null, owner: null, devices: [{ name: 'nk0', ifindex: 5, linkKind: 'netkit', hooks: [
      { direction, legacy: [agent(direction)], legacyPrefsKnown: true, tcx: [nk(77)] },
    ] }] }],
    programs: [], progArrays: [],
  };
  return audit([snap], { agent: defaultAgentSettings(), mode: 'offline', assume: { unknown: assume }, errors: [], notes: [], inputs: ['x'] });
}

describe('netkit', () => {
  it('return codes: only NEXT and PASS hand the packet on', () => {
    expect([-1, 0, 2, 7, 3].map((v) => endsWalk(v, 'netkit'))).toEqual([false, false, true, true, true]);
    expect(terminalFor([0, 7], 'netkit')).toBe('sometimes');
  });

  it('a peer program that ends the walk (REDIRECT/DROP) runs before the primary\'s ingress filters', () => {
    const r = run('ingress', 'ok'); // --assume ok: codes [0]: PASS hands on
    expect(r.analysis.nodes[0]!.hooks[0]!.tcx![0]!.verdict.terminal).toBe('never');
    expect(r.recommendation.action).toBe('keep');
  });

  it('a primary program runs after the egress tc hook: it gates nothing there, whatever it returns', () => {
    const h = run('egress', 'ok').analysis.nodes[0]!.hooks[0]!;
    expect(h.tcx![0]!.verdict.terminal).toBe('never');
    expect(h.tcx![0]!.verdict.evidence.join(' ')).toContain('after this hook\'s tc filters');
    expect(h.filters![0]!.reaches).toEqual({ ipv4: true, ipv6: true, other: true });
  });
});

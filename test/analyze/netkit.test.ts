// netkit (drivers/net/netkit.c netkit_xmit): NEXT and PASS hand the packet on to the peer,
// REDIRECT sends it elsewhere, DROP and any other value drop it; the primary's programs run as
// it transmits, after its egress tc hook. No kernel here has netkit (CONFIG_NETKIT is off),
// so these hold the model to the kernel source.
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/analyze/audit.js';
import { endsWalk, terminalFor } from '../../src/analyze/attachMode.js';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import type { Direction, LegacyFilter, NodeSnapshot, TcxProgram } from '../../src/model/snapshot.js';
import { exit, movK, prog } from './bytecode/asm.js';

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

  it('a peer program that returns PASS hands packets on to the primary\'s ingress filters', () => {
    const r = run('ingress', 'ok'); // --assume ok: codes [0]: PASS hands on
    expect(r.analysis.nodes[0]!.hooks[0]!.tcx![0]!.verdict.terminal).toBe('never');
    expect(r.recommendation.action).toBe('keep');
  });

  it('the netkit/peer chain runs before the tcx chain, whatever order bpftool lists them in', () => {
    const snap = (programs: TcxProgram[]): NodeSnapshot => ({
      name: 'n', versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true,
      netns: [{ id: 'host', inode: null, path: null, owner: null, devices: [{ name: 'nk0', ifindex: 5, linkKind: 'netkit', hooks: [
        { direction: 'ingress', legacy: [agent('ingress')], legacyPrefsKnown: true, tcx: programs },
      ] }] }],
      // The tcx program returns 3 (stops the tcx chain, read as NEXT): r0 = 3; exit.
      programs: [{ ...prog([movK(0, 3), exit()], 78), name: 'mystery_tx' }], progArrays: [],
    });
    // bpftool lists tcx before netkit; the tcx program must not gate the netkit one, which
    // runs first in its own chain.
    const tx: TcxProgram = { attach: 'tcx', program: { id: 78, name: 'mystery_tx', tag: null }, linkId: 6, source: null };
    const r = audit([snap([tx, nk(77)])], { agent: defaultAgentSettings(), mode: 'offline', assume: { unknown: 'unspec' }, errors: [], notes: [], inputs: ['x'] });
    const h = r.analysis.nodes[0]!.hooks[0]!;
    expect(h.tcx![0]!.verdict.returnCodes).toEqual([3]);
    expect(h.tcx!.map((p) => [p.attach, p.reaches.ipv4])).toEqual([['tcx', true], ['netkit', true]]);
    expect(h.filters![0]!.reaches.ipv4).toBe(true);
  });

  it('a primary program runs after the egress tc hook: it gates nothing there, whatever it returns', () => {
    const h = run('egress', 'ok').analysis.nodes[0]!.hooks[0]!;
    expect(h.tcx![0]!.verdict.terminal).toBe('never');
    expect(h.tcx![0]!.verdict.evidence.join(' ')).toContain('after this hook\'s tc filters');
    expect(h.filters![0]!.reaches).toEqual({ ipv4: true, ipv6: true, other: true });
  });
  it('netkit/primary programs are a chain of their own: one that stops it hides the next', () => {
    const snap: NodeSnapshot = {
      name: 'n', versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true,
      netns: [{ id: 'host', inode: null, path: null, owner: null, devices: [{ name: 'nk0', ifindex: 5, linkKind: 'netkit', hooks: [
        { direction: 'egress', legacy: [agent('egress')], legacyPrefsKnown: true, tcx: [nk(77), nk(79)] },
      ] }] }],
      // The first returns PASS (0): it stops the netkit chain and hands the packet to the peer.
      programs: [{ ...prog([movK(0, 0), exit()], 77), name: 'mystery_nk' }], progArrays: [],
    };
    const h = audit([snap], { agent: defaultAgentSettings(), mode: 'offline', assume: {}, errors: [], notes: [], inputs: ['x'] }).analysis.nodes[0]!.hooks[0]!;
    expect(h.tcx!.map((p) => p.reaches.ipv4)).toEqual([true, false]);
  });
});

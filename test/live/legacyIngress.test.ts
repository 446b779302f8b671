// Kernel truth for the legacy `ingress` qdisc (handle ffff:, the one IFB setups add): its
// filters run on ingress only, yet `tc filter show dev X egress` (and bpftool's clsact/egress
// entry) list them too, because the kernel finds the qdisc by the parent's major number.
// tc-audit must put them on ingress only: the kernel's run counters say egress traffic never
// meets them.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { collectLive } from '../../src/collect/live.js';
import { auditCollection } from '../../src/collect/liveAudit.js';
import { ProcessRunner } from '../../src/collect/runner.js';
import { describeLive } from '../helpers/live.js';
import { inNs } from '../helpers/netns.js';
import { BPF_TRUTH, liveOptions } from './liveHelpers.js';
import { createRig, runCounts, send, type Rig } from './truthRig.js';

describeLive('kernel truth: a legacy ingress qdisc runs on ingress only', () => {
  let rig: Rig;
  beforeAll(() => {
    rig = createRig('li');
    inNs(rig.a, 'tc', ['qdisc', 'add', 'dev', 'v0', 'ingress']);
    inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'parent', 'ffff:', 'protocol', 'all', 'pref', '4', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_ok.o`, 'sec', 'tc']);
    inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'parent', 'ffff:', 'protocol', 'all', 'pref', '5', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
  });
  afterAll(() => rig?.close());

  it('tc lists the filters for egress too; tc-audit puts them on ingress, and the kernel agrees', async () => {
    expect(inNs(rig.a, 'tc', ['filter', 'show', 'dev', 'v0', 'egress'])).toContain('filter parent ffff: protocol all pref 4 bpf');
    const c = await collectLive(new ProcessRunner(), { ...liveOptions([rig.a]), interfaces: ['v0'] });
    const hooks = auditCollection(c, defaultAgentSettings(), {}).analysis.nodes[0]!.hooks;
    const at = (d: string) => hooks.find((h) => h.device === 'v0' && h.direction === d);
    const ingress = at('ingress')!;
    expect(ingress.filters?.map((f) => [f.filter.pref, f.reaches.ipv4])).toEqual([[4, true], [5, false]]);
    // Egress is observed, with nothing on it.
    expect(at('egress')?.filters).toEqual([]);
    // The kernel: datagrams into v0 run pref 4 (and never pref 5); datagrams out of v0 run neither.
    const ok = ingress.filters![0]!.filter.program!.id!;
    const unspec = ingress.filters![1]!.filter.program!.id!;
    const c0 = runCounts();
    send(rig, 'ipv4');
    const c1 = runCounts();
    // To an address B does not own (a static neighbour entry, so no ARP): B drops the frames
    // without an answer, whose ICMP would come back through v0 ingress.
    const m1 = (JSON.parse(inNs(rig.b, 'ip', ['-j', 'link', 'show', 'v1'])) as Array<{ address: string }>)[0]!.address;
    inNs(rig.a, 'ip', ['neigh', 'replace', '10.77.0.99', 'lladdr', m1, 'dev', 'v0', 'nud', 'permanent']);
    const out = `const s = require('dgram').createSocket('udp4'); s.send('out', 9, '10.77.0.99', () => s.close());`;
    const tx = () => (JSON.parse(inNs(rig.a, 'ip', ['-j', '-s', 'link', 'show', 'v0'])) as Array<{ stats64: { tx: { packets: number } } }>)[0]!.stats64.tx.packets;
    const tx0 = tx();
    for (let i = 0; i < 3; i++) inNs(rig.a, process.execPath, ['-e', out]);
    execFileSync('sleep', ['0.02']);
    const c2 = runCounts();
    expect([c1.get(ok)! - c0.get(ok)!, c1.get(unspec)! - c0.get(unspec)!]).toEqual([3, 0]);
    expect([c2.get(ok)! - c1.get(ok)!, c2.get(unspec)! - c1.get(unspec)!]).toEqual([0, 0]);
    expect(tx() - tx0).toBeGreaterThanOrEqual(3); // and the datagrams did leave through v0
  });

  it('a filter added with the `ingress` keyword makes tc print `filter ingress ...` in the egress dump: still ingress only', async () => {
    inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '6', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
    expect(inNs(rig.a, 'tc', ['filter', 'show', 'dev', 'v0', 'egress'])).toContain('filter ingress protocol all pref 6 bpf');
    const c = await collectLive(new ProcessRunner(), { ...liveOptions([rig.a]), interfaces: ['v0'] });
    const hooks = auditCollection(c, defaultAgentSettings(), {}).analysis.nodes[0]!.hooks;
    expect(hooks.filter((h) => h.device === 'v0').map((h) => [h.direction, h.filters?.map((f) => f.filter.pref)])).toEqual([['ingress', [4, 5, 6]], ['egress', []]]);
  });
});

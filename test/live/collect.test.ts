// Live collection on a namespace this test builds: legacy filters from tc -batch,
// tcx from bpftool, program details, weird device names, owner labels.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectLive } from '../../src/collect/live.js';
import { ProcessRunner } from '../../src/collect/runner.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs, run } from '../helpers/netns.js';
import { attachTcx, BPF_TRUTH, liveOptions } from './liveHelpers.js';

describeLive('live collection', () => {
  let ns = '';
  beforeAll(() => {
    ns = createNetns('col');
    inNs(ns, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    // ifb stands in for dummy (this kernel has no dummy driver): one device, no peer.
    for (const name of ['we$ird;x', 'dév0', 'a#b', "q'x"]) inNs(ns, 'ip', ['link', 'add', name, 'type', 'ifb']);
    for (const dev of ['v0', 'we$ird;x', 'a#b']) {
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', dev, 'clsact']);
      inNs(ns, 'tc', ['filter', 'add', 'dev', dev, 'ingress', 'protocol', 'all', 'pref', '3', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_ok.o`, 'sec', 'tc']);
    }
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'egress', 'protocol', 'ip', 'pref', '7', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
    attachTcx(ns, 'v0', 't_tcx_next');
  });
  afterAll(() => deleteNetns(ns));

  it('sees legacy filters, tcx programs and program details in one namespace', async () => {
    const c = await collectLive(new ProcessRunner(), liveOptions([ns]));
    expect(c.snapshot.netns).toHaveLength(1);
    const n = c.snapshot.netns[0]!;
    expect(n.id).toBe(ns);
    const dev = (name: string) => n.devices.find((d) => d.name === name)!;
    const v0in = dev('v0').hooks.find((h) => h.direction === 'ingress')!;
    expect(v0in.legacy?.map((f) => [f.pref, f.protocol, f.program?.name])).toEqual([[3, 'all', 't_ok']]);
    expect(v0in.legacyPrefsKnown).toBe(true);
    expect(v0in.tcx?.map((t) => t.program.name)).toEqual(['t_tcx_next']);
    const v0eg = dev('v0').hooks.find((h) => h.direction === 'egress')!;
    expect(v0eg.legacy?.map((f) => [f.pref, f.protocol])).toEqual([[7, 'ip']]);
    expect(v0eg.tcx).toEqual([]);
    expect(dev('v0').linkKind).toBe('veth');
    // Shell metacharacters and non-ASCII names: argv, never a shell.
    for (const weird of ['we$ird;x', 'a#b']) {
      expect(dev(weird).hooks.find((h) => h.direction === 'ingress')!.legacy?.map((f) => f.pref)).toEqual([3]);
    }
    expect(dev('dév0').hooks.every((h) => h.legacy?.length === 0)).toBe(true);
    expect(dev("q'x").hooks.every((h) => h.legacy?.length === 0)).toBe(true);
    const ids = v0in.legacy!.map((f) => f.program!.id);
    expect(c.snapshot.programs.map((p) => p.id)).toEqual(expect.arrayContaining(ids));
    expect(c.snapshot.programs.every((p) => (p.xlated?.length ?? 0) > 0)).toBe(true);
    expect(c.snapshot.tcxVisible).toBe(true);
    expect(c.snapshot.versions.iproute2).toMatch(/^\d/);
    expect(c.errors).toEqual([]);
    expect(c.notes.filter((x) => x.kind !== 'vanished-device')).toEqual([]);
  });

  it('covers host, named and process namespaces by default, deduplicated by inode', async () => {
    const c = await collectLive(new ProcessRunner(), { ...liveOptions([]), interfaces: ['lo'] });
    const ids = c.snapshot.netns.map((x) => x.id);
    expect(ids[0]).toBe('host');
    expect(ids).toContain(ns);
    const inodes = c.snapshot.netns.map((x) => x.inode);
    expect(new Set(inodes).size).toBe(inodes.length);
    expect(run('ip', ['netns', 'list'])).toContain(ns);
  });
});

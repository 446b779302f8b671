import { describe, expect, it } from 'vitest';
import type { NodeSnapshot } from '../../src/model/snapshot.js';
import { setTcx } from '../../src/watch/state.js';

const snap = (): NodeSnapshot => ({
  name: 'n', versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: false,
  netns: [{ id: 'a', inode: null, path: null, owner: null, devices: [{ name: 'eth0', ifindex: 2, linkKind: null, hooks: [
    { direction: 'ingress', legacy: [], legacyPrefsKnown: true, tcx: null },
    { direction: 'egress', legacy: [], legacyPrefsKnown: true, tcx: null },
  ] }] }],
  programs: [], progArrays: [],
});

describe('setTcx', () => {
  it('a listing that shows no program on a hook whose tcx was unknown is a change: unknown -> none', () => {
    const s = snap();
    expect(setTcx(s, 'a', new Map())).toHaveLength(2);
    expect(s.netns[0]!.devices[0]!.hooks.map((h) => h.tcx)).toEqual([[], []]);
    expect(setTcx(s, 'a', new Map())).toEqual([]); // and listed again: no change
  });
});

// Fleet shape keys: hooks whose analysis could differ must not share a key.
import { describe, expect, it } from 'vitest';
import { hookShapeKey, shapeContext } from '../../src/fleet/shape.js';
import type { Device, Hook, LegacyFilter, NodeSnapshot } from '../../src/model/snapshot.js';

const node: NodeSnapshot = { name: 'n', versions: { kernel: '6.18.0', iproute2: '6.15.0', bpftool: null }, tcxVisible: null, netns: [], programs: [], progArrays: [] };
const key = (u32: LegacyFilter['u32']): LegacyFilter => ({
  pref: 1, protocol: 'ip', chain: 0, kind: 'u32', handle: '800::800', directAction: null, flags: ['not_in_hw'], tcName: null,
  program: null, classid: '1:1', actions: [], source: null, u32,
});
const shape = (u32: LegacyFilter['u32']): string => {
  const hook: Hook = { direction: 'ingress', legacy: [key(u32)], legacyPrefsKnown: true, tcx: [] };
  const device: Device = { name: 'eth0', ifindex: 2, linkKind: 'veth', hooks: [hook] };
  return hookShapeKey(shapeContext(node), 'host', device, hook);
};

describe('fleet hook shape keys and u32 keys', () => {
  it('tell apart what decides a u32 key\'s verdict: terminal flag, link, matchesEvery', () => {
    const base = { terminal: true, link: null, matchesEvery: true };
    const keys = [base, { ...base, terminal: false }, { ...base, link: '1:' }, { ...base, matchesEvery: false }, { ...base, matchesEvery: null }].map(shape);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('an older bundle without matchesEvery reads like unknown', () => {
    expect(shape({ terminal: true, link: null })).toBe(shape({ terminal: true, link: null, matchesEvery: null }));
  });
});

describe('fleet hook shape keys and the legacy ingress qdisc', () => {
  const hookKey = (ingressQdisc: boolean | null | undefined): string => {
    const hook: Hook = { direction: 'egress', legacy: [], legacyPrefsKnown: true, tcx: [], ...(ingressQdisc === undefined ? {} : { ingressQdisc }) };
    return hookShapeKey(shapeContext(node), 'host', { name: 'eth0', ifindex: 2, linkKind: 'veth', hooks: [hook] }, hook);
  };
  it('tell a device with it from one without, and from one not known', () => {
    expect(new Set([hookKey(true), hookKey(false), hookKey(null)]).size).toBe(3);
  });
  it('an older bundle without the field reads like unknown', () => expect(hookKey(undefined)).toBe(hookKey(null)));
});

describe('fleet hook shape keys and copies of one tag', () => {
  const ins = (disasm: string) => ({ disasm, opcodes: {} });
  // Copies of one object: the same tag; the verifier specialises each to its maps.
  const copy = (id: number, mapId: number, ret: string) => ({
    id, type: 'sched_cls', name: 'cfg_entry', tag: '0509d1c63dcfa647', mapIds: [mapId],
    xlated: [ins(`(18) r1 = map[id:${mapId}][0]+0`), ins('(61) r1 = *(u32 *)(r1 +0)'), ins(`(b7) r0 = ${ret}`), ins('(95) exit')],
  });
  const keyOf = (p: ReturnType<typeof copy> | (Omit<ReturnType<typeof copy>, 'xlated'> & { xlated: null })): string => {
    const f: LegacyFilter = { ...key(null), kind: 'bpf', protocol: 'all', handle: '0x1', directAction: true, classid: null, u32: null,
      program: { id: p.id, name: p.name, tag: p.tag } } as LegacyFilter;
    const hook: Hook = { direction: 'ingress', legacy: [f], legacyPrefsKnown: true, tcx: [] };
    return hookShapeKey(shapeContext({ ...node, programs: [p] }), 'host', { name: 'lxc1', ifindex: 3, linkKind: 'veth', hooks: [hook] }, hook);
  };

  it('tell copies apart by their own instructions, not the tag they share', () => {
    expect(keyOf(copy(1, 10, '-1'))).not.toBe(keyOf(copy(2, 11, '0')));
  });
  it('merge copies that differ only in the maps they name', () => {
    expect(keyOf(copy(1, 10, '-1'))).toBe(keyOf(copy(2, 11, '-1')));
  });
  it('fall back to the tag without instructions', () => {
    expect(keyOf({ ...copy(1, 10, '-1'), xlated: null })).toBe(keyOf({ ...copy(2, 11, '0'), xlated: null }));
  });
});

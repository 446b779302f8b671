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

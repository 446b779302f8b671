// Concise builders for snapshot-level test data (what parsers and collectors produce).
import type { Hook, LegacyFilter, NodeSnapshot, TcxProgram } from '../../src/model/snapshot.js';

export function bpf(pref: number, tcName: string | null, o: Partial<LegacyFilter> = {}): LegacyFilter {
  return {
    pref,
    protocol: 'all',
    chain: 0,
    kind: 'bpf',
    handle: '0x1',
    directAction: true,
    flags: ['not_in_hw'],
    tcName,
    program: { id: null, name: null, tag: null },
    classid: null,
    actions: [],
    source: null,
    ...o,
  };
}

export function tcx(name: string, id: number | null = null): TcxProgram {
  return { attach: 'tcx', program: { id, name, tag: null }, linkId: null, source: null };
}

export function hook(direction: 'ingress' | 'egress', legacy: LegacyFilter[] | null, tcxProgs: TcxProgram[] | null = []): Hook {
  return { direction, legacy, legacyPrefsKnown: true, tcx: tcxProgs };
}

export function node(devices: Array<{ name: string; hooks: Hook[] }>, o: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return {
    name: 'node-a',
    versions: { kernel: null, iproute2: null, bpftool: null },
    tcxVisible: null,
    netns: [{ id: 'host', inode: null, path: null, owner: null, devices: devices.map((d) => ({ name: d.name, ifindex: null, linkKind: null, hooks: d.hooks })) }],
    programs: [],
    progArrays: [],
    ...o,
  };
}

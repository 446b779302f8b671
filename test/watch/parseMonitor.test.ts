import { describe, expect, it } from 'vitest';
import { parseLinkMonitorLine, parseTcMonitorLine } from '../../src/watch/parseMonitor.js';

// Lines as iproute2 6.1 printed them on this kernel (see the live test for the source).
describe('parseTcMonitorLine', () => {
  it.each([
    ['added filter dev v0 ingress protocol all pref 10 bpf chain 0 handle 0x1 dd_agent.o:[classifier/ingress] direct-action not_in_hw id 525 name classifier_ingr tag f03f3c893109830e jited ',
      { object: 'filter', op: 'added', device: 'v0', direction: 'ingress', pref: 10, kind: 'bpf', handle: '0x1' }],
    ['replaced filter dev v0 ingress protocol all pref 10 bpf chain 0 handle 0x1 foreign_ok.o:[tc] direct-action',
      { op: 'replaced', pref: 10 }],
    ['deleted filter dev v0 egress protocol all pref 3 bpf chain 0 ', { op: 'deleted', direction: 'egress', pref: 3, handle: null }],
    ['qdisc clsact ffff: dev v0 parent ffff:fff1 ', { object: 'qdisc', op: 'added', kind: 'clsact', device: 'v0', direction: null }],
    ['deleted qdisc clsact ffff: dev v0 parent ffff:fff1 refcnt 0 ', { object: 'qdisc', op: 'deleted', kind: 'clsact' }],
  ])('%s', (line, want) => {
    expect(parseTcMonitorLine(line)).toMatchObject(want);
  });

  it('a filter of the legacy ingress qdisc (`parent ffff:`) is an ingress one', () => {
    expect(parseTcMonitorLine('added filter dev w1 parent ffff: protocol all pref 4 bpf chain 0 handle 0x1 x.o:[tc] direct-action')?.direction).toBe('ingress');
    expect(parseTcMonitorLine('added filter dev w1 parent 1: protocol all pref 4 u32 chain 0 fh 800::800')?.direction).toBeNull();
  });
  it('ignores chain events and continuation lines', () => {
    expect(parseTcMonitorLine('added chain dev v0 parent ffff: chain 0 ')).toBeNull();
    expect(parseTcMonitorLine('  match 00000000/00000000 at 0')).toBeNull();
  });
});

describe('parseLinkMonitorLine', () => {
  it('reads new and deleted devices', () => {
    expect(parseLinkMonitorLine('3: v0@v1: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop')).toMatchObject({ op: 'new', ifindex: 3, device: 'v0' });
    expect(parseLinkMonitorLine('Deleted 3: v0@NONE: <BROADCAST,MULTICAST> mtu 1500')).toMatchObject({ op: 'deleted', device: 'v0' });
    expect(parseLinkMonitorLine('    link/ether 4e:b7:7f:54:9e:96 brd ff:ff:ff:ff:ff:ff')).toBeNull();
  });
});

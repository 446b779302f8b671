import { describe, expect, it } from 'vitest';
import { legacyIngressDevices, legacyIngressIn } from '../../src/collect/ingressQdisc.js';

describe('legacyIngressDevices', () => {
  it('names the devices tc -j qdisc show lists with an ingress qdisc (as iproute2 6.1 prints it)', () => {
    const out = '[{"kind":"noqueue","handle":"0:","dev":"lo","root":true,"refcnt":2,"options":{}},{"kind":"clsact","handle":"ffff:","dev":"v1","parent":"ffff:fff1","options":{}},{"kind":"ingress","handle":"ffff:","dev":"v0","parent":"ffff:fff1","options":{}}]';
    expect(legacyIngressDevices(out)).toEqual(['v0']);
  });
  it('none, or not JSON', () => {
    expect(legacyIngressDevices('[]')).toEqual([]);
    expect(legacyIngressDevices('qdisc ingress ffff: dev v0')).toBeNull();
    expect(legacyIngressDevices('{"kind":"ingress"}')).toBeNull();
    expect(legacyIngressDevices('[null, 3, {"kind":"ingress"}]')).toEqual([]);
  });
});

describe('legacyIngressIn (a tc -batch line, parsed)', () => {
  it('reads the parsed listing as legacyIngressDevices reads the text', () => {
    const v = [{ kind: 'ingress', handle: 'ffff:', dev: 'v0' }, { kind: 'clsact', dev: 'v1' }];
    expect(legacyIngressIn(v)).toEqual(['v0']);
    expect(legacyIngressIn({})).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { identifyFilter, identifyTcx } from '../../../src/analyze/vendors/identify.js';
import { bpf, tcx } from '../../helpers/snapshotBuilders.js';

describe('identifyFilter', () => {
  it.each([
    ['cil_from_container-lxc12ab', null, 'cilium'],
    ['bpf_lxc.o:[from-container]', null, 'cilium'],
    ['cali_tc_preambl:[42]', null, 'calico'],
    ['to_hep_no_log.o:[calico_to_host_ep]', null, 'calico'],
    ['handle_ingress', null, 'aws-network-policy-agent'],
    ['classifier_ingress_security_classifier_ingress_12_4026531840_1234', null, 'datadog'],
    ['classifier_raw_packet_egress_security_x', null, 'datadog'],
    ['tc/tc_http_ingress', null, 'beyla'],
    ['tc_dispatcher', null, 'bpfman'],
    ['mb_tc_ingress', null, 'merbridge'],
    ['tc_ingress_flow_parse', null, 'netobserv'],
    [null, 'endpoint_ingres', 'retina'],
    ['prog.o:[tc]', 'my_filter', 'unknown'],
  ])('tc name %s / prog %s -> %s', (tcName, progName, want) => {
    expect(identifyFilter(bpf(1, tcName, { program: { id: 1, name: progName, tag: null } })).id).toBe(want);
  });
  it('needs protocol ip for the generic KubeSkoop name pattern', () => {
    expect(identifyFilter(bpf(1, 'eth0-ingress', { protocol: 'ip' })).id).toBe('kubeskoop');
    expect(identifyFilter(bpf(1, 'eth0-ingress', { protocol: 'all' })).id).toBe('unknown');
  });
  it('says why for non-bpf filters', () => {
    const m = identifyFilter(bpf(1, null, { kind: 'u32' }));
    expect(m).toEqual({ id: 'unknown', evidence: 'not an eBPF classifier (u32)' });
  });
  it('evidence names the pattern', () => {
    expect(identifyFilter(bpf(1, 'cil_to_netdev-eth0')).evidence).toContain('cil_to_netdev-eth0');
  });
  it('a name match reads, and serialises, as the plain {id, evidence} it stands for', () => {
    const m = identifyFilter(bpf(1, 'classifier_ingress_security_ab12:[7]'));
    const want = { id: 'datadog', evidence: 'tc name "classifier_ingress_security_ab12:[7]" matches ^classifier_(raw_packet_)?(ingress|egress)_security' };
    expect({ id: m.id, evidence: m.evidence }).toEqual(want);
    expect(JSON.parse(JSON.stringify(m))).toEqual(want);
    expect(JSON.parse(JSON.stringify({ vendor: m })).vendor).toEqual(want);
    const byProgram = identifyFilter(bpf(1, 'x.o:[tc]', { program: { id: 1, name: 'cil_from_netdev', tag: null } }));
    expect(byProgram.evidence).toBe('program name "cil_from_netdev" matches ^cil_');
    expect(identifyTcx(tcx('cali_tc_preamble')).evidence).toBe('bpftool name "cali_tc_preamble" matches ^cali_');
  });
  it('a repeated name gets the same (immutable) answer', () => {
    expect(identifyFilter(bpf(2, 'bpf_lxc.o:[to-container]'))).toBe(identifyFilter(bpf(3, 'bpf_lxc.o:[to-container]')));
  });
});

describe('identifyTcx', () => {
  it('uses the full BTF name bpftool prints', () => {
    expect(identifyTcx(tcx('cil_from_container')).id).toBe('cilium');
    expect(identifyTcx(tcx('cali_tc_preamble')).id).toBe('calico');
    expect(identifyTcx(tcx('something_else')).id).toBe('unknown');
  });
});

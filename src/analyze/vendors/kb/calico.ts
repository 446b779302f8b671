import type { VendorEntry } from '../types.js';

// projectcalico/calico felix/bpf/tc/attach.go, felix/bpf-gpl/tc_preamble.c.
export const calico: VendorEntry = {
  id: 'calico',
  displayName: 'Calico eBPF dataplane',
  tcName: [/^cali_tc_preambl/, /^calico_/, /calico/],
  progName: [/^cali_tc_preambl/, /^calico_/, /^cali_/],
  bpftoolName: [/^cali_/, /^calico_/, /calico/],
  usualPref: 'kernel-assigned',
  usualHandle: null,
  legacy: {
    terminal: 'sometimes',
    returnCodes: [-1, 2, 7],
    versions: null,
    confidence: 'verified',
    note: 'allowed traffic usually returns TC_ACT_UNSPEC; the fast path redirects (7) and denied traffic is dropped (2)',
  },
  tcx: {
    terminal: 'sometimes',
    returnCodes: [-1, 2, 7],
    versions: '>=3.31.0',
    confidence: 'inferred',
    note: 'same programs attached through tcx (BPFAttachType TCX default from 3.31)',
  },
  hazards: [
    {
      kind: 'deletes-clsact',
      versions: '>=3.31.0',
      description: 'after a tcx attach it removes the clsact qdisc of the interface, taking every vendor\'s legacy filters with it',
      source: 'calico felix/bpf/tc/attach.go RemoveQdisc',
    },
  ],
  knob: 'FelixConfiguration bpfAttachType (TC|TCX); Calico picks a kernel-assigned pref (49152 downward), so it normally runs after the agent',
  sources: ['https://github.com/projectcalico/calico/blob/master/felix/bpf/tc/attach.go'],
};
